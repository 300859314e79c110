/**
 * At most a few requests in flight per host, across every feed this process polls: a burst of new items
 * from one site, listed by several feeds, must not hit that site many requests wide. A host whose
 * robots.txt asks for a Crawl-delay gets one request at a time, each started that long after the last.
 * In-process only: each instance keeps its own count.
 */

interface HostState {
  active: number;
  /** Wakes everyone waiting for this host; each checks again whether it may start. */
  waiting: (() => void)[];
  /** Epoch ms before which no request to this host may start (its Crawl-delay). */
  nextStartAt: number;
}

export const DEFAULT_PAGES_PER_HOST = 2;

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(readonly perHost: number = DEFAULT_PAGES_PER_HOST) {
    if (!Number.isInteger(perHost) || perHost < 1) throw new Error("perHost must be a positive integer");
  }

  /** Runs `fn` once the host has a free slot (and its Crawl-delay, `spacingMs`, has passed since the last start). */
  async run<T>(host: string, fn: () => Promise<T>, spacingMs = 0): Promise<T> {
    const key = host.toLowerCase();
    await this.acquire(key, spacingMs);
    try {
      return await fn();
    } finally {
      this.release(key);
    }
  }

  /** Requests in flight to a host (for tests and diagnostics). */
  inFlight(host: string): number {
    return this.hosts.get(host.toLowerCase())?.active ?? 0;
  }

  private async acquire(key: string, spacingMs: number): Promise<void> {
    const limit = spacingMs > 0 ? 1 : this.perHost;
    for (;;) {
      // Looked up again after each wait: an idle host's state is dropped and may have been made anew.
      const state = this.stateOf(key);
      if (state.active < limit) {
        state.active++;
        // The slot is held while waiting out the delay, so the next request is spaced from this one.
        const wait = state.nextStartAt - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (spacingMs > 0) state.nextStartAt = Date.now() + spacingMs;
        return;
      }
      await new Promise<void>((resolve) => state.waiting.push(resolve));
    }
  }

  private stateOf(key: string): HostState {
    let state = this.hosts.get(key);
    if (!state) {
      state = { active: 0, waiting: [], nextStartAt: 0 };
      this.hosts.set(key, state);
    }
    return state;
  }

  private release(key: string): void {
    const state = this.hosts.get(key);
    if (!state) return;
    state.active--;
    const waiting = state.waiting.splice(0);
    for (const wake of waiting) wake();
    if (state.active === 0 && waiting.length === 0 && state.nextStartAt <= Date.now()) this.hosts.delete(key);
  }
}
