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
