/**
 * News sources as the CLI and chat commands see them: add (a feed for a topic, or for routing),
 * list (status, last poll, items, the reason a source is failing or disabled), remove, and poll now.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { UserFacingError } from "../core/errors.js";
import { isTopicId } from "../corpus/frontmatter.js";
import { newTopic } from "../corpus/ingest.js";
import type { Store } from "../store/store.js";
import { isIpLiteral, refusedAddress } from "./address.js";
import { DEFAULT_FETCH_POLICY, type FetchPolicy } from "./fetch.js";
import { DEFAULT_PAGES_PER_HOST } from "./host-limit.js";
import { PageFetcher } from "./page-fetch.js";
import { DEFAULT_FAILURE_LIMIT, mapLimited, type PollReport, pollSource } from "./poll.js";
import { formatInterval } from "./schedule.js";
import type { Source } from "./source.js";
import { canonicalUrl, checkSourceUrl, SourceUrlError } from "./url.js";

export interface SourceSettings {
  policy: FetchPolicy;
  /** Failed polls in a row before a source is disabled. */
  failureLimit: number;
  defaultIntervalSeconds: number;
  /** Shortest interval a source may ask for: a feed polled every few seconds is a burden on its server. */
  minIntervalSeconds: number;
  /** Sources polled at once by `poll` and by the poller. */
  concurrency: number;
  /** Article pages in flight at once to one host, across every source polled at once. */
  pagesPerHost: number;
}

export const DEFAULT_SOURCE_SETTINGS: SourceSettings = {
  policy: DEFAULT_FETCH_POLICY,
  failureLimit: DEFAULT_FAILURE_LIMIT,
  defaultIntervalSeconds: 600,
  minIntervalSeconds: 60,
  concurrency: 4,
  pagesPerHost: DEFAULT_PAGES_PER_HOST,
};

export interface AddSourceInput {
  url: string;
  topics: string[];
  intervalSeconds?: number;
  route?: boolean;
  createdBy?: string;
}

/** How long a poll holds its claim on a source before another instance may take it over. */
const LEASE_MS = 15 * 60_000;

export function sourceId(url: string): string {
  return `src-${createHash("sha256").update(url).digest("hex").slice(0, 8)}`;
}

export class SourceService {
  /** Names this process's claims on sources, so that several instances never poll one feed at once. */
  readonly owner = `poller-${process.pid}-${randomBytes(3).toString("hex")}`;
  /** Every poll's article pages go through this one fetcher: robots.txt cached, hosts limited, across sources. */
  readonly pages: PageFetcher;

  constructor(
    readonly store: Store,
    readonly settings: SourceSettings = DEFAULT_SOURCE_SETTINGS,
    private readonly logger?: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.pages = new PageFetcher(settings.pagesPerHost ?? DEFAULT_PAGES_PER_HOST);
  }

