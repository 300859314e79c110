/**
 * The feed poller: a node-cron tick every 15 seconds claims the sources whose slot has come (each
 * URL has its own slot within its interval, see schedule.ts) and polls them, a few at once. A tick
 * that finds the previous one still running does nothing. When a poll disables a source, `onDisabled`
 * tells the people who follow its topics.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import type { PollReport } from "./poll.js";
import type { SourceService } from "./service.js";
import type { Source } from "./source.js";

export interface PollerOptions {
  service: SourceService;
  logger: Logger;
  /** Called once for each source a poll disabled, with the reason. */
  onDisabled?: (source: Source, reason: string) => Promise<void>;
  /** node-cron expression of the tick. */
  tick?: string;
}

const DEFAULT_TICK = "*/15 * * * * *";

export class SourcePoller {
  private task?: ScheduledTask;
  private running?: Promise<void>;
  private stopped = false;

  constructor(private readonly options: PollerOptions) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.task = cron.schedule(this.options.tick ?? DEFAULT_TICK, () => void this.tick(), {
      name: "feed poller",
      noOverlap: true,
    });
    // The first tick at once: sources that fell due while the bot was stopped are not kept waiting.
    void this.tick();
  }

  /** Polls what is due now; resolves when done (or at once when a tick is already running). */
  tick(): Promise<void> {
    if (this.stopped || this.running) return this.running ?? Promise.resolve();
    const service = this.options.service;
    this.running = service
      .pollDue(service.settings.concurrency * 2)
      .then((reports) => this.afterPolls(reports))
      .catch((error) => this.options.logger.error({ err: error }, "feed polling failed"))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async afterPolls(reports: PollReport[]): Promise<void> {
    for (const report of reports) {
      if (report.outcome !== "disabled" || !this.options.onDisabled) continue;
      const source = await this.options.service.get(report.sourceId);
      if (!source) continue;
      try {
        await this.options.onDisabled(source, source.statusReason ?? report.error ?? "too many failures");
      } catch (error) {
        this.options.logger.warn({ err: error, source: source.id }, "could not announce a disabled source");
      }
    }
  }

  /** Stops ticking and waits for the polls in flight, up to the timeout. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    if (this.task) await this.task.destroy();
    if (this.running)
      await Promise.race([this.running, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }
}
