/** Per-channel pacing of Slack posts. */
import { describe, expect, it } from "vitest";
import { ChannelPacer, type Clock } from "../../src/adapters/slack/pacing.js";

/** A clock whose sleep moves time forward at once: pacing decisions without real waiting. */
function virtualClock(): Clock & { sleeps: number[] } {
  let now = 10_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe("ChannelPacer", () => {
  it("starts posts to one channel at least the interval apart, in order", async () => {
    const clock = virtualClock();
    const pacer = new ChannelPacer(1000, clock);
    const starts: [string, number][] = [];
    await Promise.all(
      ["a", "b", "c"].map((name) =>
        pacer.run("C1", async () => {
          starts.push([name, clock.now()]);
        }),
      ),
    );
    expect(starts).toEqual([
      ["a", 10_000],
      ["b", 11_000],
      ["c", 12_000],
    ]);
  });

  it("does not delay a post when the channel has been quiet for longer than the interval", async () => {
    const clock = virtualClock();
    const pacer = new ChannelPacer(1000, clock);
    await pacer.run("C1", async () => {});
    await clock.sleep(5000);
    clock.sleeps.length = 0;
    await pacer.run("C1", async () => {});
    expect(clock.sleeps).toEqual([]);
  });

  it("keeps going after a failed post, and hands the failure to its caller", async () => {
    const clock = virtualClock();
    const pacer = new ChannelPacer(1000, clock);
    const failed = pacer.run("C1", async () => {
      throw new Error("channel_not_found");
    });
    const next = pacer.run("C1", async () => clock.now());
    await expect(failed).rejects.toThrow("channel_not_found");
    await expect(next).resolves.toBe(11_000);
  });

  it("lets different channels go ahead independently, with real time", async () => {
    const pacer = new ChannelPacer(200);
    const starts: Record<string, number[]> = { C1: [], C2: [] };
    await Promise.all(
      ["C1", "C1", "C2", "C2"].map((ch) =>
        pacer.run(ch, async () => {
          starts[ch]?.push(performance.now());
        }),
      ),
    );
    const [c1First = 0, c1Second = 0] = starts.C1 ?? [];
    const [c2First = 0, c2Second = 0] = starts.C2 ?? [];
    expect(c1Second - c1First).toBeGreaterThanOrEqual(190);
    expect(c2Second - c2First).toBeGreaterThanOrEqual(190);
    // Each channel's first post went out before the other channel's second: neither waited for the other.
    expect(c2First).toBeLessThan(c1Second);
    expect(c1First).toBeLessThan(c2Second);
  });

  it("forgets a channel once it is idle and its interval has passed", async () => {
    const pacer = new ChannelPacer(50);
    await pacer.run("C1", async () => {});
    expect(pacer.size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(pacer.size).toBe(0);
  });
});
