/**
 * Dates stated in a sentence, resolved against the article's publication date, with the
 * granularity the text gives: a bare year stays "YYYY", a month "YYYY-MM", a day "YYYY-MM-DD",
 * and a span such as a weekend or a week is an ISO interval ("2020-06-06/07").
 */
import * as chrono from "chrono-node";
import type { DateValue } from "../core/model.js";

export interface FoundDate {
  date: DateValue;
  phrase: string;
}

const YEAR =
  /\b(?:in|since|until|by|from|of|during|before|after|early|late|mid-?)\s+((?:1[89]|20)\d\d)\b(?!\s*(?:people|troops|soldiers|km|kilometres|miles|\w+s\b))/gi;
/** Cheap test for anything chrono could read, so most sentences skip the parser. */
const MAY_HAVE_DATE =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|yesterday|tomorrow|weeks?|months?|years?|ago)\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b/i;
const WEEKEND = /\b(?:at|over|during|on|this|last|the past)\s+(?:the\s+)?weekend\b/i;
const WEEK = /\b(this|last|next|the past|earlier this|later this)\s+week\b/i;
const FUTURE = /\b(?:will|would|next|plans?|planned|due|scheduled|expects?|expected|to be)\b/i;
/** "New rules apply from 1 March" looks ahead; "Talks ran from March to May" does not. */
const FROM_DATE = /\bfrom (?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/i;
const TELLS_PAST = /\b(?:was|were|had|did|ran|began|\p{Ll}+ed)\b/u;
/** A deadline looks ahead unless its clause tells of the past: "need the bridge open by April". */
const DEADLINE_PAST = /\b(?:had|was|were|did)\b/i;
const DAY_MS = 86_400_000;
/** A count of days, weeks, months or years: "four months", "a few years". */
const SPAN_OF_TIME =
  "(?:\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)\\s+(?:days?|weeks?|months?|years?)";
/** "for 18 months", "within four months": how long, not when. */
const HOW_LONG = new RegExp(`^(?:for|over|within|after|about|nearly|almost|some)?\\s*${SPAN_OF_TIME}$`, "i");
/** "in nine years": when ahead, or within the last nine years in a sentence about the past. */
const WITHIN_SPAN = new RegExp(`^in\\s+${SPAN_OF_TIME}$`, "i");
/**
 * What stands before a date that is only a yardstick, not when something happened: "the highest since
 * 1998", "for the first time since 2011", "more than in 2019".
 */
const YARDSTICK_BEFORE =
  /(?:\b(?:ha(?:ve|s|d)\s+(?:not|never)|haven't|hasn't|hadn't)(?:\s+[\w'-]+){0,5}\s+since|\b(?:highest|lowest|biggest|largest|smallest|greatest|strongest|weakest|longest|shortest|deadliest|fastest|slowest|hottest|coldest|warmest|wettest|driest|heaviest|busiest|worst|best|most|least|first|only)(?:\s+[\w-]+){0,2}\s+since|\bthan(?:\s+(?:in|on|at))?)\s*$/i;

/**
 * "a week after the city began cutting", "three days later": a span counted from another event, whose
 * date the sentence does not give, not from the day of the report.
 */
const RELATIVE_TO_EVENT = /\b(?:after|before|later|earlier)$/i;

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

/** "2020-06-06" and "2020-06-07" → "2020-06-06/07"; across months the end is written in full. */
export function interval(start: Date, end: Date): DateValue {
  const a = iso(start);
  const b = iso(end);
  if (a === b) return a;
  return a.slice(0, 8) === b.slice(0, 8) ? `${a}/${b.slice(8)}` : `${a}/${b.slice(5)}`;
}

/** The weekend a report means: the last one on or before its date, or the coming one if it speaks of the future. */
function weekendOf(reference: Date, future: boolean): DateValue {
  const day = reference.getUTCDay(); // 0 Sunday … 6 Saturday
  if (future && day >= 1 && day <= 5) {
    const saturday = addDays(reference, 6 - day);
    return interval(saturday, addDays(saturday, 1));
  }
  const back = day === 0 ? 1 : day === 6 ? 0 : day + 1;
  const saturday = addDays(reference, -back);
  return interval(saturday, addDays(saturday, 1));
}

function weekOf(reference: Date, shift: number): DateValue {
  const day = (reference.getUTCDay() + 6) % 7; // 0 Monday
  const monday = addDays(reference, -day + 7 * shift);
  return interval(monday, addDays(monday, 6));
}

/**
 * A month named without a year: the most recent such month, unless the sentence speaks of the
 * future. Long spans stated elsewhere in the article ("14-month offensive" … "since April") move
 * it back by whole years to where the span began.
 */
function monthYear(month: number, reference: Date, future: boolean, spans: number[]): number {
  const refYear = reference.getUTCFullYear();
  const refMonth = reference.getUTCMonth();
  let year = refYear;
  if (!future && month > refMonth) year--;
  if (future && month < refMonth) year++;
  for (const months of spans) {
    const start = new Date(Date.UTC(refYear, refMonth - months, 1));
    if (start.getUTCMonth() === month && start.getUTCFullYear() < year) return start.getUTCFullYear();
  }
  return year;
}

