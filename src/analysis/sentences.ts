/**
 * Sentence splitting for news text. A rule-based splitter rather than a model: it has to know
 * news abbreviations (U.S., Gen., Dr., No. 5, "D-N.Y."), initials and quotes, and it runs on
 * thousands of articles a second.
 */

/** Abbreviations after which a full stop never ends a sentence (titles, "No. 5", "vs."). */
const TITLE_ABBREVIATIONS = new Set(
  (
    "mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt sen rep gov pres supt det insp " +
    "st mt ft jr sr rev hon fr messrs mme mlle sra sr vs v etc al approx est dept univ assn bros inc corp " +
    "co ltd plc llc no nos vol vols pp fig figs op ch sec art jan feb mar apr jun jul aug sep sept oct nov dec " +
    "ave blvd rd hwy"
  ).split(" "),
);

/** Words that commonly open a sentence: after "U.S." they mean the acronym ended the sentence. */
const SENTENCE_STARTERS = new Set(
  (
    "the a an he she it they we i you his her its their this that these those there here but and or so yet " +
    "in on at for after before when while if although though however meanwhile still now then also " +
    "as by from with without during since until some many most several one two three no not"
  ).split(" "),
);

export interface RawSentence {
  text: string;
  paragraph: number;
  heading: boolean;
}

const CLOSERS = "\"'”’)]»";
const OPENERS = "\"'“‘([«";

/** Split a body of text into paragraphs (blank lines), then each paragraph into sentences. */
export function splitSentences(body: string): RawSentence[] {
  const out: RawSentence[] = [];
  const paragraphs = body
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p.length > 0);
  paragraphs.forEach((paragraph, p) => {
    const parts = splitParagraph(paragraph);
    const heading = parts.length === 1 && isHeadingLike(paragraph);
    for (const text of parts) out.push({ text, paragraph: p, heading });
  });
  return out;
}

/** A short line with no closing punctuation, standing alone: a headline or sub-heading. */
export function isHeadingLike(text: string): boolean {
  const words = text.split(" ").length;
  return words <= 14 && !/[.!?:;,"'”’)]$/.test(text);
}

export function splitParagraph(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  const n = paragraph.length;
  for (let i = 0; i < n; i++) {
    const ch = paragraph[i];
    if (ch !== "." && ch !== "!" && ch !== "?") continue;
    // Swallow runs of terminal punctuation and closing quotes/brackets: `?!"` or `.)`
    let end = i + 1;
    while (
      end < n &&
      (".!?".includes(paragraph[end] as string) || CLOSERS.includes(paragraph[end] as string))
    )
      end++;
    if (end >= n) break;
    if (paragraph[end] !== " ") continue;
    const next = end + 1;
    const nextChar = paragraph[next];
    if (nextChar === undefined) break;
    const opensSentence = /[\p{Lu}\p{N}]/u.test(nextChar) || OPENERS.includes(nextChar);
    if (!opensSentence) continue;
    if (ch === "." && !fullStopEndsSentence(paragraph, i, next)) continue;
    sentences.push(paragraph.slice(start, end).trim());
    start = next;
    i = end;
  }
  const last = paragraph.slice(start).trim();
  if (last) sentences.push(last);
  return sentences;
}

/** Decide whether the full stop at `dot` ends a sentence, looking at the word it closes and the next word. */
function fullStopEndsSentence(text: string, dot: number, next: number): boolean {
  let wordStart = dot;
  while (wordStart > 0 && !/[\s("'“‘]/.test(text[wordStart - 1] as string)) wordStart--;
  const word = text.slice(wordStart, dot);
  const nextWord = (text.slice(next).match(/^["'“‘(]*([\p{L}\p{N}]+)/u)?.[1] ?? "").toLowerCase();
  const bare = word.toLowerCase().replace(/[^a-z.]/g, "");
  // A single initial: "J. Smith", "George W. Bush".
  if (/^\p{Lu}$/u.test(word)) return false;
  // Dotted acronyms and state codes: "U.S.", "D-N.Y.", "a.m." — end a sentence only before a typical opener.
  if (/^[\p{L}-]*\p{L}\.[\p{L}.]*$/u.test(word) || /^\p{Lu}{1,3}(-\p{Lu}\.\p{Lu})$/u.test(word)) {
    return SENTENCE_STARTERS.has(nextWord);
  }
  if (TITLE_ABBREVIATIONS.has(bare)) {
    // "No. 10" keeps going; "in No." at the end of a sentence is rare enough to ignore.
    return false;
  }
  return true;
}
