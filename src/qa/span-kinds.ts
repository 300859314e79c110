/**
 * What kind of thing an answer span is, and its whole extent: a date where a name was asked, an
 * amount of time where a date was, a source or a place where someone who acts was; a number cut off
 * from its unit, a name cut off from its list, a span running into another clause.
 */
import { SAYING } from "./actions.js";
import type { Ranked } from "./extract.js";
import { asksMeasure, type Question } from "./question.js";
import type { Candidate, SentenceView } from "./spans.js";
import type { Token } from "./tokens.js";

const SHORT_TIME = /^(seconds?|minutes?|hours?)$/;
const TIME_UNIT = /^(days?|weeks?|months?|years?|decades?|centuries)$/;
/** What a length of time is counted in: "18 months", "a 30-day truce", "six hours". */
export const DURATION_UNIT = new RegExp(
  `${SHORT_TIME.source}|${TIME_UNIT.source}|^(century|nights?|terms?|seasons?)$`,
);
/** Words that turn an amount of time into a point in time: "in six weeks", "six weeks later". */
const FROM_NOW = /^(in|within|after|by)$/;
const RELATIVE = /^(later|ago|earlier|after|before|since|from|into|old)$/;

/**
 * A number that cannot say when: an amount of money or a share, a few minutes, or a count such as
 * "14,000" (a year is written without a comma) or "60 patients".
 */
export function isOtherQuantity(question: Question, tokens: Token[], at: number): boolean {
  const token = tokens[at];
  if (question.type !== "date" || !token) return false;
  if (/^(MONEY|PERCENT)$/.test(token.entity)) return true;
  // The whole quantity the token is part of: "about" and "20" of "about 20 minutes".
  const first = token.entityStart >= 0 ? token.entityStart : at;
  // "£330million": wink reads the number without its currency.
  if (CURRENCY.test(tokens[first - 1]?.text ?? "")) return true;
  const last = token.entityEnd >= 0 ? token.entityEnd : at;
  for (let k = first; k <= last; k++) {
    const t = tokens[k] as Token;
    if (t.pos !== "NUM") continue;
    if (SHORT_TIME.test(tokens[k + 1]?.lower ?? "") || /^\d{1,3}(,\d{3})+$/.test(t.text)) return true;
    // "60 patients" counts things; "1998 elections" still dates them.
    const next = tokens[k + 1];
    if (
      next?.pos === "NOUN" &&
      /[^s]s$/.test(next.lower) &&
      !TIME_UNIT.test(next.lower) &&
      !/^\d{4}$/.test(t.text)
    )
      return true;
    // "at least six weeks" says how long; "in six weeks" and "six weeks later" say when.
    if (
      TIME_UNIT.test(tokens[k + 1]?.lower ?? "") &&
      !RELATIVE.test(tokens[k + 2]?.lower ?? "") &&
      !tokens.slice(Math.max(0, first - 1), k).some((w) => FROM_NOW.test(w.lower))
    )
      return true;
  }
  return false;
}

/** A "when" answered by an amount ("20" of "about 20 minutes"): neither a date nor an event. */
export function isQuantity(question: Question, candidate: Candidate, ranked: Ranked): boolean {
  const tokens = (ranked.views[candidate.hit] as SentenceView).tokens;
  for (let k = candidate.first; k <= candidate.last; k++)
    if (isOtherQuantity(question, tokens, k)) return true;
  return false;
}

/** A count: "one", "12". Alone it tells no time, as a year ("1911") or a day ("12 May") does. */
const SMALL_COUNT = /^(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)$/;

/** Whether a span's only numbers are small counts, with no date, time or duration: "one of the two". */
export function isBareCount(candidate: Candidate, ranked: Ranked): boolean {
  const tokens = (ranked.views[candidate.hit] as SentenceView).tokens.slice(
    candidate.first,
    candidate.last + 1,
  );
  return (
    tokens.some((t) => SMALL_COUNT.test(t.lower)) &&
    !tokens.some(
      (t) => /^(DATE|TIME|DURATION)$/.test(t.entity) || (/^\d/.test(t.lower) && !SMALL_COUNT.test(t.lower)),
    )
  );
}

