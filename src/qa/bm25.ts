/**
 * A BM25 index over every stored sentence, built in memory from the terms stored at ingest (nothing
 * is re-analysed). Postings live in typed arrays so that 50,000 articles fit in a few hundred MB;
 * a sentence's score also borrows from its neighbours (a small window), so a question whose words
 * are spread over two adjacent sentences still finds them. Topics filter at search time, and equal
 * scores (the same sentence syndicated twice) go to the most recent article. Sentence texts are not
 * held: the few an answer reads are fetched from where the articles live (the store) per question.
 */
import type { Article, Entity } from "../core/model.js";
import type { ArticleTerms } from "../store/store.js";
import { nameKey } from "./aliases.js";

export interface IndexedArticle {
  id: string;
  topicId: string;
  title: string;
  url: string | null;
  published: string;
}

/** What an answer reads of an article: its sentence texts and the names its analysis found. */
export interface ArticleText {
  sentences: string[];
  entities: Pick<Entity, "name" | "type" | "aliases">[];
}

/** Where an article's texts come from when an answer needs them. */
export type SentenceTexts = (articleId: string) => Promise<ArticleText | undefined>;

/** A hit with its article's texts, read for answering. */
export interface Passage extends Hit {
  /** Every sentence of the article, so that neighbours can be read too. */
  sentences: string[];
  entities: ArticleText["entities"];
  text: string;
}

/** Articles whose texts were read recently: follow-ups and popular questions revisit them. */
const TEXT_CACHE = 64;

export interface Hit {
  article: IndexedArticle;
  sentenceIndex: number;
  /** Window score: the sentence's own BM25 plus a share of its neighbours'. */
  score: number;
  /** The sentence's own BM25 score. */
  own: number;
}

export interface QueryTerm {
  term: string;
  /** 1 for the question's own words, less for alias spellings. */
  weight: number;
}

const K1 = 1.2;
const B = 0.75;
/** How much a neighbouring sentence's score counts toward a sentence's window score. */
const NEIGHBOUR_SHARE = 0.35;

export class SentenceIndex {
  readonly articles: IndexedArticle[];
  private readonly topicIds = new Map<string, number>();
  private articleTopic: Int32Array;
  /** Newer articles have higher ranks; breaks ties between equal scores. */
  private articleRecency: Int32Array;
  private sentArticle: Int32Array;
  private sentIndex: Int32Array;
  private sentLength: Uint16Array;
  private readonly termIds = new Map<string, number>();
  private postingStart: Int32Array = new Int32Array(1);
  /** Per posting: sentence number × 16 + term frequency (capped at 15). */
  private postings: Int32Array = new Int32Array(0);
  private readonly keys = new Map<string, string[]>();
  private averageLength = 1;
  /** Sentences and total sentence length per topic: a topic's own statistics weigh its words. */
  private topicSentences: Int32Array;
  private topicLength: Float64Array;
  private scratch: Float64Array;
  /** The sentences a search scored, reused between searches: a search over every topic can touch most. */
  private touched: Int32Array;
  /** Per sentence: 1 for a headline or sub-heading, which is never an answer. */
  private sentHeading: Uint8Array;
  private readonly texts: SentenceTexts;
  private readonly textCache = new Map<string, Promise<ArticleText | undefined>>();

  /**
   * From articles in memory (their texts are kept), or from a builder filled with stored terms and a
   * way to read texts back per answer.
   */
  constructor(source: Iterable<Article> | SentenceIndexBuilder, texts?: SentenceTexts) {
    const builder = source instanceof SentenceIndexBuilder ? source : new SentenceIndexBuilder().add(source);
    const { articles, topicIds, termIds, df, parts, sentences, totalLength, kept } = builder.take();
    this.articles = articles;
    this.texts = texts ?? (async (id) => kept.get(id));
    for (const [k, v] of topicIds) this.topicIds.set(k, v);
    for (const [k, v] of termIds) this.termIds.set(k, v);
    this.averageLength = Math.max(1, totalLength / Math.max(1, sentences));
    this.postingStart = new Int32Array(df.length + 1);
    for (let i = 0; i < df.length; i++)
      this.postingStart[i + 1] = (this.postingStart[i] as number) + (df[i] as number);
    this.postings = new Int32Array(this.postingStart[df.length] as number);
    this.sentArticle = new Int32Array(sentences);
    this.sentIndex = new Int32Array(sentences);
    this.sentLength = new Uint16Array(sentences);
    this.sentHeading = new Uint8Array(sentences);
    this.articleTopic = new Int32Array(this.articles.length);
    this.articleRecency = new Int32Array(this.articles.length);
    this.scratch = new Float64Array(sentences);
    this.touched = new Int32Array(sentences);
    this.topicSentences = new Int32Array(this.topicIds.size);
    this.topicLength = new Float64Array(this.topicIds.size);
    // Postings, in sentence order, from the term ids each article's sentences were reduced to.
    const fill = new Int32Array(df.length);
    let doc = 0;
    parts.forEach((part, articleNumber) => {
      this.articleTopic[articleNumber] = part.topic;
      for (let k = 0; k < part.starts.length - 1; k++) {
        const from = part.starts[k] as number;
        const to = part.starts[k + 1] as number;
        this.sentArticle[doc] = articleNumber;
        this.sentIndex[doc] = k;
        this.sentLength[doc] = Math.min(65535, to - from);
        this.sentHeading[doc] = part.headings[k] ?? 0;
        this.topicSentences[part.topic] = (this.topicSentences[part.topic] as number) + 1;
        this.topicLength[part.topic] = (this.topicLength[part.topic] as number) + (to - from);
        const tf = new Map<number, number>();
        for (let x = from; x < to; x++) {
          const id = part.terms[x] as number;
          tf.set(id, (tf.get(id) ?? 0) + 1);
        }
        for (const [id, f] of tf) {
          const at = (this.postingStart[id] as number) + (fill[id] as number);
          this.postings[at] = doc * 16 + Math.min(15, f);
          fill[id] = (fill[id] as number) + 1;
        }
        doc++;
      }
    });
    const byDate = this.articles
      .map((a, i) => ({ i, p: a.published }))
      .sort((x, y) => x.p.localeCompare(y.p));
    byDate.forEach(({ i }, rank) => {
      this.articleRecency[i] = rank;
    });
    for (const term of this.termIds.keys()) {
      const key = nameKey(term);
      if (!key) continue;
      const list = this.keys.get(key);
      if (list) list.push(term);
      else this.keys.set(key, [term]);
    }
  }

