/**
 * node-cron drives the digests: one task per distinct (cron, time zone) among active subscriptions.
 * When a task fires, every subscription in its group gets a ledger row for that fire time — the same
 * key in every instance, so rows are created once — and the delivery worker posts them. On start,
 * fires missed while the bot was down (within the catch-up window) are caught up, the latest per
 * subscription only, so a channel gets one digest, not a backlog.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import type { LedgerStore, Subscription } from "../store/ledger.js";
import type { DigestDelivery } from "./delivery.js";

export interface SchedulerOptions {
  ledger: LedgerStore;
  delivery: DigestDelivery;
  logger: Logger;
  catchupHours: number;
  /** How often to look for other instances' subscription changes and retries that came due. */
  pollSeconds?: number;
  now?: () => Date;
}

interface Group {
  cron: string;
  timezone: string;
  task: ScheduledTask;
}

/** Whether a cron expression has a seconds field. */
function hasSeconds(expression: string): boolean {
  return expression.trim().split(/\s+/).length === 6;
}

export class DigestScheduler {
  private readonly groups = new Map<string, Group>();
  private readonly now: () => Date;
  private poll?: NodeJS.Timeout;
  private stopped = false;
  private inFlight = new Set<Promise<unknown>>();
  /** A fire's ledger rows could not be written (the store was unreachable): the next poll catches up. */
  private catchUpDue = false;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async start(): Promise<void> {
    await this.reload();
    await this.catchUp();
    this.track(this.options.delivery.run());
    const every = (this.options.pollSeconds ?? 30) * 1000;
    this.poll = setInterval(() => {
      this.track(
        this.reload()
          .then(() => this.catchUpIfDue())
          .then(() => this.options.delivery.run()),
      );
    }, every);
    this.poll.unref();
  }

  /** Bring the cron tasks in line with the active subscriptions. */
  async reload(): Promise<void> {
    if (this.stopped) return;
    const active = await this.options.ledger.listSubscriptions({ status: "active" });
    const wanted = new Map<string, { cron: string; timezone: string }>();
    for (const s of active) wanted.set(groupKey(s), { cron: s.cron, timezone: s.timezone });
    for (const [key, group] of this.groups) {
      if (!wanted.has(key)) {
        await group.task.destroy();
        this.groups.delete(key);
      }
    }
    for (const [key, g] of wanted) {
      if (this.groups.has(key)) continue;
      const task = cron.schedule(
        g.cron,
        (ctx) => {
          this.track(this.fire(g.cron, g.timezone, ctx.date));
        },
        { timezone: g.timezone, name: `digest ${key}`, noOverlap: false },
      );
      this.groups.set(key, { ...g, task });
    }
  }

  /** The next run of a subscription's schedule, for /digest list. */
  nextRun(sub: Pick<Subscription, "cron" | "timezone">): Date | null {
    const group = this.groups.get(groupKey(sub));
    if (group) return group.task.getNextRun();
    const task = cron.createTask(sub.cron, () => {}, { timezone: sub.timezone });
    try {
      return task.getNextRun();
    } finally {
      void task.destroy();
    }
  }

  /** A fire of one group: ledger rows for its subscriptions at the canonical fire time, then delivery. */
  async fire(expression: string, timezone: string, when: Date): Promise<void> {
    if (this.stopped) return;
    const group = this.groups.get(`${expression}\u0000${timezone}`);
    const fireTime = group ? canonicalFireTime(group.task, when, hasSeconds(expression)) : when;
    let subs: Subscription[];
    let added: number;
    try {
      subs = (await this.options.ledger.listSubscriptions({ status: "active" })).filter(
        (s) => s.cron === expression && s.timezone === timezone && s.createdAt <= fireTime.toISOString(),
      );
      added = await this.options.ledger.ensureDeliveries(
        subs.map((s) => ({ subscriptionId: s.id, fireTime: fireTime.toISOString() })),
        this.now(),
      );
    } catch (error) {
      // Cron will not fire this again: without its rows the digests would be lost.
      this.catchUpDue = true;
      throw error;
    }
    this.options.logger.info(
      { schedule: expression, timezone, fireTime, due: subs.length, added },
      "digest fire",
    );
    await this.options.delivery.run();
  }

  /** The latest fire missed within the catch-up window, per active subscription. */
  async catchUp(): Promise<number> {
    const now = this.now();
    const windowStart = now.getTime() - this.options.catchupHours * 3_600_000;
    const rows: { subscriptionId: string; fireTime: string }[] = [];
    const latestByGroup = new Map<string, Date | null>();
    for (const sub of await this.options.ledger.listSubscriptions({ status: "active" })) {
      const key = groupKey(sub);
      if (!latestByGroup.has(key)) {
        const group = this.groups.get(key);
        latestByGroup.set(
          key,
          group ? latestMatch(group.task, now, windowStart, hasSeconds(sub.cron)) : null,
        );
      }
      const latest = latestByGroup.get(key);
      if (latest && latest.toISOString() >= sub.createdAt)
        rows.push({ subscriptionId: sub.id, fireTime: latest.toISOString() });
    }
    const added = await this.options.ledger.ensureDeliveries(rows, now);
    if (added > 0) this.options.logger.info({ added }, "caught up on digests missed while stopped");
    return added;
  }

  /** After a fire that could not be written: the latest fire of every subscription, as on a start. */
  private async catchUpIfDue(): Promise<void> {
    if (!this.catchUpDue) return;
    this.catchUpDue = false;
    try {
      await this.catchUp();
    } catch (error) {
      this.catchUpDue = true;
      throw error;
    }
  }

  /** Stop firing; wait for deliveries in flight up to the timeout; leave the rest pending for the next start. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    for (const group of this.groups.values()) await group.task.destroy();
    this.groups.clear();
    await this.options.delivery.stop(timeoutMs);
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((r) => setTimeout(r, timeoutMs).unref()),
    ]);
  }

  private track(p: Promise<unknown>): void {
    const tracked = p.catch((error) => this.options.logger.error({ err: error }, "digest scheduling failed"));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}

function groupKey(s: Pick<Subscription, "cron" | "timezone">): string {
  return `${s.cron}\u0000${s.timezone}`;
}

/**
 * The scheduled instant a fire stands for, the same in every instance even when a timer runs late:
 * the latest matching second (or minute) at or before the moment it fired.
 */
export function canonicalFireTime(task: Pick<ScheduledTask, "match">, when: Date, seconds: boolean): Date {
  const step = seconds ? 1000 : 60_000;
  const start = Math.floor(when.getTime() / step) * step;
  for (let t = start, i = 0; i < 120; t -= step, i++) if (task.match(new Date(t))) return new Date(t);
  return new Date(start);
}

function latestMatch(
  task: Pick<ScheduledTask, "match">,
  now: Date,
  windowStart: number,
  seconds: boolean,
): Date | null {
  const step = seconds ? 1000 : 60_000;
  for (let t = Math.floor(now.getTime() / step) * step; t >= windowStart; t -= step) {
    if (task.match(new Date(t))) return new Date(t);
  }
  return null;
}
