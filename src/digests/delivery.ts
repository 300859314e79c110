/**
 * The delivery worker: claims due ledger rows, composes each digest once per (topic, cursor), posts
 * through the channel's adapter, and records the outcome. Transient failures retry with back-off
 * without holding up other channels; permanent ones pause the subscription with the reason.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Logger } from "pino";
import type { Platform } from "../core/command.js";
import type { Core } from "../core/core.js";
import { type ChatAdapter, isPermanentFailure, type PostResult } from "../core/port.js";
import { digestsTotal } from "../ops/metrics.js";
import type { Delivery, LedgerStore, Subscription } from "../store/ledger.js";
import { isStoreUnreachable } from "../store/unavailable.js";
import { DigestCache } from "./compose.js";

export interface DeliveryOptions {
  core: Core;
  adapters: Map<Platform, ChatAdapter>;
  logger: Logger;
  /** Catch-up window: rows fired longer ago than this are given up as missed. */
  catchupHours: number;
  /** How long a claim holds before another instance may take the row over (its holder died). */
  leaseSeconds: number;
  /** Posts in flight at once, across channels. */
  concurrency: number;
  now?: () => Date;
  /** Name of this instance in claims. */
  owner?: string;
}

export interface DeliveryReport {
  delivered: number;
  skipped: number;
  retrying: number;
  failed: number;
  composed: number;
}

const MAX_BACKOFF_MS = 15 * 60_000;
const BATCH = 200;
/** First and longest pause between tries of a ledger operation while the database is unreachable. */
const STORE_RETRY_FIRST_MS = 250;
const STORE_RETRY_MAX_MS = 5_000;

/** Exponential back-off from 5 s, capped, with jitter so that retries of many channels spread out. */
export function backoffMs(attempt: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** attempt);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

export class DigestDelivery {
  readonly owner: string;
  private readonly ledger: LedgerStore;
  private readonly now: () => Date;
  private running: Promise<DeliveryReport> | undefined;
  private again = false;
  private stopping = false;
  /** Whether the database was found unreachable and has not answered since (to log an outage once). */
  private storeUnreachable = false;

  constructor(private readonly options: DeliveryOptions) {
    this.ledger = options.core.store.ledger;
    this.now = options.now ?? (() => new Date());
    this.owner = options.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  }

  /** Deliver everything due now. Calls while a run is going on make it go round once more. */
  run(): Promise<DeliveryReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      const total: DeliveryReport = { delivered: 0, skipped: 0, retrying: 0, failed: 0, composed: 0 };
      // One composition per (topic, cursor) for the whole run, however many batches its channels take.
      const cache = new DigestCache(this.options.core, this.now());
      try {
        do {
          this.again = false;
          const report = await this.deliverDue(cache);
          for (const k of Object.keys(total) as (keyof DeliveryReport)[]) total[k] += report[k];
        } while (this.again && !this.stopping);
        return total;
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Stop taking new rows; wait for posts in flight up to `timeoutMs`; give the rest back. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    if (this.running) {
      await Promise.race([
        this.running.catch(() => {}),
        new Promise((r) => setTimeout(r, timeoutMs).unref()),
      ]);
    }
    await this.ledger.releaseClaims(this.owner);
  }

