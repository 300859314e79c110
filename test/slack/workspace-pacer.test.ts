/** After a 429, posts across the workspace are spaced at the rate that was getting through. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { WorkspacePacer } from "../../src/adapters/slack/workspace-pacer.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("WorkspacePacer", () => {
  it("lets posts through freely until the first 429", async () => {
    vi.useFakeTimers({ now: 0 });
    const pacer = new WorkspacePacer();
    for (let i = 0; i < 50; i++) await pacer.turn();
    expect(Date.now()).toBe(0);
  });

  it("does not pace after a 429 among a handful of posts, only waits it out", async () => {
    vi.useFakeTimers({ now: 0 });
    const pacer = new WorkspacePacer();
    pacer.succeeded();
    pacer.limited(1);
    const turns = Promise.all([pacer.turn(), pacer.turn(), pacer.turn()]);
    await vi.advanceTimersByTimeAsync(1_000);
    await turns;
    expect(Date.now()).toBe(1_000);
  });

  it("waits out Retry-After once per burst, then spaces posts at the rate that got through", async () => {
    vi.useFakeTimers({ now: 0 });
    const pacer = new WorkspacePacer();
    // 100 posts got through in the last second, then the limit was hit.
    for (let i = 0; i < 100; i++) {
      vi.setSystemTime(i * 9);
      pacer.succeeded();
    }
    vi.setSystemTime(900);
    pacer.limited(1);
    pacer.limited(1); // the rest of the burst: no longer wait
    const starts: number[] = [];
    const posts = Array.from({ length: 20 }, async () => {
      await pacer.turn();
      starts.push(Date.now());
    });
    await vi.advanceTimersByTimeAsync(2_000);
    await Promise.all(posts);
    expect(starts[0]).toBeGreaterThanOrEqual(1_900);
    expect(starts).toHaveLength(20);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(9);
      expect(gap).toBeLessThanOrEqual(12);
    }
  });
});
