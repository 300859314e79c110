/** A briefing on a topic: summary, key entities, positions, timeline and sources, every line citing its article. */
import { contentTerms } from "../analysis/terms.js";
import type { Article, Topic } from "../core/model.js";
import type { Briefing, EntitySummary, SourceRef, SummaryLine } from "../core/reply.js";
import { keyEntities, mergeTopicEntities, rankEntities } from "./entities.js";
import { topicPositions } from "./positions.js";
import { cosine, inverseDocumentFrequency, tfidfVector } from "./similarity.js";
import { type Candidate, selectSentences } from "./summarize.js";
import { buildTimeline } from "./timeline.js";

export interface BriefOptions {
  /** Sentences in the summary. */
  sentences?: number;
  /** Only articles published after this ISO date ("what's new"). */
  since?: string;
  now?: Date;
}

/** The newest articles and leading sentences considered for a topic summary; older ones rarely make it in. */
const MAX_ARTICLES = 40;
const MAX_SENTENCES_PER_ARTICLE = 12;
const MAX_ENTITIES = 12;
/** A line of background is added to a digest only when it shares this much with what is new. */
const CONTEXT_MIN_SIMILARITY = 0.08;

export function sourceRef(a: Article): SourceRef {
  return { articleId: a.id, title: a.title, url: a.url, published: a.published, source: a.source };
}

/** Articles newest first. */
function byRecency(articles: Article[]): Article[] {
  return [...articles].sort((a, b) => b.published.localeCompare(a.published) || a.id.localeCompare(b.id));
}

/** Sentences an article offers: body sentences only, and not ones that are barely text (non-English, symbols). */
function bodySentences(article: Article) {
  return article.analysis.sentences.filter((s) => !s.heading && s.terms.length > 0);
}

export function summaryCandidates(articles: Article[]): Candidate[] {
  const candidates: Candidate[] = [];
  byRecency(articles)
    .slice(0, MAX_ARTICLES)
    .forEach((article, recencyRank) => {
      bodySentences(article)
        .slice(0, MAX_SENTENCES_PER_ARTICLE)
        .forEach((s, position) => {
          candidates.push({
            text: s.text,
            terms: s.terms,
            position,
            recencyRank,
            ref: { articleId: article.id, sentenceIndex: s.index },
          });
        });
    });
  return candidates;
}

/** Summary lines newest article first, in reading order within an article. */
export function summarizeArticles(
  articles: Article[],
  sentences: number,
  headline: string[] = [],
): SummaryLine[] {
  const recency = new Map(byRecency(articles).map((a, i) => [a.id, i]));
  const picked = selectSentences(summaryCandidates(articles), { sentences, headlineTerms: headline });
  picked.sort(
    (a, b) =>
      (recency.get(a.ref.articleId) ?? 0) - (recency.get(b.ref.articleId) ?? 0) ||
      a.ref.sentenceIndex - b.ref.sentenceIndex,
  );
  return picked.map((c) => ({ text: c.text, articleId: c.ref.articleId }));
}

/** Entities across articles, merged by name, alias and spelling, most salient first. */
export function mergeEntities(articles: Article[], limit = MAX_ENTITIES): EntitySummary[] {
  return keyEntities(articles, limit);
}

/**
 * The one earlier sentence that the new lines build on: the lead sentence of an older article
 * closest to them. None when nothing earlier is close enough to matter.
 */
export function digestContext(older: Article[], summary: SummaryLine[]): SummaryLine | undefined {
  if (older.length === 0 || summary.length === 0) return undefined;
  const pool = byRecency(older)
    .slice(0, MAX_ARTICLES)
    .flatMap((a) =>
      bodySentences(a)
        .slice(0, 3)
        .map((s) => ({ article: a, s })),
    );
  if (pool.length === 0) return undefined;
  const newTerms = summary.flatMap((l) => contentTerms(l.text));
  const idf = inverseDocumentFrequency([...pool.map((p) => p.s.terms), newTerms]);
  const target = tfidfVector(newTerms, idf);
  let best: { score: number; line: SummaryLine } | undefined;
  for (const p of pool) {
    const score = cosine(tfidfVector(p.s.terms, idf), target);
    if (!best || score > best.score) best = { score, line: { text: p.s.text, articleId: p.article.id } };
  }
  return best && best.score >= CONTEXT_MIN_SIMILARITY ? best.line : undefined;
}

/** Words of the topic's title and keywords: sentences about them are what the topic is about. */
function topicTerms(topic: Topic): string[] {
  return contentTerms([topic.title, ...topic.keywords].join(" "));
}

export function buildBriefing(topic: Topic, allArticles: Article[], options: BriefOptions = {}): Briefing {
  const now = options.now ?? new Date();
  const since = options.since;
  const articles = since ? allArticles.filter((a) => a.published > since) : allArticles;
  const base: Briefing = {
    topic: topic.id,
    title: topic.title,
    generatedAt: now.toISOString(),
    ...(options.since ? { since: options.since } : {}),
    summary: [],
    entities: [],
    timeline: [],
    sources: [],
    positions: [],
  };
  if (articles.length === 0) {
    base.notice = options.since
      ? `No new developments on ${topic.title} since ${options.since.slice(0, 10)}.`
      : `Not enough to brief on ${topic.title} yet: the topic has no articles.`;
    return base;
  }
  const summary = summarizeArticles(articles, options.sentences ?? 5, topicTerms(topic));
  if (summary.length === 0) {
    base.notice = `Not enough to brief on ${topic.title}: its articles have no sentences to summarize.`;
    base.sources = byRecency(articles).map(sourceRef);
    return base;
  }
  // Merged once: the key entities and the actors of positions come from the same merge.
  const { entities, aliases } = mergeTopicEntities(articles);
  const context = since
    ? digestContext(
        allArticles.filter((a) => a.published <= since),
        summary,
      )
    : undefined;
  const cited = new Set([...summary.map((s) => s.articleId), ...(context ? [context.articleId] : [])]);
  const sources = [
    ...byRecency(articles),
    ...byRecency(allArticles.filter((a) => cited.has(a.id) && !articles.includes(a))),
  ].map(sourceRef);
  return {
    ...base,
    summary,
    entities: rankEntities(entities, MAX_ENTITIES),
    timeline: buildTimeline(articles),
    sources,
    positions: topicPositions(articles, aliases),
    ...(context ? { context } : {}),
  };
}