/** Whether every word of a span belongs to a date or a time ("in January" counts: "in" is not a name). */
export function isDate(candidate: Candidate, ranked: Ranked): boolean {
  const { tokens } = ranked.views[candidate.hit] as SentenceView;
  let date = false;
  for (let k = candidate.first; k <= candidate.last; k++) {
    const t = tokens[k] as Token;
    if (t.entity === "DATE" || t.entity === "TIME") date = true;
    else if (t.capitalized || t.pos === "NOUN" || t.pos === "PROPN" || t.pos === "NUM") return false;
  }
  return date;
}

const AMOUNT = /^(PERCENT|MONEY|CARDINAL)$/;
const CURRENCY = /^[£$€¥]$/;
/** What money is counted in, said or written: "15 million pounds", "$12". */
export const CURRENCY_WORD =
  /^([£$€¥₹₽]|pounds?|dollars?|euros?|yen|yuan|francs?|rupees?|cents?|pence|p|lira|lire|marks?|r[ou]bles?|pesos?|kron[aeo]r?|crowns?|shillings?|guilders?|dinars?|riyals?|rand|won|baht|reais|real)$/i;
/** How newswires shorten millions and billions: "£885m", "$1.13bn". */
const MAGNITUDE = /^(m|bn|mn|k|tn)\.?$/i;

/** What a distance, a length of time, a weight or a size is measured in. */
export const UNIT =
  /^(km|kilomet(re|er)s?|miles?|met(re|er)s?|cm|centimet(re|er)s?|mm|feet|foot|ft|inch(es)?|yards?|hours?|minutes?|seconds?|days?|weeks?|months?|years?|decades?|centur(y|ies)|tonnes?|tons?|kg|kilo(gram)?s?|grams?|lbs?|litres?|liters?|gallons?|acres?|hectares?|degrees?|knots?|mph|storeys?|floors?)$/i;

/**
 * A span with the whole amount it cuts into: "8" of "a raise of 8 percent" is "8 percent", "million"
 * of "nearly half a million" is "half a million", "885" of "£885m" is "£885m", a day of the month
 * its date, and a measure its unit ("How far…?" → "15 kilometres").
 */
/** "How large was Sola's lead?" is answered with what it counts: "41,000 votes". */
function countedBy(question: Question, tokens: Token[], at: number): boolean {
  const next = tokens[at + 1];
  return (
    /^how (large|big)\b/i.test(question.text) &&
    next?.pos === "NOUN" &&
    /[^s]s$/.test(next.lower) &&
    !/^(times|percent)$/.test(next.lower)
  );
}

export function wholeAmount(candidate: Candidate, view: SentenceView, question?: Question): string {
  const { tokens } = view;
  const head = tokens[candidate.first] as Token;
  const tail = tokens[candidate.last] as Token;
  // A day of the month alone is no answer: "8" of "on 8 December" is "8 December".
  const day = candidate.first === candidate.last && head.entity === "DATE" && /^\d{1,2}$/.test(head.text);
  const whole = (t: Token) => AMOUNT.test(t.entity) || (day && t.entity === "DATE");
  let first = whole(head) ? Math.min(candidate.first, head.entityStart) : candidate.first;
  let last = whole(tail) ? Math.max(candidate.last, tail.entityEnd) : candidate.last;
  // A count keeps its number words, not a hedge the answer did not take ("about 2,300" stays "2,300").
  while (first < candidate.first && (tokens[first] as Token).pos === "ADV") first++;
  if (tokens[last]?.pos === "NUM" && MAGNITUDE.test(tokens[last + 1]?.text ?? "")) last++;
  if (
    question &&
    // "How far…?", "How long…?", "How heavy…?", "How much oil…?": a number alone answers none of them.
    (asksMeasure(question) || (question.type !== "money" && /^how much\b/i.test(question.text))) &&
    tokens[last]?.pos === "NUM" &&
    (UNIT.test(tokens[last + 1]?.text ?? "") || countedBy(question, tokens, last))
  )
    last++;
  if (tokens[first]?.pos === "NUM" && CURRENCY.test(tokens[first - 1]?.text ?? "")) first--;
  // A range is one amount: "75%" of "30–75%".
  const dash = tokens[first - 1];
  if (
    tokens[first]?.pos === "NUM" &&
    dash &&
    /^[-–]$/.test(dash.text) &&
    dash.start === (tokens[first] as Token).start - 1 &&
    tokens[first - 2]?.pos === "NUM" &&
    (tokens[first - 2] as Token).end === dash.start
  )
    first -= 2;
  if (first === candidate.first && last === candidate.last) return candidate.text;
  // "m." swallows the sentence's full stop.
  return view.text
    .slice((tokens[first] as Token).start, (tokens[last] as Token).end)
    .replace(/(?<=\dm)\.$/, "");
}