  /** Adds a feed, or adds a topic to a feed already followed (re-enabling it if it was disabled). */
  async add(input: AddSourceInput): Promise<{ source: Source; status: "added" | "updated" }> {
    let url: URL;
    try {
      url = checkSourceUrl(input.url);
    } catch (error) {
      if (error instanceof SourceUrlError)
        throw new UserFacingError(`Cannot add that source: ${error.message}.`);
      throw error;
    }
    if (isIpLiteral(url.hostname)) {
      const refused = refusedAddress(url.hostname, this.settings.policy.privateAddresses);
      if (refused) throw new UserFacingError(`Cannot add that source: ${refused}.`);
    }
    const topics = [...new Set(input.topics.map((t) => t.trim()).filter(Boolean))];
    if (topics.length === 0 && !input.route)
      throw new UserFacingError(
        "Name the topic the feed is for (--topic ID), or route its items with --route.",
      );
    for (const t of topics)
      if (!isTopicId(t))
        throw new UserFacingError(`'${t}' is not a topic id (lower-case letters, digits and dashes).`);
    const interval = input.intervalSeconds ?? this.settings.defaultIntervalSeconds;
    if (!Number.isInteger(interval) || interval < this.settings.minIntervalSeconds || interval > 7 * 86400)
      throw new UserFacingError(
        `The polling interval must be between ${formatInterval(this.settings.minIntervalSeconds)} and 7d.`,
      );
    for (const t of topics) {
      if (!(await this.store.getTopic(t))) await this.store.upsertTopic(newTopic(t));
    }
    const canonical = canonicalUrl(url.toString()) ?? url.toString();
    const id = sourceId(canonical);
    const now = this.now();
    const existing = await this.store.sources.getSource(id);
    if (existing) {
      const merged = [...new Set([...existing.topics, ...topics])];
      await this.store.sources.setSourceTopics(id, merged, existing.route || input.route === true);
      if (existing.status === "disabled") {
        await this.store.sources.finishPoll(id, {
          status: existing.lastSuccessAt ? "ok" : "new",
          statusReason: null,
          failures: 0,
          nextPollAt: now.toISOString(),
        });
      }
      return { source: (await this.store.sources.getSource(id)) as Source, status: "updated" };
    }
    const source: Source = {
      id,
      url: canonical,
      title: null,
      topics,
      route: input.route === true,
      intervalSeconds: interval,
      status: "new",
      statusReason: null,
      failures: 0,
      etag: null,
      lastModified: null,
      lastPolledAt: null,
      lastSuccessAt: null,
      lastError: null,
      // Polled at once: the first poll records what the feed holds now.
      nextPollAt: now.toISOString(),
      itemsSeen: 0,
      articlesAdded: 0,
      createdBy: input.createdBy ?? null,
      createdAt: now.toISOString(),
    };
    await this.store.sources.addSource(source);
    return { source, status: "added" };
  }

  /** Every source, or those feeding one topic (routed sources count for every topic). */
  async list(topicId?: string): Promise<Source[]> {
    const all = await this.store.sources.listSources();
    return topicId ? all.filter((s) => s.route || s.topics.includes(topicId)) : all;
  }

  async get(id: string): Promise<Source | undefined> {
    return this.store.sources.getSource(id.trim());
  }

  async remove(id: string): Promise<Source> {
    const source = await this.get(id);
    if (!source || !(await this.store.sources.removeSource(source.id)))
      throw new UserFacingError(`There is no source '${id}'. See the list of sources for their ids.`);
    return source;
  }

  /** Polls one source now (even a disabled one: a success re-enables it), or every source that is not disabled. */
  async poll(id?: string): Promise<PollReport[]> {
    const now = this.now();
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    let claimed: Source[];
    if (id) {
      const source = await this.get(id);
      if (!source)
        throw new UserFacingError(`There is no source '${id}'. See the list of sources for their ids.`);
      const mine = await this.store.sources.claimSource(source.id, this.owner, now, leaseUntil);
      if (!mine)
        throw new UserFacingError(`Source ${source.id} is being polled by another instance right now.`);
      claimed = [mine];
    } else {
      claimed = [];
      for (const s of await this.store.sources.listSources()) {
        if (s.status === "disabled") continue;
        const mine = await this.store.sources.claimSource(s.id, this.owner, now, leaseUntil);
        if (mine) claimed.push(mine);
      }
    }
    return mapLimited(claimed, this.settings.concurrency, (s) => this.pollClaimed(s));
  }

  /** Claims and polls the sources that are due; used by the poller on each tick. */
  async pollDue(limit: number): Promise<PollReport[]> {
    const now = this.now();
    const due = await this.store.sources.claimDueSources(
      this.owner,
      now,
      new Date(now.getTime() + LEASE_MS),
      limit,
    );
    return mapLimited(due, this.settings.concurrency, (s) => this.pollClaimed(s));
  }

  private pollClaimed(source: Source): Promise<PollReport> {
    return pollSource(source, {
      store: this.store,
      policy: this.settings.policy,
      failureLimit: this.settings.failureLimit,
      logger: this.logger,
      now: this.now,
      pages: this.pages,
    });
  }
}