/** Durations in months stated in the article ("14-month offensive", "18 months"), for resolving "since April". */
export function monthSpans(text: string): number[] {
  const spans: number[] = [];
  for (const m of text.matchAll(/\b(\d{1,3})[-\s]months?\b/gi)) {
    const n = Number(m[1]);
    if (n > 11 && n < 240) spans.push(n);
  }
  for (const m of text.matchAll(/\b(\d{1,2})[-\s]years?[-\s]long\b/gi)) spans.push(Number(m[1]) * 12);
  return spans;
}

export function findDates(sentence: string, reference: Date, spans: number[] = []): FoundDate[] {
  const found: FoundDate[] = [];
  const future = FUTURE.test(sentence) || (FROM_DATE.test(sentence) && !TELLS_PAST.test(sentence));
  const weekend = sentence.match(WEEKEND);
  if (weekend)
    found.push({
      date: weekendOf(reference, /\b(?:this|next)\b/i.test(weekend[0]) && future),
      phrase: weekend[0],
    });
  const week = sentence.match(WEEK);
  if (week) {
    const which = (week[1] as string).toLowerCase();
    found.push({
      date: weekOf(reference, which === "last" || which === "the past" ? -1 : which === "next" ? 1 : 0),
      phrase: week[0],
    });
  }
  let results: chrono.ParsedResult[] = [];
  if (MAY_HAVE_DATE.test(sentence)) {
    try {
      results = chrono.parse(sentence, { instant: reference, timezone: "UTC" }, { forwardDate: false });
    } catch {
      results = [];
    }
  }
  for (const r of results) {
    if (/week/i.test(r.text) && (weekend || week)) continue;
    // "for 18 months", "in two weeks' time" state how long, not when.
    if (HOW_LONG.test(r.text.trim())) continue;
    if (/^for\s/i.test(r.text.trim())) continue;
    // "in nine years" of a sentence about the past means "within the last nine years".
    if (!future && WITHIN_SPAN.test(r.text.trim())) continue;
    // "once in two years", "the first time in two years" say how often or how long, not when.
    if (/\b(?:once|twice|times|(?:first|last|only) time)\s*$/i.test(sentence.slice(0, r.index))) continue;
    const c = r.start;
    let date = c.date();
    let value: DateValue;
    if (c.isCertain("day") || /\b(?:yesterday|today|tonight|tomorrow|ago)\b/i.test(r.text)) {
      if (
        !c.isCertain("year") &&
        c.isCertain("month") &&
        !future &&
        date.getTime() > reference.getTime() + 2 * DAY_MS
      )
        date = new Date(Date.UTC(date.getUTCFullYear() - 1, date.getUTCMonth(), date.getUTCDate()));
      value = iso(date);
    } else if (c.isCertain("weekday")) {
      // News reports name the last such weekday: "on Tuesday" in a Monday paper is six days ago.
      // Compared by calendar day: "on Monday" in a Monday paper is that day.
      const weekday = c.get("weekday") ?? date.getUTCDay();
      const refDay = reference.getUTCDay();
      const delta = future ? (weekday - refDay + 7) % 7 : -((refDay - weekday + 7) % 7);
      value = iso(addDays(reference, delta));
    } else if (c.isCertain("month")) {
      const month = c.get("month");
      if (c.isCertain("year") || month === null) value = iso(date).slice(0, 7);
      else {
        // "between March and June 2026": the year written at the end of the range.
        const rangeYear = sentence
          .slice(r.index + r.text.length)
          .match(
            /^\s*(?:and|to|until|through|-|–)\s+(?:\d{1,2}\s+)?[A-Z][a-z]+(?:\s+\d{1,2})?,?\s+((?:1[89]|20)\d\d)\b/,
          );
        const endYear = r.end?.isCertain("year") ? r.end.get("year") : null;
        const year = rangeYear
          ? Number(rangeYear[1])
          : (endYear ?? monthYear(month - 1, reference, aheadOf(sentence, r.index, future), spans));
        value = `${year}-${String(month).padStart(2, "0")}`;
      }
    } else if (c.isCertain("year")) {
      value = iso(date).slice(0, 4);
    } else {
      continue;
    }
    found.push({ date: value, phrase: r.text.trim().replace(/[,.;]$/, "") });
  }
  for (const m of sentence.matchAll(YEAR)) {
    const year = m[1] as string;
    if (!found.some((f) => f.date.startsWith(year))) found.push({ date: year, phrase: m[0] });
  }
  return found.filter((f) => !isYardstick(sentence, f.phrase) && !RELATIVE_TO_EVENT.test(f.phrase));
}

/** Whether a month named at `at` lies ahead: "since March" never does, "by April" does unless told of the past. */
function aheadOf(sentence: string, at: number, future: boolean): boolean {
  const before = sentence.slice(0, at);
  if (/\bsince\s+$/i.test(before)) return false;
  if (/\bby\s+$/i.test(before)) return !DEADLINE_PAST.test(before.slice(before.lastIndexOf(",") + 1));
  return future;
}

/** Whether a date phrase only measures against the past ("the highest since 1998"). */
function isYardstick(sentence: string, phrase: string): boolean {
  const at = sentence.indexOf(phrase);
  if (at < 0) return false;
  const before = sentence.slice(0, at);
  // The YEAR pattern's phrase starts with its preposition; chrono's may not ("1998" of "since 1998").
  const lead = /^since\s/i.test(phrase) ? `${before}since` : /^in\s/i.test(phrase) ? `${before}in` : before;
  return YARDSTICK_BEFORE.test(lead.trimEnd());
}
