/**
 * Digest subscriptions and the delivery ledger. Every (subscription, scheduled fire time) is one
 * ledger row with a unique key; instances claim rows before posting and mark them delivered only
 * after the platform accepted the post, so a digest is never lost and never posted twice.
 */
import type { Platform } from "../core/command.js";

export type SubscriptionStatus = "active" | "paused";

export interface Subscription {
  id: string;
  platform: Platform;
  /** Slack team or Discord guild; "" when there is none (DMs, console). */
  workspace: string;
  channelId: string;
  topicId: string;
  /** As the user wrote it ("daily 08:00"), for display. */
  schedule: string;
  /** The cron expression it stands for. */
  cron: string;
  timezone: string;
  /** Stay silent when there is nothing new, instead of posting "No new developments". */
  quiet: boolean;
  status: SubscriptionStatus;
  pauseReason: string | null;
  createdBy: string | null;
  createdAt: string;
  /** Ingestion time of the newest article delivered to this channel; null before the first digest. */
  cursor: string | null;
  lastDeliveredAt: string | null;
}

export type DeliveryStatus = "pending" | "delivered" | "failed" | "skipped";

export interface Delivery {
  key: string;
  subscriptionId: string;
  fireTime: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  claimedBy: string | null;
  claimedUntil: string | null;
  messageId: string | null;
  error: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export function deliveryKey(subscriptionId: string, fireTime: string): string {
  return `${subscriptionId}@${fireTime}`;
}

export interface LedgerStore {
  /** Adds the subscription; "exists" when the channel already follows that topic. */
  addSubscription(s: Subscription): Promise<"added" | "exists">;
  getSubscription(id: string): Promise<Subscription | undefined>;
  listSubscriptions(filter?: {
    platform?: Platform;
    channelId?: string;
    status?: SubscriptionStatus;
  }): Promise<Subscription[]>;
  removeSubscription(id: string): Promise<boolean>;
  setSubscriptionStatus(id: string, status: SubscriptionStatus, reason: string | null): Promise<void>;
  /** Creates the ledger rows that do not exist yet (idempotent across instances); returns how many were new. */
  ensureDeliveries(rows: { subscriptionId: string; fireTime: string }[], now: Date): Promise<number>;
  /**
   * Claims up to `limit` due pending rows (counting the attempt) for `owner` until `leaseUntil`: rows nobody holds, or whose
   * holder's lease ran out (it crashed). Rows fired before `notBefore` are left alone (outside the catch-up window).
   */
  claimDeliveries(
    owner: string,
    now: Date,
    leaseUntil: Date,
    notBefore: Date,
    limit: number,
  ): Promise<Delivery[]>;
  /** Records a post the platform accepted and moves the subscription's cursor. */
  markDelivered(key: string, messageId: string, cursor: string | null, now: Date): Promise<void>;
  /** Nothing to post (quiet subscription, nothing new): done, with the cursor unchanged. */
  markSkipped(key: string, now: Date): Promise<void>;
  /** A failed attempt: retried from `nextAttemptAt`, or given up for good when `permanent`. */
  markFailed(key: string, error: string, nextAttemptAt: Date, permanent: boolean): Promise<void>;
  /** Gives back claimed rows (shutdown) so another instance or a restart can take them at once. */
  releaseClaims(owner: string): Promise<void>;
  listDeliveries(filter?: { subscriptionId?: string; status?: DeliveryStatus }): Promise<Delivery[]>;
}
