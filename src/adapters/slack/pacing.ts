/**
 * Per-channel pacing of posts. Slack allows about one message per second per channel and the Web API
 * client only reacts once it gets a 429, so posts to one channel wait their turn, at least `intervalMs`
 * apart (start to start), while posts to different channels go ahead independently.
 */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

interface Lane {
  /** The last task queued in this channel; the next one starts after it settles. */
  tail: Promise<unknown>;
  /** Earliest time the next task may start. */
  nextAt: number;
  pending: number;
}

export class ChannelPacer {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    readonly intervalMs = 1000,
    private readonly clock: Clock = systemClock,
  ) {}

  run<T>(channel: string, task: () => Promise<T>): Promise<T> {
    const lane = this.lanes.get(channel) ?? { tail: Promise.resolve(), nextAt: 0, pending: 0 };
    this.lanes.set(channel, lane);
    lane.pending++;
    const result = lane.tail.then(async () => {
      const wait = lane.nextAt - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
      lane.nextAt = this.clock.now() + this.intervalMs;
      return task();
    });
    // A failed post must not hold up the channel's next one.
    lane.tail = result.then(
      () => this.settle(channel, lane),
      () => this.settle(channel, lane),
    );
    return result;
  }

  private settle(channel: string, lane: Lane): void {
    lane.pending--;
    if (lane.pending > 0) return;
    const idleFor = Math.max(0, lane.nextAt - this.clock.now());
    // Forget the channel once its spacing no longer matters, so the map does not grow with every channel ever used.
    const forget = () => {
      if (lane.pending === 0 && this.lanes.get(channel) === lane) this.lanes.delete(channel);
    };
    if (idleFor === 0) forget();
    else setTimeout(forget, idleFor).unref();
  }

  /** Channels the pacer remembers: those with posts queued, or posted to within the last interval. */
  get size(): number {
    return this.lanes.size;
  }
}
