/**
 * News sources (RSS, Atom and RDF feeds) and what the store keeps about them: the feed's polling
 * state, the items already seen, and fingerprints of stored stories for near-duplicate detection.
 */

/**
 * new: never polled (its first poll records the current items as seen, without reporting them);
 * ok: the last poll worked; failing: the last poll failed and it will be retried with back-off;
 * disabled: it failed too many times in a row and is no longer polled until polled by hand or re-added.
 */
export type SourceStatus = "new" | "ok" | "failing" | "disabled";

export interface Source {
  /** "src-" and 8 hex digits of the feed URL's hash: the same URL is always the same id. */
  id: string;
  url: string;
  /** The feed's own title once it has been read. */
  title: string | null;
  /** The topics this feed feeds; with several (or `route`), each item is scored and routed. */
  topics: string[];
  /** Score items against every topic and route them, instead of sending all to `topics`. */
  route: boolean;
  intervalSeconds: number;
  status: SourceStatus;
  /** Why it is failing or disabled, in words a subscriber understands. */
  statusReason: string | null;
  /** Consecutive failed polls. */
  failures: number;
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  nextPollAt: string;
  /** Feed items seen so far (all of them, new or not). */
  itemsSeen: number;
  /** Articles this feed added to the store. */
  articlesAdded: number;
  createdBy: string | null;
  createdAt: string;
}

/** What happened to one feed item; recorded so that it is never processed twice. */
export type ItemStatus = "baseline" | "added" | "duplicate" | "near-duplicate" | "ignored" | "rejected";

export interface SeenItem {
  sourceId: string;
  /** The item's GUID, else its canonical URL, else a hash of its title and text. */
  itemKey: string;
  /** Canonical URL of the article, when the item has one. */
  url: string | null;
  status: ItemStatus;
  articleId: string | null;
  reason: string | null;
  seenAt: string;
}

/** One outlet's copy of a story: the same wire story from two outlets is one article with two of these. */
export interface StorySource {
  articleId: string;
  url: string;
  outlet: string | null;
  title: string | null;
  sourceId: string | null;
  seenAt: string;
}

/** The fields a poll changes. */
export type SourcePollState = Partial<
  Pick<
    Source,
    | "title"
    | "status"
    | "statusReason"
    | "failures"
    | "etag"
    | "lastModified"
    | "lastPolledAt"
    | "lastSuccessAt"
    | "lastError"
    | "nextPollAt"
  >
> & { addItemsSeen?: number; addArticlesAdded?: number };

export interface SourceStore {
  /** Adds the source; "exists" when a source with that id (that URL) is already there. */
  addSource(source: Source): Promise<"added" | "exists">;
  getSource(id: string): Promise<Source | undefined>;
  listSources(): Promise<Source[]>;
  /** Replaces the topics and routing of a source (a feed added again for another topic). */
  setSourceTopics(id: string, topics: string[], route: boolean): Promise<void>;
  /** Removes the source and its seen items; stored articles stay. */
  removeSource(id: string): Promise<boolean>;
  /**
   * Claims sources due for a poll (not disabled, next poll at or before `now`, not claimed by another
   * instance), oldest due first.
   */
  claimDueSources(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<Source[]>;
  /** Claims one source whatever its schedule (a poll asked for by hand); undefined when another instance holds it. */
  claimSource(id: string, owner: string, now: Date, leaseUntil: Date): Promise<Source | undefined>;
  /** Records a poll's outcome and releases the claim. */
  finishPoll(id: string, state: SourcePollState): Promise<void>;
  /** Which of these item keys this source has already seen (a poll asks only about the feed's items). */
  seenItemKeys(sourceId: string, keys: string[]): Promise<Set<string>>;
  /**
   * Forgets this source's items first seen before `before`, except those still listed in the feed
   * (`listed`), so that the history does not grow for as long as the bot runs. Returns how many went.
   */
  pruneItems(sourceId: string, before: Date, listed: string[]): Promise<number>;
  /** Which of these canonical URLs some source has already seen, with the article each became. */
  seenUrls(urls: string[]): Promise<Map<string, string | null>>;
  recordItems(items: SeenItem[]): Promise<void>;
  listItems(sourceId: string): Promise<SeenItem[]>;
  addFingerprint(articleId: string, simhash: bigint, now: Date): Promise<void>;
  /** Stored fingerprints sharing at least one 16-bit band with this one (the candidates within 3 bits). */
  fingerprintCandidates(simhash: bigint): Promise<{ articleId: string; simhash: bigint }[]>;
  addStorySource(row: StorySource): Promise<void>;
  listStorySources(articleId: string): Promise<StorySource[]>;
}