/** Words that end the phrase after "a raise of": what follows says something else about it. */
const PHRASE_END = /^(to|that|which|who|because|while|,)$/;

/** The longest candidate starting at `first` in the best span's sentence that stays one phrase. */
function phraseAt(ranked: Ranked, hit: number, first: number): Candidate | undefined {
  const view = ranked.views[hit] as SentenceView;
  let found: Candidate | undefined;
  for (const c of ranked.candidates) {
    if (c.hit !== hit || c.first !== first) continue;
    const inside = view.tokens.slice(c.first, c.last + 1);
    if (inside.some((t) => PHRASE_END.test(t.lower) || t.pos === "VERB" || t.pos === "AUX")) continue;
    if (inside[inside.length - 1]?.pos === "ADV") continue;
    if (!found || c.last > found.last) found = c;
  }
  return found;
}

/** Words that give examples of the noun before them: "European countries such as France". */
const EXAMPLES = /^(such as|including|like)$/;

/**
 * The asked noun's own phrase in the best span's sentence: "What raise did she ask for?" over "a raise
 * of 8 percent to keep up with rents" → the amount after "of" ("8 percent"; only an amount: "the theory
 * of computation" names something else than the theory asked for); "Which European countries
 * supported the general?" over "European countries such as France and Great Britain" → the examples.
 */
export function afterAskedNoun(question: Question, ranked: Ranked, best: Candidate): Candidate | undefined {
  if (!question.head) return undefined;
  const view = ranked.views[best.hit];
  const head = question.tokens.find((t) => t.lower === question.head);
  if (!view || !head) return undefined;
  const { tokens } = view;
  // "Which European countries": the head is read as "European", the examples follow "countries".
  const nouns = new Set([head.stem]);
  for (let k = question.tokens.indexOf(head) + 1; question.tokens[k]?.pos === "NOUN"; k++)
    nouns.add((question.tokens[k] as Token).stem);
  const named = tokens.findIndex((t, k) => {
    if (!nouns.has(t.stem)) return false;
    const next = tokens[k + 1]?.lower ?? "";
    return EXAMPLES.test(next) || EXAMPLES.test(`${next} ${tokens[k + 2]?.lower ?? ""}`);
  });
  if (named >= 0) {
    const first = named + (tokens[named + 1]?.lower === "such" ? 3 : 2);
    if (!(best.first >= first && best.last < tokens.length)) return phraseAt(ranked, best.hit, first);
    return undefined;
  }
  // "Which lenders…?" over "Corvina's two biggest lenders, Northgate Bank and Sel Savings, raised…":
  // the names set off after the asked noun.
  const apposed = tokens.findIndex(
    (t, k) =>
      nouns.has(t.stem) &&
      tokens[k + 1]?.text === "," &&
      tokens[k + 2]?.pos === "PROPN" &&
      tokens[k + 2]?.capitalized,
  );
  // Only where the best span is the asked noun's own phrase ("Corvina's two"), and the names are set
  // off on both sides.
  if (
    apposed >= 0 &&
    best.last <= apposed &&
    best.last >= apposed - 4 &&
    /^(what|which)$/.test(question.wh)
  ) {
    const names = phraseAt(ranked, best.hit, apposed + 2);
    if (names && tokens[names.last + 1]?.text === ",") return names;
  }
  if (question.type !== "thing") return undefined;
  const at = tokens.findIndex((t, k) => t.stem === head.stem && tokens[k + 1]?.lower === "of");
  if (at < 0 || (best.first > at + 1 && best.last >= at + 2)) return undefined;
  const amount = tokens[at + 2];
  if (!amount || !(amount.pos === "NUM" || AMOUNT.test(amount.entity) || CURRENCY.test(amount.text)))
    return undefined;
  return phraseAt(ranked, best.hit, at + 2);
}

