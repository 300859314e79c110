/** Table rows as both stores read them, and the model objects they stand for. */
import type { Article, Topic } from "../core/model.js";

export interface ArticleRow {
  id: string;
  topic_id: string;
  title: string;
  body: string;
  published: string;
  published_estimated: number;
  source: string | null;
  url: string | null;
  language: string | null;
  ingested_at: string;
  analysis: string;
}

export interface TopicRow {
  id: string;
  title: string;
  description: string;
  keywords: string;
}

export function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    topicId: row.topic_id,
    title: row.title,
    body: row.body,
    published: row.published,
    publishedEstimated: Number(row.published_estimated) === 1,
    source: row.source,
    url: row.url,
    language: row.language,
    ingestedAt: row.ingested_at,
    analysis: JSON.parse(row.analysis),
  };
}

/** An article's column values, in the order of ARTICLE_COLUMNS. */
export const ARTICLE_COLUMNS =
  "id, topic_id, title, body, published, published_estimated, source, url, language, ingested_at, analysis";

export function articleValues(a: Article): unknown[] {
  return [
    a.id,
    a.topicId,
    a.title,
    a.body,
    a.published,
    a.publishedEstimated ? 1 : 0,
    a.source,
    a.url,
    a.language,
    a.ingestedAt,
    JSON.stringify(a.analysis),
  ];
}

/** The WHERE clause of an article listing; `placeholder(n)` writes the n-th parameter as the database wants it. */
export function articleFilter(
  filter: { topicId?: string; since?: string; arrivedAfter?: string },
  placeholder: (n: number) => string,
): { where: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  const add = (clause: string, value: string) => {
    params.push(value);
    clauses.push(`${clause} ${placeholder(params.length)}`);
  };
  if (filter.topicId) add("topic_id =", filter.topicId);
  if (filter.since) add("published >", filter.since);
  if (filter.arrivedAfter) add("ingested_at >", filter.arrivedAfter);
  return { where: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

export function toTopic(row: TopicRow): Topic {
  return { id: row.id, title: row.title, description: row.description, keywords: JSON.parse(row.keywords) };
}
