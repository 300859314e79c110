/**
 * The store port. SQLite is the embedded default; other databases implement the same
 * interface with the same migrations. Every method is async so that a networked database fits.
 */
import type { Article, ArticleAnalysis, Topic } from "../core/model.js";
import type { SourceStore } from "../sources/source.js";
import type { LedgerStore } from "./ledger.js";

export interface Conversation {
  id: string;
  /** What a follow-up question may refer back to. */
  state: Record<string, unknown>;
  expiresAt: string;
}

/** What the sentence index needs of a stored article: its sentences' terms, without their texts. */
export interface ArticleTerms {
  id: string;
  topicId: string;
  title: string;
  url: string | null;
  published: string;
  sentences: { terms: string[]; heading: boolean }[];
}

/** One page of a listing; `next` is where the following page starts, absent after the last. */
export interface ArticlePage<T> {
  items: T[];
  next?: string;
}

export interface Store {
  /** Digest subscriptions and their delivery ledger. */
  readonly ledger: LedgerStore;
  /** News feeds, the items seen from them, and story fingerprints. */
  readonly sources: SourceStore;
  /** Where the data lives, for messages ("./data/newsbrief.db"). */
  readonly location: string;
  upsertTopic(topic: Topic): Promise<void>;
  getTopic(id: string): Promise<Topic | undefined>;
  listTopics(): Promise<Topic[]>;
  /** Adds the article unless one with the same id exists; says which. */
  addArticle(article: Article): Promise<"added" | "duplicate">;
  getArticle(id: string): Promise<Article | undefined>;
  /**
   * Articles of a topic (or all), oldest first; `since` keeps those published after it, `arrivedAfter`
   * those ingested after it (what a channel has not seen yet, whatever their publication date).
   */
  listArticles(filter?: { topicId?: string; since?: string; arrivedAfter?: string }): Promise<Article[]>;
  countArticles(topicId?: string): Promise<number>;
  /**
   * Every article's sentence terms, a page at a time in id order, starting after `after`: building the
   * sentence index this way never holds every stored article (or any sentence text) in memory at once.
   */
  listArticleTerms(page: { after?: string; limit: number }): Promise<ArticlePage<ArticleTerms>>;
  /** Replaces a stored article's analysis (after the analysis itself improved). */
  replaceAnalysis(id: string, analysis: ArticleAnalysis): Promise<void>;
  /** A counter that changes whenever articles are added, for caches of derived indexes. */
  revision(): Promise<number>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  getConversation(id: string, now: Date): Promise<Conversation | undefined>;
  saveConversation(conversation: Conversation): Promise<void>;
  /** Versions of the migrations applied, in order. */
  appliedMigrations(): Promise<number[]>;
  close(): Promise<void>;
}

/** A listing row (the sentences as stored JSON) as the sentence index reads it, texts dropped. */
export function articleTermsOf(row: {
  id: string;
  topic_id: string;
  title: string;
  url: string | null;
  published: string;
  sentences: string | null;
}): ArticleTerms {
  const sentences = JSON.parse(row.sentences ?? "[]") as { terms: string[]; heading: boolean }[];
  return {
    id: row.id,
    topicId: row.topic_id,
    title: row.title,
    url: row.url,
    published: row.published,
    sentences: sentences.map((s) => ({ terms: s.terms, heading: s.heading })),
  };
}
