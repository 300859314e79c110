/** A briefing on a topic: summary, key entities, timeline and sources, every line citing its article. */
import type { Article, Entity, Topic } from "../core/model.js";
import type { Briefing, EntitySummary, SourceRef, SummaryLine } from "../core/reply.js";
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

export function sourceRef(a: Article): SourceRef {
  return { articleId: a.id, title: a.title, url: a.url, published: a.published, source: a.source };
}

/** Articles newest first. */
function byRecency(articles: Article[]): Article[] {
  return [...articles].sort((a, b) => b.published.localeCompare(a.published) || a.id.localeCompare(b.id));
}

export function summaryCandidates(articles: Article[]): Candidate[] {
  const candidates: Candidate[] = [];
  byRecency(articles)
    .slice(0, MAX_ARTICLES)
    .forEach((article, recencyRank) => {
      let position = 0;
      for (const s of article.analysis.sentences) {
        if (s.heading) continue;
        if (position >= MAX_SENTENCES_PER_ARTICLE) break;
        candidates.push({
          text: s.text,
          terms: s.terms,
          position: position++,
          recencyRank,
          ref: { articleId: article.id, sentenceIndex: s.index },
        });
      }
    });
  return candidates;
}

/** Summary lines newest article first, in reading order within an article. */
export function summarizeArticles(articles: Article[], sentences: number): SummaryLine[] {
  const recency = new Map(byRecency(articles).map((a, i) => [a.id, i]));
  const picked = selectSentences(summaryCandidates(articles), { sentences });
  picked.sort(
    (a, b) =>
      (recency.get(a.ref.articleId) ?? 0) - (recency.get(b.ref.articleId) ?? 0) ||
      a.ref.sentenceIndex - b.ref.sentenceIndex,
  );
  return picked.map((c) => ({ text: c.text, articleId: c.ref.articleId }));
}

/** Entities across articles, merged by name and alias, most mentioned first. */
export function mergeEntities(articles: Article[], limit = MAX_ENTITIES): EntitySummary[] {
  const merged = new Map<string, Entity>();
  const keyOf = new Map<string, string>();
  for (const article of articles) {
    for (const e of article.analysis.entities) {
      const key = [e.name, ...e.aliases].map((n) => keyOf.get(n)).find(Boolean) ?? e.name;
      const existing = merged.get(key);
      if (existing) {
        existing.mentions += e.mentions;
        for (const alias of [e.name, ...e.aliases]) {
          if (alias !== existing.name && !existing.aliases.includes(alias)) existing.aliases.push(alias);
        }
        if (existing.type === "other") existing.type = e.type;
        existing.role ??= e.role;
      } else {
        merged.set(key, { ...e, aliases: [...e.aliases] });
      }
      for (const n of [e.name, ...e.aliases]) keyOf.set(n, key);
    }
  }
  return [...merged.values()]
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((e) => ({
      name: e.name,
      type: e.type,
      aliases: e.aliases,
      mentions: e.mentions,
      ...(e.role ? { role: e.role } : {}),
    }));
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
  };
  if (articles.length === 0) {
    base.notice = options.since
      ? `No new developments on ${topic.title} since ${options.since.slice(0, 10)}.`
      : `Not enough to brief on ${topic.title} yet: the topic has no articles.`;
    return base;
  }
  return {
    ...base,
    summary: summarizeArticles(articles, options.sentences ?? 5),
    entities: mergeEntities(articles),
    timeline: buildTimeline(articles),
    sources: byRecency(articles).map(sourceRef),
  };
}
