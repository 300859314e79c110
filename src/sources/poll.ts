/**
 * One poll of one feed: a conditional GET, the feed parsed, items not seen before taken oldest first,
 * each article's page fetched and its text extracted (the feed's own text when the page gives none),
 * duplicates dropped (GUID, canonical URL across feeds, content hash, near-duplicate text), the rest
 * routed to a topic and stored. The first successful poll of a source only records the items it finds
 * as seen, so that adding a feed does not flood the next digest with its back catalogue.
 *
 * A failure never touches stored articles or other sources: it is recorded on the source with a clear
 * reason, retried with back-off, and after `failureLimit` failures in a row the source is disabled.
 */
import type { Logger } from "pino";
import { feedPollsTotal } from "../ops/metrics.js";
import type { Store } from "../store/store.js";
import { FeedError, type FeedItem, parseFeedDocument } from "./feed.js";
import { DEFAULT_FETCH_POLICY, FetchError, type FetchPolicy, safeFetch } from "./fetch.js";
import { extractPage } from "./page.js";
import { PageFetcher } from "./page-fetch.js";
import { buildProfile, routeItem, type TopicProfile } from "./routing.js";
import { nextSlot, retryAt } from "./schedule.js";
import type { ItemStatus, SeenItem, Source } from "./source.js";
import { storeStory } from "./story.js";

export interface PollOptions {
  store: Store;
  policy?: FetchPolicy;
  now?: () => Date;
  logger?: Logger;
  /** Failed polls in a row before the source is disabled. */
  failureLimit?: number;
  /** Article pages fetched at once within one poll. */
  pageConcurrency?: number;
  /**
   * Fetches article pages after asking robots.txt, within the per-host limit; shared by every poll of
   * a service so the limit holds across feeds. Without one, the poll uses its own.
   */
  pages?: PageFetcher;
}

export const DEFAULT_FAILURE_LIMIT = 5;
const DEFAULT_PAGE_CONCURRENCY = 4;
/** How long an item is remembered after it was first seen, once its feed no longer lists it. */
export const SEEN_ITEMS_KEPT_DAYS = 180;
/** Items prepared (pages fetched) before they are stored and recorded, so an interrupted poll keeps its progress. */
const BATCH = 32;
/** Page text shorter than this is a teaser or a paywall: the feed's text is used if it is longer. */
const MIN_PAGE_TEXT = 280;

export type PollOutcome = "baseline" | "updated" | "not-modified" | "failed" | "disabled";

export interface PollReport {
  sourceId: string;
  url: string;
  outcome: PollOutcome;
  /** Items in the feed document. */
  items: number;
  /** Items not seen before. */
  fresh: number;
  added: number;
  duplicates: number;
  nearDuplicates: number;
  ignored: number;
  rejected: number;
  error?: string;
  nextPollAt: string;
  /** Ids of the articles this poll added. */
  articleIds: string[];
}

interface Prepared {
  item: FeedItem;
  title: string;
  body: string;
  published: string | null;
  outlet: string | null;
  language: string | null;
  url: string | null;
  pageError?: string;
}

function emptyReport(source: Source, outcome: PollOutcome, nextPollAt: Date): PollReport {
  return {
    sourceId: source.id,
    url: source.url,
    outcome,
    items: 0,
    fresh: 0,
    added: 0,
    duplicates: 0,
    nearDuplicates: 0,
    ignored: 0,
    rejected: 0,
    nextPollAt: nextPollAt.toISOString(),
    articleIds: [],
  };
}

export async function pollSource(source: Source, options: PollOptions): Promise<PollReport> {
  const now = (options.now ?? (() => new Date()))();
  const policy = options.policy ?? DEFAULT_FETCH_POLICY;
  let report: PollReport;
  try {
    report = await pollOnce(source, options, policy, now);
  } catch (error) {
    report = await recordFailure(source, options, error, now);
  }
  feedPollsTotal.inc({ outcome: report.outcome });
  return report;
}

