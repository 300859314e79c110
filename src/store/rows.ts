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

export function toTopic(row: TopicRow): Topic {
  return { id: row.id, title: row.title, description: row.description, keywords: JSON.parse(row.keywords) };
}