/** How many title words may stand between "according to" and a name ("fire chief"). */
const SOURCE_TITLE_WORDS = 3;

/**
 * Whether a span names the source of its sentence: "according to (fire chief) Amara Nwosu", past the
 * title words between.
 */
export function isSource(candidate: Candidate, ranked: Ranked): boolean {
  const tokens = (ranked.views[candidate.hit] as SentenceView).tokens;
  // The tagger reads titles as anything ("fire/VERB chief/ADJ"): any few words but punctuation.
  for (let k = candidate.first - 1; k > 0 && k >= candidate.first - 1 - SOURCE_TITLE_WORDS; k--) {
    const t = tokens[k] as Token;
    if (t.lower === "to") return tokens[k - 1]?.lower === "according";
    if (t.pos === "PUNCT") return false;
  }
  return false;
}

/**
 * Whether a span is who says its sentence, or runs over the reporting verb: "Officials", "Officials
 * said" or "Quintero said workers" of "… said workers were asking for a raise".
 */
export function isSpeaker(candidate: Candidate, ranked: Ranked): boolean {
  const tokens = (ranked.views[candidate.hit] as SentenceView).tokens;
  // "Said" of "Edward Said" is a name.
  // Not every plain reporting verb: "member states", "the French state" are nouns.
  const says = (k: number) =>
    !tokens[k]?.capitalized && /^(said|says|told|tells|added|stated)$/.test(tokens[k]?.lower ?? "");
  if (says(candidate.last + 1) || says(candidate.last)) return true;
  // Inside a span only the plainest verbs count: "value added" is no saying.
  for (let k = candidate.first; k < candidate.last; k++)
    if (/^(said|says|told|tells)$/.test(tokens[k]?.text ?? "")) return true;
  return false;
}

/** "Who said…?", "According to whom…?": the question asks for a source. */
export function asksSource(question: Question): boolean {
  return question.tokens.some((t) => t.lower === "according" || (t.pos === "VERB" && SAYING.test(t.lower)));
}

/**
 * A date answer without a name glued before it: "US last November" of "approved for use in the US
 * last November" is "last November".
 */
export function withoutLeadingName(candidate: Candidate, view: SentenceView): Candidate {
  const { tokens } = view;
  let first = candidate.first;
  while (
    first < candidate.last &&
    (tokens[first] as Token).pos === "PROPN" &&
    !/^(DATE|TIME)$/.test((tokens[first] as Token).entity)
  )
    first++;
  if (first === candidate.first || !/^(DATE|TIME)$/.test((tokens[first] as Token).entity)) return candidate;
  const text = view.text.slice((tokens[first] as Token).start, (tokens[candidate.last] as Token).end);
  return { ...candidate, first, text };
}

/**
 * A date that runs on into what happened then ("Wednesday ordered a recount of ballots"): the date
 * alone answers "when".
 */
export function withoutTrailingDeed(candidate: Candidate, view: SentenceView): Candidate {
  const { tokens } = view;
  const dated = (k: number) => /^(DATE|TIME)$/.test((tokens[k] as Token).entity);
  if (!dated(candidate.first)) return candidate;
  let last = candidate.first;
  while (last < candidate.last && dated(last + 1)) last++;
  const deed = tokens.slice(last + 1, candidate.last + 1).some((t) => t.pos === "VERB");
  if (!deed) return candidate;
  const text = view.text.slice((tokens[candidate.first] as Token).start, (tokens[last] as Token).end);
  return { ...candidate, last, text };
}

/** Words that open another clause inside a span: "60% while its partner Medlis shed 20%". */
const CLAUSE_OPENING = /^(while|whereas|although|though|but|because)$/;

/**
 * A span that runs into another clause ("60% while its partner"): the clause the question is about
 * answers it. When the question's words stand in the later clause ("By how much did Medlis shares
 * fall?"), the best span inside that clause; else the span cut where the other clause opens ("60%").
 */