async function pollOnce(
  source: Source,
  options: PollOptions,
  policy: FetchPolicy,
  now: Date,
): Promise<PollReport> {
  const { store } = options;
  const baseline = source.lastSuccessAt === null;
  const next = nextSlot(source.url, source.intervalSeconds, now);
  const fetched = await safeFetch(
    {
      url: source.url,
      expect: "feed",
      etag: baseline ? null : source.etag,
      lastModified: baseline ? null : source.lastModified,
    },
    policy,
  );
  const success = {
    status: "ok" as const,
    statusReason: null,
    failures: 0,
    lastError: null,
    lastPolledAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    nextPollAt: next.toISOString(),
  };
  if (fetched.status === "not-modified") {
    await store.sources.finishPoll(source.id, success);
    return emptyReport(source, "not-modified", next);
  }
  const feed = parseFeedDocument(fetched.text, fetched.url);
  const seen = await store.sources.seenItemKeys(
    source.id,
    feed.items.map((item) => item.key),
  );
  const fresh: FeedItem[] = [];
  const keys = new Set<string>();
  for (const item of feed.items) {
    if (seen.has(item.key) || keys.has(item.key)) continue;
    keys.add(item.key);
    fresh.push(item);
  }
  // Feeds list the newest first; stored oldest first, the arrival order follows the news.
  fresh.reverse();
  const report = emptyReport(source, baseline ? "baseline" : "updated", next);
  report.items = feed.items.length;
  report.fresh = fresh.length;
  const outlet = feed.title ?? source.title ?? new URL(source.url).hostname;
  if (baseline) {
    await store.sources.recordItems(
      fresh.map((item) => seenItem(source.id, item, "baseline", null, null, now)),
    );
  } else {
    await ingestFresh(source, fresh, outlet, report, options, policy, now);
  }
  // Items first seen long ago and gone from the feed will not come back: forget them.
  await store.sources.pruneItems(
    source.id,
    new Date(now.getTime() - SEEN_ITEMS_KEPT_DAYS * 86_400_000),
    feed.items.map((item) => item.key),
  );
  await store.sources.finishPoll(source.id, {
    ...success,
    title: feed.title ?? source.title,
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    addItemsSeen: fresh.length,
    addArticlesAdded: report.added,
  });
  options.logger?.info(
    {
      source: source.id,
      outcome: report.outcome,
      fresh: report.fresh,
      added: report.added,
      duplicates: report.duplicates + report.nearDuplicates,
    },
    "source polled",
  );
  return report;
}

async function ingestFresh(
  source: Source,
  fresh: FeedItem[],
  outlet: string,
  report: PollReport,
  options: PollOptions,
  policy: FetchPolicy,
  now: Date,
): Promise<void> {
  const { store } = options;
  const routed = source.route || source.topics.length > 1;
  const profiles = routed ? await routingProfiles(store, source) : [];
  const pages = options.pages ?? new PageFetcher();
  for (let start = 0; start < fresh.length; start += BATCH) {
    const batch = fresh.slice(start, start + BATCH);
    const records: SeenItem[] = [];
    // A link another feed already brought in is that story again: no need to fetch the page.
    const urls = batch.map((i) => i.url).filter((u): u is string => u !== null);
    const known = await store.sources.seenUrls(urls);
    const toFetch = batch.filter((i) => !(i.url && known.has(i.url)));
    const prepared = await mapLimited(toFetch, options.pageConcurrency ?? DEFAULT_PAGE_CONCURRENCY, (item) =>
      prepare(item, outlet, pages, policy, now),
    );
    const byKey = new Map(prepared.map((p) => [p.item.key, p]));
    for (const item of batch) {
      const p = byKey.get(item.key);
      if (!p) {
        const articleId = item.url ? (known.get(item.url) ?? null) : null;
        if (articleId && item.url)
          await store.sources.addStorySource({
            articleId,
            url: item.url,
            outlet,
            title: item.title,
            sourceId: source.id,
            seenAt: now.toISOString(),
          });
        report.duplicates++;
        records.push(
          seenItem(source.id, item, "duplicate", articleId, "link already seen from another feed", now),
        );
        continue;
      }
      const topicId = routed ? routeItem(profiles, p.title, p.body)?.topicId : source.topics[0];
      if (!topicId) {
        report.ignored++;
        records.push(seenItem(source.id, item, "ignored", null, "matches none of the topics", now));
        continue;
      }
      const outcome = await storeStory(
        store,
        {
          title: p.title,
          body: p.body,
          published: p.published,
          topicId,
          url: p.url,
          outlet: p.outlet,
          sourceId: source.id,
          language: p.language,
        },
        now,
      );
      const status: ItemStatus = outcome.status;
      if (status === "added") {
        report.added++;
        if (outcome.articleId) report.articleIds.push(outcome.articleId);
      } else if (status === "duplicate") report.duplicates++;
      else if (status === "near-duplicate") report.nearDuplicates++;
      else report.rejected++;
      // A rejected item whose page was not read says both why: the feed's text alone was not enough.
      const reason =
        status === "rejected" && p.pageError && outcome.reason
          ? `${outcome.reason}; ${p.pageError}`
          : (outcome.reason ?? p.pageError ?? null);
      records.push(seenItem(source.id, item, status, outcome.articleId ?? null, reason, now));
    }
    await store.sources.recordItems(records);
  }
}

