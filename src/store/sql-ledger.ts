/** The ledger on any SqlRunner: the same statements for SQLite and PostgreSQL. */
import type { Platform } from "../core/command.js";
import {
  type Delivery,
  type DeliveryStatus,
  deliveryKey,
  type LedgerStore,
  type Subscription,
  type SubscriptionStatus,
} from "./ledger.js";
import type { SqlRunner } from "./sql.js";

interface SubscriptionRow {
  id: string;
  platform: string;
  workspace: string;
  channel_id: string;
  topic_id: string;
  schedule: string;
  cron: string;
  timezone: string;
  quiet: number;
  status: string;
  pause_reason: string | null;
  created_by: string | null;
  created_at: string;
  cursor: string | null;
  last_delivered_at: string | null;
}

interface DeliveryRow {
  key: string;
  subscription_id: string;
  fire_time: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  message_id: string | null;
  error: string | null;
  created_at: string;
  delivered_at: string | null;
}

function toSubscription(r: SubscriptionRow): Subscription {
  return {
    id: r.id,
    platform: r.platform as Platform,
    workspace: r.workspace,
    channelId: r.channel_id,
    topicId: r.topic_id,
    schedule: r.schedule,
    cron: r.cron,
    timezone: r.timezone,
    quiet: Number(r.quiet) === 1,
    status: r.status as SubscriptionStatus,
    pauseReason: r.pause_reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
    cursor: r.cursor,
    lastDeliveredAt: r.last_delivered_at,
  };
}

function toDelivery(r: DeliveryRow): Delivery {
  return {
    key: r.key,
    subscriptionId: r.subscription_id,
    fireTime: r.fire_time,
    status: r.status as DeliveryStatus,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    claimedBy: r.claimed_by,
    claimedUntil: r.claimed_until,
    messageId: r.message_id,
    error: r.error,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  };
}

export class SqlLedger implements LedgerStore {
  constructor(private readonly sql: SqlRunner) {}

  async addSubscription(s: Subscription): Promise<"added" | "exists"> {
    const changed = await this.sql.run(
      `INSERT INTO subscriptions (id, platform, workspace, channel_id, topic_id, schedule, cron, timezone, quiet, status,
         pause_reason, created_by, created_at, cursor, last_delivered_at)
       VALUES (@id, @platform, @workspace, @channelId, @topicId, @schedule, @cron, @timezone, @quiet, @status,
         @pauseReason, @createdBy, @createdAt, @cursor, @lastDeliveredAt)
       ON CONFLICT DO NOTHING`,
      { ...s, quiet: s.quiet ? 1 : 0 },
    );
    return changed === 1 ? "added" : "exists";
  }

  async getSubscription(id: string): Promise<Subscription | undefined> {
    const rows = await this.sql.all<SubscriptionRow>("SELECT * FROM subscriptions WHERE id = @id", { id });
    return rows[0] && toSubscription(rows[0]);
  }

  async listSubscriptions(
    filter: { platform?: Platform; channelId?: string; status?: SubscriptionStatus } = {},
  ): Promise<Subscription[]> {
    const where: string[] = [];
    if (filter.platform) where.push("platform = @platform");
    if (filter.channelId) where.push("channel_id = @channelId");
    if (filter.status) where.push("status = @status");
    const rows = await this.sql.all<SubscriptionRow>(
      `SELECT * FROM subscriptions ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY created_at, id`,
      filter,
    );
    return rows.map(toSubscription);
  }

  async removeSubscription(id: string): Promise<boolean> {
    const [, removed] = await this.sql.batch([
      { sql: "DELETE FROM deliveries WHERE subscription_id = @id AND status = 'pending'", params: { id } },
      { sql: "DELETE FROM subscriptions WHERE id = @id", params: { id } },
    ]);
    return removed === 1;
  }

  async setSubscriptionStatus(id: string, status: SubscriptionStatus, reason: string | null): Promise<void> {
    await this.sql.run("UPDATE subscriptions SET status = @status, pause_reason = @reason WHERE id = @id", {
      id,
      status,
      reason,
    });
  }