export function withinAskedClause(question: Question, candidate: Candidate, ranked: Ranked): Candidate {
  const view = ranked.views[candidate.hit] as SentenceView;
  const { tokens } = view;
  let opener = -1;
  for (let k = candidate.first + 1; k <= candidate.last && opener < 0; k++)
    if (CLAUSE_OPENING.test((tokens[k] as Token).lower)) opener = k;
  if (opener < 0) return candidate;
  let end = opener + 1;
  while (end < tokens.length && !CLAUSE_OPENING.test((tokens[end] as Token).lower)) end++;
  let start = opener - 1;
  while (start > 0 && !CLAUSE_OPENING.test((tokens[start - 1] as Token).lower)) start--;
  // The question's names weigh most: "shares" is said in both clauses, "Medlis" in one.
  const asked = new Set(question.terms);
  const named = new Set(question.names.flatMap((n) => n.toLowerCase().split(/\s+/)));
  const count = (from: number, to: number) =>
    tokens.slice(from, to).reduce((n, t) => n + (named.has(t.lower) ? 3 : asked.has(t.stem) ? 1 : 0), 0);
  if (count(opener, end) > count(start, opener)) {
    let inside: number | undefined;
    ranked.candidates.forEach((c, i) => {
      if (c.hit !== candidate.hit || c.first <= opener || c.last >= end) return;
      if (inside === undefined || (ranked.scores[i] as number) > (ranked.scores[inside] as number))
        inside = i;
    });
    if (inside !== undefined) return ranked.candidates[inside] as Candidate;
  }
  let last = opener - 1;
  while (last > candidate.first && (tokens[last] as Token).pos === "PUNCT") last--;
  const text = view.text.slice((tokens[candidate.first] as Token).start, (tokens[last] as Token).end);
  return { ...candidate, last, text };
}

/** A span of the asked clause replaces one of another clause when the model finds it this share as likely. */
const ASKED_CLAUSE_SHARE = 0.5;

/**
 * A span standing wholly in a clause other than the one the question is about: "Who gives the
 * government in Tripoli military support?" over "… the government in Tripoli has military support for
 * Turkey, while Russia supports Haftar" is about the first clause, so "Turkey", not "Haftar". The
 * likeliest span of the asked clause that `fits`, when the model finds it nearly as likely.
 */
export function inAskedClause(
  question: Question,
  candidate: Candidate,
  ranked: Ranked,
  fits: (c: Candidate) => boolean,
): Candidate {
  const { tokens } = ranked.views[candidate.hit] as SentenceView;
  const clauseOf = tokens.map(() => 0);
  tokens.forEach((t, k) => {
    clauseOf[k] = (clauseOf[k - 1] ?? 0) + (CLAUSE_OPENING.test(t.lower) ? 1 : 0);
  });
  const clauses = (clauseOf.at(-1) ?? 0) + 1;
  if (clauses < 2) return candidate;
  const asked = new Set(question.terms);
  const named = new Set(question.names.flatMap((n) => n.toLowerCase().split(/\s+/)));
  const score = Array.from({ length: clauses }, () => 0);
  tokens.forEach((t, k) => {
    const c = clauseOf[k] as number;
    score[c] = (score[c] as number) + (named.has(t.lower) ? 3 : asked.has(t.stem) && !t.stop ? 1 : 0);
  });
  const top = score.indexOf(Math.max(...score));
  const own = clauseOf[candidate.first] as number;
  if (own === top || own !== clauseOf[candidate.last] || (score[own] as number) >= (score[top] as number))
    return candidate;
  const at = ranked.candidates.indexOf(candidate);
  const floor = ASKED_CLAUSE_SHARE * (ranked.probabilities[at] ?? ranked.probabilities[ranked.best] ?? 0);
  let pick: number | undefined;
  ranked.candidates.forEach((c, i) => {
    if (c.hit !== candidate.hit || clauseOf[c.first] !== top || clauseOf[c.last] !== top || !fits(c)) return;
    if ((ranked.probabilities[i] ?? 0) < floor) return;
    if (pick === undefined || (ranked.scores[i] as number) > (ranked.scores[pick] as number)) pick = i;
  });
  return pick === undefined ? candidate : (ranked.candidates[pick] as Candidate);
}

/** Prepositions that place what follows: "in the Kestrel Hills", "near the border". */
const LOCATING = /^(in|at|near|inside|outside|across|throughout|into|onto|around|along)$/;

