/**
 * Abuse limits, kept per process: questions per user per minute, and on-demand digests per channel.
 * A sliding window of recent request times per key.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a request for `key` unless it is over the limit; returns how long to wait when it is. */
  take(key: string, now = Date.now()): { ok: true } | { ok: false; retryAfterMs: number } {
    if (this.limit <= 0) return { ok: true };
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return { ok: false, retryAfterMs: (recent[0] as number) + this.windowMs - now };
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(since);
    return { ok: true };
  }

  private prune(since: number): void {
    for (const [key, times] of this.hits) if (!times.some((t) => t > since)) this.hits.delete(key);
  }
}

export interface RequestLimits {
  questions: SlidingWindowLimiter;
  digestNow: SlidingWindowLimiter;
}

export function createRequestLimits(settings: {
  questionsPerMinute: number;
  digestNowPerHour: number;
}): RequestLimits {
  return {
    questions: new SlidingWindowLimiter(settings.questionsPerMinute, 60_000),
    digestNow: new SlidingWindowLimiter(settings.digestNowPerHour, 3_600_000),
  };
}
