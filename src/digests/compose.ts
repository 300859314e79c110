/**
 * What a scheduled digest says. A channel's first digest is a short full briefing; later ones cover
 * only the articles that arrived since the last digest delivered to that channel (its cursor).
 * Composition is cached per (topic, cursor) for one fan-out, so channels due together share it.
 */
import { buildBriefing } from "../briefing/brief.js";
import type { Core } from "../core/core.js";
import type { Article } from "../core/model.js";
import { notice, type ReplyDocument } from "../core/reply.js";
import type { Subscription } from "../store/ledger.js";

export interface ComposedDigest {
  /** null: nothing to post (a quiet subscription with nothing new). */
  document: ReplyDocument | null;
  /** The cursor to record once this digest is delivered. */
  cursor: string | null;
}

const FIRST_DIGEST_SENTENCES = 3;
const DIGEST_SENTENCES = 5;

function newestArrival(articles: Article[]): string | null {
  let newest: string | null = null;
  for (const a of articles) if (newest === null || a.ingestedAt > newest) newest = a.ingestedAt;
  return newest;
}

export async function composeDigest(
  core: Core,
  sub: Pick<Subscription, "topicId" | "cursor" | "quiet">,
  now: Date,
): Promise<ComposedDigest> {
  const topic = await core.store.getTopic(sub.topicId);
  if (!topic)
    return {
      document: notice(`The topic '${sub.topicId}' no longer exists.`, "warning", false),
      cursor: sub.cursor,
    };
  if (sub.cursor === null) {
    const articles = await core.store.listArticles({ topicId: topic.id });
    const briefing = buildBriefing(topic, articles, { sentences: FIRST_DIGEST_SENTENCES, now });
    return { document: { kind: "briefing", briefing }, cursor: newestArrival(articles) };
  }
  const fresh = await core.store.listArticles({ topicId: topic.id, arrivedAfter: sub.cursor });
  if (fresh.length === 0) {
    if (sub.quiet) return { document: null, cursor: sub.cursor };
    return {
      document: notice(
        `No new developments on ${topic.title} since ${sub.cursor.slice(0, 16).replace("T", " ")} UTC.`,
        "info",
        false,
      ),
      cursor: sub.cursor,
    };
  }
  const briefing = buildBriefing(topic, fresh, { sentences: DIGEST_SENTENCES, now });
  return {
    document: { kind: "briefing", briefing: { ...briefing, since: sub.cursor } },
    cursor: newestArrival(fresh),
  };
}

/** One composition per (topic, cursor, quiet) within a fan-out. */
export class DigestCache {
  private readonly entries = new Map<string, Promise<ComposedDigest>>();

  constructor(
    private readonly core: Core,
    private readonly now: Date,
  ) {}

  get(sub: Pick<Subscription, "topicId" | "cursor" | "quiet">): Promise<ComposedDigest> {
    const key = `${sub.topicId}\u0000${sub.cursor ?? ""}\u0000${sub.quiet}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = composeDigest(this.core, sub, this.now);
      this.entries.set(key, entry);
    }
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }
}