  /** Number of sentences. */
  get size(): number {
    return this.sentArticle.length;
  }

  hasTopic(topicId: string): boolean {
    return this.topicIds.has(topicId);
  }

  /** In how many sentences (of one topic, when given) a term occurs. */
  documentFrequency(term: string, topicId?: string): number {
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    const start = this.postingStart[id] as number;
    const end = this.postingStart[id + 1] as number;
    if (topicId === undefined) return end - start;
    const topic = this.topicIds.get(topicId);
    if (topic === undefined) return 0;
    let df = 0;
    for (let p = start; p < end; p++)
      if (this.articleTopic[this.sentArticle[(this.postings[p] as number) >> 4] as number] === topic) df++;
    return df;
  }

  /**
   * Inverse document frequency, within a topic when one is given (a topic's recurring names are not
   * news within it); a term the corpus never uses gets the highest value.
   */
  idf(term: string, topicId?: string): number {
    const topic = topicId === undefined ? undefined : this.topicIds.get(topicId);
    const n = topic === undefined ? this.size : (this.topicSentences[topic] as number);
    const df = this.documentFrequency(term, topic === undefined ? undefined : topicId);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Other spellings of a name in the corpus ("chalifa" for "khalifa"), by a transliteration key. */
  spellings(term: string): string[] {
    const key = nameKey(term);
    if (!key) return [];
    return (this.keys.get(key) ?? []).filter((t) => t !== term);
  }

  search(terms: QueryTerm[], options: { topicId?: string; limit?: number } = {}): Hit[] {
    const limit = options.limit ?? 10;
    const topic = options.topicId === undefined ? -1 : (this.topicIds.get(options.topicId) ?? -2);
    if (topic === -2) return [];
    const averageLength =
      topic >= 0
        ? Math.max(1, (this.topicLength[topic] as number) / Math.max(1, this.topicSentences[topic] as number))
        : this.averageLength;
    const scores = this.scratch;
    const touched = this.touched;
    let touchedCount = 0;
    const seen = new Set<string>();
    for (const { term, weight } of terms) {
      if (seen.has(term)) continue;
      seen.add(term);
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const idf = this.idf(term, options.topicId) * weight;
      const end = this.postingStart[id + 1] as number;
      for (let p = this.postingStart[id] as number; p < end; p++) {
        const packed = this.postings[p] as number;
        const doc = packed >> 4;
        if (topic >= 0 && this.articleTopic[this.sentArticle[doc] as number] !== topic) continue;
        const tf = packed & 15;
        const len = this.sentLength[doc] as number;
        const s = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / averageLength));
        if (scores[doc] === 0) touched[touchedCount++] = doc;
        scores[doc] = (scores[doc] as number) + s;
      }
    }
    const window = (doc: number): number => {
      const a = this.sentArticle[doc];
      let w = scores[doc] as number;
      if (doc > 0 && this.sentArticle[doc - 1] === a) w += NEIGHBOUR_SHARE * (scores[doc - 1] as number);
      if (doc + 1 < this.size && this.sentArticle[doc + 1] === a)
        w += NEIGHBOUR_SHARE * (scores[doc + 1] as number);
      return w;
    };
    const recency = (doc: number) => this.articleRecency[this.sentArticle[doc] as number] as number;
    // Keep only the best `limit` sentences, best first (a higher score, then a newer article, then the
    // one found first): sorting every touched sentence would make garbage on the scale of the corpus.
    const best: { doc: number; score: number; own: number }[] = [];
    for (let k = 0; k < touchedCount; k++) {
      const doc = touched[k] as number;
      if (this.sentHeading[doc]) continue;
      // Round so that the same sentence in two articles ties exactly, and recency decides.
      const score = Math.round(window(doc) * 1e6) / 1e6;
      const worst = best[best.length - 1];
      if (
        best.length >= limit &&
        worst &&
        (score < worst.score || (score === worst.score && recency(doc) <= recency(worst.doc)))
      )
        continue;
      let at = best.length;
      while (at > 0) {
        const above = best[at - 1] as { doc: number; score: number };
        if (above.score > score || (above.score === score && recency(above.doc) >= recency(doc))) break;
        at--;
      }
      best.splice(at, 0, { doc, own: scores[doc] as number, score });
      if (best.length > limit) best.pop();
    }
    for (let k = 0; k < touchedCount; k++) scores[touched[k] as number] = 0;
    const hits: Hit[] = [];
    for (const r of best) {
      const article = this.articles[this.sentArticle[r.doc] as number] as IndexedArticle;
      hits.push({ article, sentenceIndex: this.sentIndex[r.doc] as number, score: r.score, own: r.own });
    }
    return hits;
  }

  /** The hits with their sentence texts; a hit whose article can no longer be read is dropped. */
  async passages(hits: Hit[]): Promise<Passage[]> {
    const out: Passage[] = [];
    for (const hit of hits) {
      const article = await this.textOf(hit.article.id);
      const text = article?.sentences[hit.sentenceIndex];
      if (article && text !== undefined) out.push({ ...hit, ...article, text });
    }
    return out;
  }

  private textOf(articleId: string): Promise<ArticleText | undefined> {
    let texts = this.textCache.get(articleId);
    if (texts) {
      this.textCache.delete(articleId);
    } else {
      texts = this.texts(articleId);
      texts.catch(() => this.textCache.delete(articleId));
    }
    this.textCache.set(articleId, texts);
    if (this.textCache.size > TEXT_CACHE) this.textCache.delete(this.textCache.keys().next().value as string);
    return texts;
  }
}

