/**
 * Signs that a question was turned against its evidence: a word the sentence negates but the question
 * does not ("lives longer" asked, "live no longer" said), the opposite word said where the asked one is
 * missing ("outside" asked, "inside" said), and a count of something else ("How many women…?" over
 * "500 men"). Each is a confidence feature: the article then does not answer the question.
 */
import { stem } from "../analysis/terms.js";
import { WORDNET_ANTONYMS } from "./antonyms.js";
import type { Question } from "./question.js";
import type { Candidate, SentenceView } from "./spans.js";
import type { Token } from "./tokens.js";

/** Words that negate what follows them. */
export const NEGATIONS = new Set(["not", "n't", "never", "no", "neither", "nor", "without", "cannot"]);
/** Words that negate what follows as "not" does: "the refusal to allow" says "not allowed". */
const NEGATING_STEMS = new Set(["refus", "refusal", "fail", "failur", "lack", "unabl", "absenc", "prevent"]);
/** How many words before a word a negation still reaches ("did not quickly acknowledge"). */
const NEGATION_REACH = 3;

/** Opposites of function words and comparatives that WordNet does not list as antonyms. */
const EXTRA_OPPOSITES =
  "before after,above below,over under,inside within,outside within,with without,more less,more fewer," +
  "most least,first last,earliest latest,increase decrease,rise fall,north south,east west," +
  "maximum minimum,majority minority,import export,higher lower,larger smaller,longer shorter," +
  "older younger,earlier later,better worse,best worst,greater lesser,upper lower,all most,all none," +
  "always sometimes,always never,often rarely,every no,agree refuse,support oppose,win lost,won lose,won lost," +
  "confirm deny,pass defeat,attend boycott,advance retreat,welcome condemn,approve reject";

interface Opposites {
  /** Opposites by word, and by stem so that inflected forms meet ("accepted" / "rejected"). */
  words: Map<string, Set<string>>;
  stems: Map<string, Set<string>>;
}
let opposites: Opposites | undefined;

/** The opposites table, built on the first question rather than when the program starts. */
function oppositesTable(): Opposites {
  if (opposites) return opposites;
  const table: Opposites = { words: new Map(), stems: new Map() };
  const add = (map: Map<string, Set<string>>, x: string, y: string) => {
    const set = map.get(x) ?? new Set<string>();
    set.add(y);
    map.set(x, set);
  };
  for (const pair of `${WORDNET_ANTONYMS},${EXTRA_OPPOSITES}`.split(",")) {
    const [a, b] = pair.split(" ") as [string, string];
    add(table.words, a, b);
    add(table.words, b, a);
    add(table.stems, stem(a), stem(b));
    add(table.stems, stem(b), stem(a));
  }
  opposites = table;
  return table;
}

/** The plain form of a comparative or superlative ("higher" → "high", "biggest" → "big"), when known. */
function plain(word: string): string {
  const known = oppositesTable().words;
  if (known.has(word)) return word;
  const m = /^(\p{L}+?)(\p{L})?\2?(i)?(er|est)$/u.exec(word);
  if (!m) return word;
  for (const candidate of [
    word.replace(/(er|est)$/, ""),
    word.replace(/(\p{L})\1(er|est)$/u, "$1"),
    word.replace(/i(er|est)$/, "y"),
    word.replace(/(er|est)$/, "e"),
  ])
    if (known.has(candidate)) return candidate;
  return word;
}

function negatedAt(tokens: Token[], k: number): boolean {
  for (let j = Math.max(0, k - NEGATION_REACH); j < k; j++) {
    const t = tokens[j] as Token;
    if (NEGATIONS.has(t.lower) || NEGATING_STEMS.has(t.stem)) return true;
  }
  return false;
}

/** Whether a question is asked in the negative ("What did X not say?"). */
export function askedNegatively(question: Question): boolean {
  return question.tokens.some((t) => t.lower === "not" || t.lower === "n't" || t.lower === "never");
}