  /**
   * Every due row, through a pool of `concurrency` posts in flight. Rows are claimed a batch at a
   * time, the next batch while the current one is still posting, so posts never wait on the store.
   */
  private async deliverDue(cache: DigestCache): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: 0, skipped: 0, retrying: 0, failed: 0, composed: 0 };
    const composedBefore = cache.size;
    const queue: Delivery[] = [];
    const subscriptions = new Map<string, Promise<Subscription | undefined>>();
    let exhausted = false;
    let claimFailure: unknown;
    let claiming: Promise<void> | undefined;
    const refill = (): Promise<void> => {
      claiming ??= this.stored(() => this.claimBatch())
        .then(
          (rows) => {
            queue.push(...rows);
            if (rows.length < BATCH) exhausted = true;
          },
          // Not awaited by every worker: kept for the end of the run rather than left unhandled.
          (error: unknown) => {
            claimFailure ??= error;
            exhausted = true;
          },
        )
        .finally(() => {
          claiming = undefined;
        });
      return claiming;
    };
    const worker = async () => {
      while (!this.stopping) {
        if (!exhausted && queue.length <= this.options.concurrency) {
          const claimed = refill();
          if (queue.length === 0) await claimed;
        }
        const row = queue.shift();
        if (!row) {
          if (exhausted) return;
          continue;
        }
        let sub = subscriptions.get(row.subscriptionId);
        if (!sub) {
          sub = this.stored(() => this.ledger.getSubscription(row.subscriptionId));
          subscriptions.set(row.subscriptionId, sub);
        }
        const outcome = await this.deliverOne(row, await sub, cache);
        report[outcome]++;
        digestsTotal.inc({ outcome });
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, worker));
    if (claimFailure !== undefined) throw claimFailure;
    report.composed = cache.size - composedBefore;
    return report;
  }

  /**
   * A ledger operation that rides out a short database outage (a restart, a failover): tried again
   * while the database is unreachable, for up to a lease's length (by then another instance may hold
   * the rows). A post already on the platform is still recorded as delivered, and the run goes on.
   */
  private async stored<T>(operation: () => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + this.options.leaseSeconds * 1000;
    for (let wait = STORE_RETRY_FIRST_MS; ; wait = Math.min(wait * 2, STORE_RETRY_MAX_MS)) {
      try {
        const result = await operation();
        if (this.storeUnreachable) {
          this.storeUnreachable = false;
          this.options.logger.info("the database answers again; digest delivery goes on");
        }
        return result;
      } catch (error) {
        if (!isStoreUnreachable(error) || Date.now() + wait > giveUpAt) throw error;
        if (!this.storeUnreachable) {
          this.storeUnreachable = true;
          this.options.logger.warn(
            { err: error },
            "the database is unreachable; digest delivery waits for it",
          );
        }
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  private claimBatch(): Promise<Delivery[]> {
    const now = this.now();
    const notBefore = new Date(now.getTime() - this.options.catchupHours * 3_600_000);
    const lease = new Date(now.getTime() + this.options.leaseSeconds * 1000);
    return this.ledger.claimDeliveries(this.owner, now, lease, notBefore, BATCH);
  }

  /** The channel cannot be told (that is the failure): the person who subscribed it is, where possible. */
  private async tellSubscriber(adapter: ChatAdapter, sub: Subscription, reason: string): Promise<void> {
    if (!adapter.notifyUser || !sub.createdBy || sub.createdBy === "cli") return;
    const text =
      `Your digest of ${sub.topicId} for channel ${sub.channelId} is paused: ${reason}. ` +
      "Fix the channel or the bot's access there, then subscribe again with /digest subscribe.";
    try {
      await adapter.notifyUser({ id: sub.createdBy, workspace: sub.workspace || undefined }, text);
    } catch (error) {
      this.options.logger.info(
        { err: error, subscription: sub.id },
        "could not tell the subscriber about the pause",
      );
    }
  }

  private async deliverOne(
    row: Delivery,
    sub: Subscription | undefined,
    cache: DigestCache,
  ): Promise<"delivered" | "skipped" | "retrying" | "failed"> {
    const log = this.options.logger;
    if (sub?.status !== "active") {
      await this.stored(() => this.ledger.markSkipped(row.key, this.now()));
      return "skipped";
    }
    const adapter = this.options.adapters.get(sub.platform);
    if (!adapter) {
      // This instance does not serve that platform; another may. Try again later.
      await this.stored(() =>
        this.ledger.markFailed(
          row.key,
          `no ${sub.platform} connection in this instance`,
          new Date(this.now().getTime() + 60_000),
          false,
        ),
      );
      return "retrying";
    }
    let digest: Awaited<ReturnType<DigestCache["get"]>>;
    try {
      digest = await cache.get(sub);
    } catch (error) {
      log.error({ err: error, subscription: sub.id }, "digest could not be composed");
      await this.stored(() =>
        this.ledger.markFailed(
          row.key,
          "digest could not be composed",
          new Date(this.now().getTime() + backoffMs(row.attempts - 1)),
          false,
        ),
      );
      return "retrying";
    }
    if (!digest.document) {
      await this.stored(() => this.ledger.markSkipped(row.key, this.now()));
      return "skipped";
    }
    let posted: PostResult;
    try {
      posted = await adapter.post(
        { platform: sub.platform, id: sub.channelId, workspace: sub.workspace || undefined, isDM: false },
        digest.document,
        // A row claimed before (a failure, or an instance that died) may already be on the platform.
        { idempotencyKey: row.key, repeat: row.attempts > 1 },
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (isPermanentFailure(error)) {
        const reason = `${sub.platform} refused the post: ${message}`;
        await this.stored(() => this.ledger.markFailed(row.key, message, this.now(), true));
        await this.stored(() => this.ledger.setSubscriptionStatus(sub.id, "paused", reason));
        log.warn({ subscription: sub.id, channel: sub.channelId, reason }, "subscription paused");
        await this.tellSubscriber(adapter, sub, reason);
        return "failed";
      }
      const retryAt = new Date(this.now().getTime() + backoffMs(row.attempts - 1));
      await this.stored(() => this.ledger.markFailed(row.key, message, retryAt, false));
      log.warn(
        { subscription: sub.id, channel: sub.channelId, err: message, retryAt },
        "digest post failed; will retry",
      );
      return "retrying";
    }
    // The post is on the platform: record it, through a database outage if need be. Should that
    // fail for good, the claim lapses and a repeat finds the post instead of making another.
    await this.stored(() => this.ledger.markDelivered(row.key, posted.messageId, digest.cursor, this.now()));
    return "delivered";
  }
}
