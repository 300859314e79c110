/**
 * Digest schedules: presets people say ("daily 08:00", "weekdays 07:30", "twice-daily", "hourly")
 * or a cron expression, in an IANA time zone, never more often than the configured minimum interval.
 */
import cron from "node-cron";

export interface ParsedSchedule {
  /** What the user asked for, normalized ("daily 08:00"). */
  spec: string;
  cron: string;
  timezone: string;
}

export type ScheduleResult = { ok: true; schedule: ParsedSchedule } | { ok: false; error: string };

export const SCHEDULE_HELP =
  'a preset — "daily 08:00", "weekdays 07:30", "twice-daily", "hourly" — or a 5-field cron expression such as "30 7 * * 1-5"';

export function isTimeZone(tz: string): boolean {
  if (!tz) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function clock(text: string | undefined, fallback: string): { h: number; m: number } | undefined {
  const m = (text ?? fallback).match(/^([01]?\d|2[0-3]):([0-5]\d)$/);
  return m ? { h: Number(m[1]), m: Number(m[2]) } : undefined;
}

function presetCron(spec: string): { cron: string; spec: string } | { error: string } | undefined {
  const words = spec.trim().toLowerCase().split(/\s+/);
  const [name, time] = words;
  if (words.length > 2) return undefined;
  switch (name) {
    case "hourly":
      return time ? { error: 'hourly takes no time: "hourly"' } : { cron: "0 * * * *", spec: "hourly" };
    case "twice-daily":
      return time
        ? { error: "twice-daily takes no time: it posts at 08:00 and 20:00" }
        : { cron: "0 8,20 * * *", spec: "twice-daily" };
    case "daily":
    case "weekdays": {
      const t = clock(time, name === "daily" ? "08:00" : "07:30");
      if (!t)
        return { error: `${name} takes a time of day as HH:MM, such as "${name} 08:00" (got "${time}")` };
      const hhmm = `${String(t.h).padStart(2, "0")}:${String(t.m).padStart(2, "0")}`;
      return { cron: `${t.m} ${t.h} * * ${name === "daily" ? "*" : "1-5"}`, spec: `${name} ${hhmm}` };
    }
    default:
      return undefined;
  }
}

/** The shortest gap between two runs over the next several, in seconds. */
export function shortestInterval(expression: string, timezone: string): number {
  const task = cron.createTask(expression, () => {}, { timezone });
  try {
    const runs = task.getNextRuns(30).map((d) => d.getTime());
    let min = Number.POSITIVE_INFINITY;
    for (let i = 1; i < runs.length; i++)
      min = Math.min(min, ((runs[i] as number) - (runs[i - 1] as number)) / 1000);
    return min;
  } finally {
    void task.destroy();
  }
}

export function parseSchedule(spec: string, timezone: string, minIntervalSeconds: number): ScheduleResult {
  const text = spec.trim().replace(/\s+/g, " ");
  if (!text) return { ok: false, error: `Give a schedule: ${SCHEDULE_HELP}.` };
  if (!isTimeZone(timezone))
    return {
      ok: false,
      error: `"${timezone}" is not a time zone; use an IANA name such as Europe/Berlin or UTC.`,
    };
  const preset = presetCron(text);
  let expression: string;
  let normalized: string;
  if (preset && "error" in preset) return { ok: false, error: preset.error };
  if (preset) {
    expression = preset.cron;
    normalized = preset.spec;
  } else {
    const fields = text.split(" ");
    if (fields.length !== 5 && fields.length !== 6) {
      return { ok: false, error: `"${shorten(text)}" is not a schedule. Use ${SCHEDULE_HELP}.` };
    }
    const check = cron.validateDetailed(text);
    if (!check.valid) {
      const problems = check.errors.map((e) => `${e.field}: ${e.message}`).join("; ");
      return { ok: false, error: `"${shorten(text)}" is not a valid cron expression (${problems}).` };
    }
    expression = text;
    normalized = text;
  }
  const interval = shortestInterval(expression, timezone);
  if (interval < minIntervalSeconds) {
    return {
      ok: false,
      error: `"${normalized}" would post every ${describeSeconds(interval)}; the minimum interval here is ${describeSeconds(minIntervalSeconds)}.`,
    };
  }
  return { ok: true, schedule: { spec: normalized, cron: expression, timezone } };
}

function describeSeconds(s: number): string {
  if (s % 3600 === 0) return `${s / 3600} hour${s === 3600 ? "" : "s"}`;
  if (s % 60 === 0) return `${s / 60} minute${s === 60 ? "" : "s"}`;
  return `${s} second${s === 1 ? "" : "s"}`;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