/**
 * A question asked in the negative over a sentence that negates nothing: what a rule reads there
 * ("What did X not say?" → what X said) answers the question turned around.
 */
export function negativeAgainst(question: Question, view: SentenceView): boolean {
  return (
    askedNegatively(question) &&
    !view.tokens.some((t) => NEGATIONS.has(t.lower) || NEGATING_STEMS.has(t.stem))
  );
}

export interface Mismatch {
  /** A question word negated in the sentence but not in the question, or the other way round. */
  negationFlip: number;
  /** A question word the sentence lacks while saying its opposite. */
  oppositeSaid: number;
  /** "How many X" answered by a number not followed by X: 1; a number of X: 0; not a count question: 0.5. */
  countedOther: number;
  /** A name or number of the question missing where the sentence has another one beside the same words. */
  nameSwapped: number;
  /** A question word missing between two question words the sentence has close together, another word there. */
  wordSwapped: number;
  /** "What month…?", "In what century…?" answered by something that is not a month, a century… */
  unitMismatch: number;
}

const MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december";
/** What an answer to "what year / month / century / decade / day…" looks like. */
const UNIT_FORMS: Record<string, RegExp> = {
  year: /\b\d{3,4}\b/,
  month: new RegExp(`\\b(${MONTHS})\\b`, "i"),
  century:
    /centur|\b\d+(st|nd|rd|th)\b|\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)\b/i,
  decade: /\d0s\b|\b(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/i,
  day: new RegExp(
    `\\b(${MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\\d{1,2}(st|nd|rd|th)?)\\b`,
    "i",
  ),
};

/** What an answer to "how old…?" looks like: an age, or the year something began. */
const AGE_FORM = /\b(years?|months?|weeks?|days?|decades?|centur(y|ies))\b|\b\d{3,4}\b/i;

/**
 * "When was X built / founded / born?" asks for a year: a weekday ("Monday" of this week's news) is
 * when something else happened to X.
 */
const CREATED = /^(built|founded|established|constructed|erected|incorporated|born)$/;
const YEAR_FORM = /\b\d{3,4}\b|\d0s\b|centur/i;

export function unitMismatchOf(question: Question, best?: Candidate): number {
  const created = question.wh === "when" && question.tokens.some((t) => CREATED.test(t.lower));
  const form = /\bhow old\b/i.test(question.text)
    ? AGE_FORM
    : created
      ? YEAR_FORM
      : UNIT_FORMS[question.head.replace(/s$/, "")];
  return form && best && !form.test(best.text) ? 1 : 0;
}

type Kind = "name" | "number" | "";

function kindOf(t: Token, first: boolean): Kind {
  if (t.pos === "NUM" || /^(ORDINAL|CARDINAL|DATE)$/.test(t.entity) || /^\d/.test(t.lower)) return "number";
  if (t.capitalized && t.pos === "PROPN" && !first) return "name";
  return "";
}

const content = (t: Token) => !t.stop && t.pos !== "PUNCT";

/**
 * Questions made by changing one word of a sentence ("Newton's Fifth Law" for "Newton's Third Law",
 * "into Iraq" for "into Afghanistan"): the words around the changed one are found side by side in the
 * sentence, with another word where the question's should be.
 */