  async ensureDeliveries(rows: { subscriptionId: string; fireTime: string }[], now: Date): Promise<number> {
    if (rows.length === 0) return 0;
    const createdAt = now.toISOString();
    const changes = await this.sql.batch(
      rows.map((r) => ({
        sql: `INSERT INTO deliveries (key, subscription_id, fire_time, status, attempts, next_attempt_at, created_at)
              VALUES (@key, @subscriptionId, @fireTime, 'pending', 0, @createdAt, @createdAt)
              ON CONFLICT DO NOTHING`,
        params: { key: deliveryKey(r.subscriptionId, r.fireTime), ...r, createdAt },
      })),
    );
    return changes.reduce((a, b) => a + b, 0);
  }

  async claimDeliveries(
    owner: string,
    now: Date,
    leaseUntil: Date,
    notBefore: Date,
    limit: number,
  ): Promise<Delivery[]> {
    // PostgreSQL: rows another instance is claiming at this moment are skipped, not waited for.
    const lock = this.sql.dialect === "postgres" ? "FOR UPDATE SKIP LOCKED" : "";
    const rows = await this.sql.all<DeliveryRow>(
      `UPDATE deliveries SET claimed_by = @owner, claimed_until = @leaseUntil, attempts = attempts + 1
       WHERE key IN (
         SELECT key FROM deliveries
         WHERE status = 'pending' AND next_attempt_at <= @now AND fire_time >= @notBefore
           AND (claimed_until IS NULL OR claimed_until < @now)
         ORDER BY fire_time, key
         LIMIT @limit ${lock}
       )
       RETURNING *`,
      {
        owner,
        now: now.toISOString(),
        leaseUntil: leaseUntil.toISOString(),
        notBefore: notBefore.toISOString(),
        limit,
      },
    );
    return rows
      .map(toDelivery)
      .sort((a, b) => a.fireTime.localeCompare(b.fireTime) || a.key.localeCompare(b.key));
  }

  async markDelivered(key: string, messageId: string, cursor: string | null, now: Date): Promise<void> {
    await this.sql.batch([
      {
        sql: `UPDATE deliveries SET status = 'delivered', message_id = @messageId, delivered_at = @now,
                claimed_by = NULL, claimed_until = NULL, error = NULL
              WHERE key = @key`,
        params: { key, messageId, now: now.toISOString() },
      },
      {
        sql: `UPDATE subscriptions SET last_delivered_at = @now, cursor = COALESCE(@cursor, cursor)
              WHERE id = (SELECT subscription_id FROM deliveries WHERE key = @key)`,
        params: { key, cursor, now: now.toISOString() },
      },
    ]);
  }

  async markSkipped(key: string, now: Date): Promise<void> {
    await this.sql.run(
      `UPDATE deliveries SET status = 'skipped', delivered_at = @now, claimed_by = NULL, claimed_until = NULL WHERE key = @key`,
      { key, now: now.toISOString() },
    );
  }

  async markFailed(key: string, error: string, nextAttemptAt: Date, permanent: boolean): Promise<void> {
    await this.sql.run(
      `UPDATE deliveries SET status = @status, error = @error, next_attempt_at = @next,
         claimed_by = NULL, claimed_until = NULL
       WHERE key = @key`,
      { key, error, next: nextAttemptAt.toISOString(), status: permanent ? "failed" : "pending" },
    );
  }

  async releaseClaims(owner: string): Promise<void> {
    await this.sql.run(
      "UPDATE deliveries SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = @owner AND status = 'pending'",
      { owner },
    );
  }

  async listDeliveries(
    filter: { subscriptionId?: string; status?: DeliveryStatus } = {},
  ): Promise<Delivery[]> {
    const where: string[] = [];
    if (filter.subscriptionId) where.push("subscription_id = @subscriptionId");
    if (filter.status) where.push("status = @status");
    const rows = await this.sql.all<DeliveryRow>(
      `SELECT * FROM deliveries ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY fire_time, key`,
      filter,
    );
    return rows.map(toDelivery);
  }
}