async function routingProfiles(store: Store, source: Source): Promise<TopicProfile[]> {
  const ids = source.route ? (await store.listTopics()).map((t) => t.id) : source.topics;
  // A topic named on the source comes first, so it wins ties.
  const ordered = [...new Set([...source.topics, ...ids])];
  return Promise.all(ordered.map((id) => buildProfile(store, id)));
}

/**
 * The article behind an item: its page's text when the page has an article, else the feed's text (also
 * when robots.txt disallows the page or cannot be read: the page is then not fetched at all).
 */
async function prepare(
  item: FeedItem,
  outlet: string,
  pages: PageFetcher,
  policy: FetchPolicy,
  now: Date,
): Promise<Prepared> {
  const base: Prepared = {
    item,
    title: item.title,
    body: item.text,
    published: item.published,
    outlet,
    language: null,
    url: item.url,
  };
  if (!item.url) return base;
  try {
    const fetched = await pages.fetch(item.url, policy, now);
    if (fetched.status !== "ok") return base;
    const page = extractPage(fetched.text, fetched.url);
    const usePage = page.text.length >= MIN_PAGE_TEXT || page.text.length > item.text.length;
    return {
      ...base,
      title: item.title || page.title || base.title,
      body: usePage ? page.text : item.text,
      published: item.published ?? page.published,
      language: page.language,
      pageError: usePage ? undefined : "the page has no article text; the feed's text was used",
    };
  } catch (error) {
    const reason = error instanceof FetchError ? error.message : (error as Error).message;
    return { ...base, pageError: `page not read (${reason}); the feed's text was used` };
  }
}

function seenItem(
  sourceId: string,
  item: FeedItem,
  status: ItemStatus,
  articleId: string | null,
  reason: string | null,
  now: Date,
): SeenItem {
  return { sourceId, itemKey: item.key, url: item.url, status, articleId, reason, seenAt: now.toISOString() };
}

async function recordFailure(
  source: Source,
  options: PollOptions,
  error: unknown,
  now: Date,
): Promise<PollReport> {
  const limit = options.failureLimit ?? DEFAULT_FAILURE_LIMIT;
  const message = describeFailure(error);
  const failures = source.failures + 1;
  const gone = error instanceof FetchError && error.details.httpStatus === 410;
  const disable = gone || failures >= limit;
  const retryAfter = error instanceof FetchError ? error.details.retryAfterSeconds : undefined;
  const next = retryAt(source.url, source.intervalSeconds, failures, now, retryAfter);
  const reason = gone
    ? `the feed is gone (${message}); remove it or add its new address`
    : disable
      ? `stopped after ${failures === 1 ? "a failed poll" : `${failures} failed polls in a row`}; last error: ${message}`
      : message;
  await options.store.sources.finishPoll(source.id, {
    status: disable ? "disabled" : "failing",
    statusReason: reason,
    failures,
    lastError: message,
    lastPolledAt: now.toISOString(),
    nextPollAt: next.toISOString(),
  });
  const log = options.logger;
  if (disable) log?.warn({ source: source.id, url: source.url, reason }, "source disabled");
  else log?.info({ source: source.id, failures, error: message }, "source poll failed");
  return { ...emptyReport(source, disable ? "disabled" : "failed", next), error: reason };
}

function describeFailure(error: unknown): string {
  if (error instanceof FetchError || error instanceof FeedError) return error.message;
  return `unexpected error: ${(error as Error)?.message ?? String(error)}`;
}

/** `fn` over the items with at most `limit` running at once, results in input order. */
export async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