function swapsOf(
  question: Question,
  sTokens: Token[],
  named: Set<string> = new Set(),
): { nameSwapped: number; wordSwapped: number } {
  const qTokens = question.tokens;
  const asked = new Set(qTokens.map((t) => t.stem));
  const at = new Map<string, number[]>();
  sTokens.forEach((t, k) => {
    if (content(t)) at.set(t.stem, [...(at.get(t.stem) ?? []), k]);
  });
  const next = (from: number, step: number): Token | undefined => {
    for (let k = from + step; k >= 0 && k < sTokens.length && Math.abs(k - from) <= 3; k += step)
      if (content(sTokens[k] as Token)) return sTokens[k];
    return undefined;
  };
  let nameSwapped = 0;
  let wordSwapped = 0;
  const words = qTokens.map((t, i) => ({ t, i })).filter(({ t }) => content(t));
  words.forEach(({ t, i }, w) => {
    if (at.has(t.stem) || named.has(t.stem)) return;
    const kind = kindOf(t, i === 0);
    const left = words[w - 1];
    const right = words[w + 1];
    const lefts = left ? (at.get(left.t.stem) ?? []) : [];
    const rights = right ? (at.get(right.t.stem) ?? []) : [];
    if (kind) {
      const beside = [...lefts.map((p) => next(p, 1)), ...rights.map((r) => next(r, -1))];
      if (beside.some((y) => y && !asked.has(y.stem) && kindOf(y, false) === kind)) nameSwapped = 1;
    }
    for (const p of lefts)
      for (const r of rights)
        if (r > p + 1 && r - p <= 4 && sTokens.slice(p + 1, r).some((y) => content(y) && !asked.has(y.stem)))
          wordSwapped = 1;
  });
  return { nameSwapped, wordSwapped };
}

const formOf = (t: Token) => stem(plain(t.lower));

/**
 * Whether `said` has the opposite of one of the `asked` words while lacking the word itself ("Who
 * accepted…?" over "X rejected…"); an opposite the question itself uses (`question`) does not count.
 */
export function saysOpposite(asked: Token[], said: Token[], question: Token[] = asked): boolean {
  const saidForms = new Set(said.map(formOf));
  const questionForms = new Set(question.map(formOf));
  for (const form of new Set(asked.map(formOf))) {
    if (saidForms.has(form)) continue;
    for (const o of oppositesTable().stems.get(form) ?? [])
      if (saidForms.has(o) && !questionForms.has(o)) return true;
  }
  return false;
}

export function mismatchOf(question: Question, view: SentenceView | undefined, best?: Candidate): Mismatch {
  if (!view)
    return {
      negationFlip: 0,
      oppositeSaid: 0,
      countedOther: 0.5,
      nameSwapped: 0,
      wordSwapped: 0,
      unitMismatch: 0,
    };
  const asked = new Set(question.terms);
  const qTokens = question.tokens;
  const sTokens = view.tokens;
  let negationFlip = 0;
  const qNegated = new Map<string, boolean>();
  qTokens.forEach((t, k) => {
    if (asked.has(t.stem) && !t.stop) qNegated.set(t.stem, negatedAt(qTokens, k));
  });
  sTokens.forEach((t, k) => {
    const q = qNegated.get(t.stem);
    if (q !== undefined && q !== negatedAt(sTokens, k)) negationFlip = 1;
  });

  // "isn't active" against "inactive" says the same thing twice turned: only an unnegated word counts.
  // Nor does a word that only restates what is asked: "How big is the fund?" over "small businesses",
  // "on board" over "taken off".
  const unnegated = qTokens.filter((t, k) => !negatedAt(qTokens, k) && !question.restated.has(t.stem));
  const oppositeSaid = saysOpposite(unnegated, sTokens, qTokens) ? 1 : 0;

  let countedOther = 0.5;
  const at = qTokens.findIndex(
    (t, k) => t.lower === "how" && /^(many|much)$/.test(qTokens[k + 1]?.lower ?? ""),
  );
  const counted =
    at >= 0 ? qTokens.slice(at + 2).find((t) => t.pos === "NOUN" || t.pos === "PROPN") : undefined;
  if (counted && best) {
    const around = sTokens.slice(best.first, best.last + 4);
    countedOther = around.some((t) => t.stem === counted.stem) ? 0 : 1;
  }
  return {
    negationFlip,
    oppositeSaid,
    countedOther,
    unitMismatch: unitMismatchOf(question, best),
    ...swapsOf(question, sTokens, view.namedWords),
  };
}