interface IndexedTerms {
  topic: number;
  /** Term ids of every sentence, one after another. */
  terms: Int32Array;
  /** Where each sentence's terms start in `terms`, plus the end. */
  starts: Int32Array;
  /** Per sentence: 1 for a heading. */
  headings: Uint8Array;
}

/**
 * Collects articles a page at a time, keeping only what searching needs: each sentence's term ids.
 * Whole articles (given in memory) keep their sentence texts too; stored articles listed by their
 * terms do not, so building the index never holds every stored article or sentence in memory.
 */
export class SentenceIndexBuilder {
  private articles: IndexedArticle[] = [];
  private kept = new Map<string, ArticleText>();
  private topicIds = new Map<string, number>();
  private termIds = new Map<string, number>();
  private df: number[] = [];
  private parts: IndexedTerms[] = [];
  private sentences = 0;
  private totalLength = 0;

  add(articles: Iterable<Article | ArticleTerms>): this {
    for (const a of articles) {
      const ss = "analysis" in a ? a.analysis.sentences : a.sentences;
      if ("analysis" in a)
        this.kept.set(a.id, {
          sentences: a.analysis.sentences.map((s) => s.text),
          entities: a.analysis.entities,
        });
      this.articles.push({
        id: a.id,
        topicId: a.topicId,
        title: a.title,
        url: a.url,
        published: a.published,
      });
      let topic = this.topicIds.get(a.topicId);
      if (topic === undefined) {
        topic = this.topicIds.size;
        this.topicIds.set(a.topicId, topic);
      }
      const starts = new Int32Array(ss.length + 1);
      const terms = new Int32Array(ss.reduce((n, s) => n + s.terms.length, 0));
      let at = 0;
      ss.forEach((s, k) => {
        starts[k] = at;
        const seen = new Set<number>();
        for (const t of s.terms) {
          let id = this.termIds.get(t);
          if (id === undefined) {
            id = this.termIds.size;
            this.termIds.set(t, id);
            this.df.push(0);
          }
          if (!seen.has(id)) {
            seen.add(id);
            this.df[id] = (this.df[id] as number) + 1;
          }
          terms[at++] = id;
        }
        this.sentences++;
        this.totalLength += s.terms.length;
      });
      starts[ss.length] = at;
      this.parts.push({ topic, terms, starts, headings: Uint8Array.from(ss, (s) => (s.heading ? 1 : 0)) });
    }
    return this;
  }

  /** Hand the collected data to the index (the builder is empty afterwards). */
  take() {
    const taken = {
      articles: this.articles,
      topicIds: this.topicIds,
      termIds: this.termIds,
      df: this.df,
      parts: this.parts,
      sentences: this.sentences,
      totalLength: this.totalLength,
      kept: this.kept,
    };
    this.articles = [];
    this.kept = new Map();
    this.topicIds = new Map();
    this.termIds = new Map();
    this.df = [];
    this.parts = [];
    this.sentences = 0;
    this.totalLength = 0;
    return taken;
  }
}
