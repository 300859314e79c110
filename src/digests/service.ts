/**
 * Subscriptions as chat commands and the CLI see them: subscribe, unsubscribe, list (with the next
 * run and the last delivery), and "now" (one digest immediately, through the same ledger, so it
 * counts as delivered and moves the channel's cursor).
 */
import { randomBytes } from "node:crypto";
import type { Platform } from "../core/command.js";
import type { Core } from "../core/core.js";
import { UserFacingError } from "../core/errors.js";
import type { Subscription } from "../store/ledger.js";
import type { DeliveryReport, DigestDelivery } from "./delivery.js";
import { parseSchedule } from "./schedule.js";
import type { DigestScheduler } from "./scheduler.js";

export interface ChannelKey {
  platform: Platform;
  workspace: string;
  channelId: string;
}

export interface SubscribeInput extends ChannelKey {
  topicId: string;
  schedule: string;
  timezone?: string;
  quiet?: boolean;
  createdBy?: string;
}

export interface SubscriptionView extends Subscription {
  nextRun: string | null;
  lastError: string | null;
}

export interface DigestSettings {
  defaultTimezone: string;
  minIntervalSeconds: number;
}

export class DigestService {
  private scheduler?: DigestScheduler;
  private delivery?: DigestDelivery;

  constructor(
    private readonly core: Core,
    private readonly settings: DigestSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The running scheduler and worker, once the bot serves channels. */
  attach(scheduler: DigestScheduler, delivery: DigestDelivery): void {
    this.scheduler = scheduler;
    this.delivery = delivery;
  }

  async subscribe(input: SubscribeInput): Promise<Subscription> {
    const topic = await this.core.resolveTopic(input.topicId);
    const parsed = parseSchedule(
      input.schedule,
      input.timezone?.trim() || this.settings.defaultTimezone,
      this.settings.minIntervalSeconds,
    );
    if (!parsed.ok) throw new UserFacingError(parsed.error);
    const sub: Subscription = {
      id: `sub_${randomBytes(5).toString("hex")}`,
      platform: input.platform,
      workspace: input.workspace,
      channelId: input.channelId,
      topicId: topic.id,
      schedule: parsed.schedule.spec,
      cron: parsed.schedule.cron,
      timezone: parsed.schedule.timezone,
      quiet: input.quiet ?? false,
      status: "active",
      pauseReason: null,
      createdBy: input.createdBy ?? null,
      createdAt: this.now().toISOString(),
      cursor: null,
      lastDeliveredAt: null,
    };
    const added = await this.core.store.ledger.addSubscription(sub);
    if (added === "exists") {
      throw new UserFacingError(
        `This channel already follows ${topic.id}. Unsubscribe first to change its schedule.`,
      );
    }
    await this.scheduler?.reload();
    return sub;
  }

  /** Subscriptions of a channel, or every one (operators). */
  async list(channel?: ChannelKey): Promise<SubscriptionView[]> {
    const all = await this.core.store.ledger.listSubscriptions(
      channel ? { platform: channel.platform, channelId: channel.channelId } : {},
    );
    const subs = channel ? all.filter((s) => s.workspace === channel.workspace) : all;
    return Promise.all(
      subs.map(async (s) => {
        const failed = (await this.core.store.ledger.listDeliveries({ subscriptionId: s.id }))
          .filter((d) => d.error)
          .at(-1);
        const next = s.status === "active" ? (this.scheduler?.nextRun(s) ?? null) : null;
        return { ...s, nextRun: next ? next.toISOString() : null, lastError: failed?.error ?? null };
      }),
    );
  }

  /** Remove a channel's subscription to a topic (or its only one). */
  async unsubscribe(channel: ChannelKey, topicId?: string): Promise<Subscription> {
    const sub = await this.findOne(channel, topicId);
    await this.core.store.ledger.removeSubscription(sub.id);
    await this.scheduler?.reload();
    return sub;
  }

  async remove(id: string): Promise<boolean> {
    const removed = await this.core.store.ledger.removeSubscription(id);
    if (removed) await this.scheduler?.reload();
    return removed;
  }

  /** Post a channel's digest now, through the ledger. */
  async postNow(
    channel: ChannelKey,
    topicId?: string,
  ): Promise<{ subscription: Subscription; report: DeliveryReport }> {
    if (!this.delivery)
      throw new UserFacingError("Digests are posted only while the bot is running (newsbrief start).");
    const sub = await this.findOne(channel, topicId);
    if (sub.status !== "active")
      throw new UserFacingError(
        `The subscription to ${sub.topicId} is paused: ${sub.pauseReason ?? "no reason given"}.`,
      );
    await this.core.store.ledger.ensureDeliveries(
      [{ subscriptionId: sub.id, fireTime: this.now().toISOString() }],
      this.now(),
    );
    const report = await this.delivery.run();
    return { subscription: sub, report };
  }

  private async findOne(channel: ChannelKey, topicId?: string): Promise<Subscription> {
    const subs = (await this.list(channel)).filter((s) => !topicId || s.topicId === topicId);
    if (subs.length === 0) {
      throw new UserFacingError(
        topicId ? `This channel does not follow ${topicId}.` : "This channel has no digest subscriptions.",
      );
    }
    if (subs.length > 1) {
      throw new UserFacingError(
        `This channel follows several topics (${subs.map((s) => s.topicId).join(", ")}): name one with topic:ID.`,
      );
    }
    return subs[0] as Subscription;
  }
}
