/** Numbers, amounts of money, percentages and durations stated in a sentence. */
import type { Quantity } from "../core/model.js";

const NUMBER_WORDS =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|several|a few";
const DURATION = new RegExp(
  `\\b(?:\\d+(?:\\.\\d+)?|${NUMBER_WORDS})[-\\s](?:years?|months?|weeks?|days?|hours?|minutes?|decades?)(?:[-\\s]long)?\\b`,
  "gi",
);
const MONEY =
  /(?:[$€£¥]\s?\d[\d,.]*(?:\s?(?:bn|m|k|billion|million|trillion|thousand))?|\b\d[\d,.]*\s?(?:billion|million|trillion)?\s?(?:dollars|euros|pounds|yen|yuan))\b/gi;
const PERCENT = /\b\d+(?:\.\d+)?\s?(?:%|per\s?cent|percent)/gi;
const NUMBER = /\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d+(?:\.\d+)?\s?(?:million|billion|thousand)\b/gi;

export function findQuantities(sentence: string, sentenceIndex: number): Quantity[] {
  const out: Quantity[] = [];
  const taken: [number, number][] = [];
  const push = (kind: Quantity["kind"], re: RegExp) => {
    for (const m of sentence.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      taken.push([start, end]);
      out.push({ kind, text: m[0].trim(), sentenceIndex });
    }
  };
  push("money", MONEY);
  push("percent", PERCENT);
  push("duration", DURATION);
  push("number", NUMBER);
  return out;
}
