/** A BM25 index over stored sentences, built in memory from their stored terms (no re-analysis). */
import type { Article } from "../core/model.js";

export interface SentenceRef {
  article: Article;
  sentenceIndex: number;
}

export interface Hit extends SentenceRef {
  score: number;
  /** Query terms found in the sentence. */
  matched: string[];
}

const K1 = 1.2;
const B = 0.75;

export class SentenceIndex {
  private readonly refs: SentenceRef[] = [];
  private readonly lengths: number[] = [];
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private averageLength = 1;

  constructor(articles: Article[]) {
    for (const article of articles) {
      for (const s of article.analysis.sentences) {
        const doc = this.refs.length;
        this.refs.push({ article, sentenceIndex: s.index });
        this.lengths.push(s.terms.length);
        const tf = new Map<string, number>();
        for (const t of s.terms) tf.set(t, (tf.get(t) ?? 0) + 1);
        for (const [t, f] of tf) {
          const list = this.postings.get(t);
          if (list) list.push({ doc, tf: f });
          else this.postings.set(t, [{ doc, tf: f }]);
        }
      }
    }
    const total = this.lengths.reduce((a, b) => a + b, 0);
    this.averageLength = Math.max(1, total / Math.max(1, this.lengths.length));
  }

  get size(): number {
    return this.refs.length;
  }

  /** Inverse document frequency; a term the corpus never uses gets the highest value. */
  idf(term: string): number {
    const n = this.refs.length;
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  search(terms: string[], limit = 10): Hit[] {
    const unique = [...new Set(terms)];
    const scores = new Map<number, { score: number; matched: string[] }>();
    for (const term of unique) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const { doc, tf } of list) {
        const len = this.lengths[doc] as number;
        const s = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / this.averageLength));
        const entry = scores.get(doc);
        if (entry) {
          entry.score += s;
          entry.matched.push(term);
        } else scores.set(doc, { score: s, matched: [term] });
      }
    }
    return [...scores.entries()]
      .map(([doc, { score, matched }]) => ({ ...(this.refs[doc] as SentenceRef), score, matched }))
      .sort((a, b) => b.score - a.score || b.article.published.localeCompare(a.article.published))
      .slice(0, limit);
  }
}
