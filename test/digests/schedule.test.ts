/** Digest schedules: presets, cron, time zones and the minimum interval, with messages that say what is wrong. */
import { describe, expect, it } from "vitest";
import { parseSchedule } from "../../src/digests/schedule.js";

describe("parseSchedule", () => {
  it("turns presets into cron expressions", () => {
    const cases: [string, string, string][] = [
      ["daily 08:00", "0 8 * * *", "daily 08:00"],
      ["Daily 8:05", "5 8 * * *", "daily 08:05"],
      ["daily", "0 8 * * *", "daily 08:00"],
      ["weekdays 07:30", "30 7 * * 1-5", "weekdays 07:30"],
      ["twice-daily", "0 8,20 * * *", "twice-daily"],
      ["hourly", "0 * * * *", "hourly"],
    ];
    for (const [spec, cron, normalized] of cases) {
      expect(parseSchedule(spec, "Europe/Berlin", 900), spec).toEqual({
        ok: true,
        schedule: { spec: normalized, cron, timezone: "Europe/Berlin" },
      });
    }
  });

  it("accepts a cron expression that respects the minimum interval", () => {
    expect(parseSchedule("*/30 * * * *", "UTC", 900)).toMatchObject({
      ok: true,
      schedule: { cron: "*/30 * * * *" },
    });
    expect(parseSchedule("*/5 * * * *", "UTC", 900)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/every 5 minutes.*15 minutes/),
    });
  });

  it("accepts seconds only when the minimum interval allows them", () => {
    expect(parseSchedule("*/2 * * * * *", "UTC", 900).ok).toBe(false);
    expect(parseSchedule("*/2 * * * * *", "UTC", 1)).toMatchObject({
      ok: true,
      schedule: { cron: "*/2 * * * * *" },
    });
  });

  it("names what is wrong", () => {
    expect(parseSchedule("bogus", "UTC", 900)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a schedule.*daily 08:00/),
    });
    expect(parseSchedule("61 * * * *", "UTC", 900)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a valid cron/),
    });
    expect(parseSchedule("daily 25:00", "UTC", 900)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/HH:MM/),
    });
    expect(parseSchedule("daily 08:00", "Mars/Olympus", 900)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a time zone/),
    });
    expect(parseSchedule("", "UTC", 900)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Give a schedule/),
    });
  });
});
