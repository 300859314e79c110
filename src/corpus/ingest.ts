/** Turning article inputs into stored, analysed articles, with a report of what happened to each. */
import { createHash } from "node:crypto";
import { analyzeArticle } from "../analysis/analyze.js";
import type { Article, ArticleInput, Topic } from "../core/model.js";
import type { Store } from "../store/store.js";
import { cleanArticleText } from "./clean.js";
import { isTopicId } from "./frontmatter.js";

export interface IngestOutcome {
  origin: string;
  status: "added" | "duplicate" | "rejected";
  articleId?: string;
  title?: string;
  topicId?: string;
  reason?: string;
}

/** The article id: a hash of the normalized text, so the same article from two places is one article. */
export function contentHash(body: string): string {
  const normalized = body.toLowerCase().replace(/\s+/g, " ").trim();
  return createHash("sha256").update(normalized).digest("hex").slice(0, 16);
}

/** A topic first named by an article or a feed, titled from its id until a topic file gives one. */
export function newTopic(id: string): Topic {
  const words = id.replace(/[-_]+/g, " ").trim();
  return { id, title: words.charAt(0).toUpperCase() + words.slice(1), description: "", keywords: [] };
}

export function buildArticle(input: ArticleInput, now: Date): Article | { error: string } {
  const title = input.title.replace(/\s+/g, " ").trim();
  if (!title) return { error: "the article has no title" };
  const body = cleanArticleText(input.body);
  const published = input.published ? new Date(input.published) : undefined;
  if (published && Number.isNaN(published.getTime()))
    return { error: `'published' is not a date: ${input.published}` };
  const date = published ?? now;
  const analysis = analyzeArticle(body, date);
  if (analysis.sentences.length === 0) return { error: "the article has no text to brief (only a title)" };
  return {
    id: contentHash(body),
    topicId: input.topicId,
    title,
    body,
    published: date.toISOString(),
    publishedEstimated: !published,
    source: input.source ?? null,
    url: input.url ?? null,
    language: input.language ?? null,
    ingestedAt: now.toISOString(),
    analysis,
  };
}

/** Store one article, creating its topic when it is new. */
export async function ingestArticle(
  store: Store,
  input: ArticleInput,
  now = new Date(),
): Promise<IngestOutcome> {
  const origin = input.origin ?? input.title;
  if (!isTopicId(input.topicId)) {
    return {
      origin,
      status: "rejected",
      reason: `topic '${input.topicId}' is not a valid id (letters, digits, dashes)`,
    };
  }
  const article = buildArticle(input, now);
  if ("error" in article) return { origin, status: "rejected", reason: article.error };
  if (!(await store.getTopic(input.topicId))) {
    await store.upsertTopic(newTopic(input.topicId));
  }
  const status = await store.addArticle(article);
  return { origin, status, articleId: article.id, title: article.title, topicId: article.topicId };
}