/** Whether a span stands where something is ("in the Kestrel Hills"), which names no one who acts. */
export function isLocated(candidate: Candidate, ranked: Ranked): boolean {
  const tokens = (ranked.views[candidate.hit] as SentenceView).tokens;
  let k = candidate.first - 1;
  if (tokens[k]?.pos === "DET") k--;
  return LOCATING.test(tokens[k]?.lower ?? "") || LOCATING.test(tokens[candidate.first]?.lower ?? "");
}

/**
 * "Who will host the awards?" over "hosted by American Idol presenter Ryan Seacrest": a span that only
 * qualifies a title before a name ("American Idol") gives way to the name.
 */
export function nameAfterTitle(question: Question, candidate: Candidate, ranked: Ranked): Candidate {
  if (question.type !== "person") return candidate;
  const { tokens } = ranked.views[candidate.hit] as SentenceView;
  let k = candidate.last + 1;
  while (k <= candidate.last + TITLE_WORDS && tokens[k]?.pos === "NOUN" && !(tokens[k] as Token).capitalized)
    k++;
  if (k === candidate.last + 1 || tokens[k]?.pos !== "PROPN" || !(tokens[k] as Token).capitalized)
    return candidate;
  let end = k;
  while (tokens[end + 1]?.pos === "PROPN" && (tokens[end + 1] as Token).capitalized) end++;
  return (
    ranked.candidates.find((c) => c.hit === candidate.hit && c.first === k && c.last === end) ?? candidate
  );
}

/** How many title words may stand between a qualifier and the name: "American Idol presenter". */
const TITLE_WORDS = 2;

/**
 * How many names make a list an answer is widened to: two ("X and Y") are as often a name and its
 * partner, unless the question asks for several ("Which hospitals…?").
 */
const LIST_ITEMS = 3;

/** Whether the question's head noun is plural: "Which hospitals…?", "What countries…?". */
function asksForSeveral(question: Question): boolean {
  return /^(people|men|women|children)$|[^su]s$/.test(question.head.toLowerCase());
}

/**
 * A name, or names, heading a list of names ("performances by Usher, Gwen Stefani, Nelly and Green
 * Day"): the whole list, since the question may ask for each of them.
 */
export function wholeList(question: Question, candidate: Candidate, view: SentenceView): string {
  if (!/^(person|organization|place|thing)$/.test(question.type)) return "";
  const { tokens } = view;
  const capital = (k: number) => (tokens[k] as Token | undefined)?.capitalized === true;
  // The last word of the name starting at k ("Gwen Stefani", "Green Day"), or -1.
  const nameEnd = (k: number) => {
    if (!(tokens[k]?.pos === "PROPN" && capital(k))) return -1;
    let end = k;
    for (;;) {
      if (capital(end + 1) && /^(PROPN|NOUN)$/.test(tokens[end + 1]?.pos ?? "")) end++;
      // "St Alder's Hospital": a possessive inside the name.
      else if (tokens[end + 1]?.lower === "'s" && capital(end + 2) && tokens[end + 2]?.pos !== "PROPN")
        end += 2;
      // "Jay-Z": a hyphen inside the name.
      else if (
        tokens[end + 1]?.text === "-" &&
        view.text[(tokens[end + 1] as Token).start - 1] !== " " &&
        capital(end + 2)
      )
        end += 2;
      else return end;
    }
  };
  let end = nameEnd(candidate.first);
  if (end < 0) return "";
  const ends = [end];
  let items = 1;
  let closedByAnd = false;
  for (;;) {
    const comma = tokens[end + 1]?.text === ",";
    const and = tokens[end + (comma ? 2 : 1)]?.lower === "and";
    if (!comma && !and) break;
    const next = nameEnd(end + 1 + (comma ? 1 : 0) + (and ? 1 : 0));
    if (next < 0) break;
    end = next;
    ends.push(end);
    items++;
    closedByAnd = and && !comma;
    if (and) break;
  }
  // The span must be the list's first names (or a part of the first), not run past them.
  // Two names make a list only as "X and Y": "Western Xia, Genghis Khan's…" is not one.
  if (items < LIST_ITEMS && !(items === 2 && closedByAnd && asksForSeveral(question))) return "";
  if (!ends.includes(candidate.last) && candidate.last > (ends[0] as number)) return "";
  return view.text.slice((tokens[candidate.first] as Token).start, (tokens[end] as Token).end);
}
