/**
 * Dates stated in a sentence, resolved against the article's publication date, with the
 * granularity the text gives: a bare year stays "YYYY", a month "YYYY-MM", a day "YYYY-MM-DD".
 */
import * as chrono from "chrono-node";
import type { DateValue } from "../core/model.js";

export interface FoundDate {
  date: DateValue;
  phrase: string;
}

const YEAR =
  /\b(?:in|since|until|by|from|of|during|before|after|early|late|mid-?)\s+((?:1[89]|20)\d\d)\b(?!\s*(?:people|troops|soldiers|km|kilometres|miles|\w+s\b))/gi;
const DAY_MS = 86_400_000;

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function findDates(sentence: string, reference: Date): FoundDate[] {
  const found: FoundDate[] = [];
  let results: chrono.ParsedResult[] = [];
  try {
    results = chrono.parse(sentence, { instant: reference, timezone: "UTC" }, { forwardDate: false });
  } catch {
    results = [];
  }
  for (const r of results) {
    const c = r.start;
    let date = c.date();
    let value: DateValue;
    if (c.isCertain("day") || /\bweek(end)?\b|yesterday|today|tomorrow/i.test(r.text)) {
      value = iso(date);
    } else if (c.isCertain("weekday")) {
      // News reports name the last such weekday: "on Tuesday" in a Monday paper is six days ago.
      while (date.getTime() > reference.getTime()) date = new Date(date.getTime() - 7 * DAY_MS);
      value = iso(date);
    } else if (c.isCertain("month")) {
      value = iso(date).slice(0, 7);
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
  return found;
}
