/**
 * Question analysis: which wh-word asks, what kind of answer it expects (Li & Roth-style coarse
 * classes from the wh-word and the head noun), the words the answer should sit near, and the names
 * the question is about.
 */
import { contentTerms } from "../analysis/terms.js";
import { type Token, tokenize } from "./tokens.js";

export type AnswerType =
  | "person"
  | "organization"
  | "place"
  | "date"
  | "duration"
  | "number"
  | "money"
  | "percent"
  | "reason"
  | "manner"
  | "definition"
  | "yesno"
  | "thing";

export interface Question {
  text: string;
  /** "who", "what", "when", "where", "why", "how", "which", "whose", "whom", or "" (yes/no or none). */
  wh: string;
  type: AnswerType;
  /** The noun a what/which question asks about ("year" in "What year…"), lower-cased, or "". */
  head: string;
  /** Stemmed content terms, without question words. */
  terms: string[];
  /** Lower-cased words of the question, for telling answers apart from what was asked. */
  words: Set<string>;
  /** Capitalized names in the question ("Haftar", "Wolfram Lacher"). */
  names: string[];
  tokens: Token[];
  /**
   * Stems of the words that only restate what the wh-word asks ("big" of "How big…?", "on board",
   * "take place"): neither searched for nor read as turned by their opposite in the evidence.
   */
  restated: Set<string>;
}

/** Lower-case words inside names: "al-Sisi", "Osama bin Laden", "Ludwig van Beethoven". */
export const NAME_PARTICLES = new Set(
  "al el bin ibn bint abu ben van von der den de da di du del della dos das".split(" "),
);
/** One word of a name: capitalized, or a particle before a capitalized part ("al-Sisi"). */
const NAME_WORD = `\\p{Lu}[\\p{L}'’.-]*|(?:${[...NAME_PARTICLES].join("|")})(?:-\\p{Lu}[\\p{L}'’.-]*)?`;
/** "Who is Wolfram Lacher?", "Who was Fattah al-Sisi?": a question that is only a name. */
// Words are kept apart by required spaces: "(word\s*){1,5}" would try every way of cutting "AAAA…" into
// words, and a question of 160 capitals took seconds, more with every letter.
const ONLY_A_NAME = new RegExp(
  `^(is|was|are|were)\\s+(?:${NAME_WORD})(?:\\s+(?:${NAME_WORD})){0,4}\\s*\\??$`,
  "u",
);

const WH = new Set(["what", "which", "who", "whom", "whose", "when", "where", "why", "how"]);
const AUXILIARIES = new Set(
  "is are was were am did do does has have had can could will would should shall may might must".split(" "),
);
/** Stems of words that shape the question but are not what it is about. */
const QUESTION_TERMS = new Set(
  [
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "why",
    "how",
    "which",
    "did",
    "doe",
    "do",
    "is",
    "are",
  ].map((w) => w),
);

const HEAD_TYPES: [RegExp, AnswerType][] = [
  [/^(year|month|day|date|century|decade|era|time|period|season|age|dynasty)s?$/, "date"],
  [/^(percent|percentage|proportion|share|fraction|rate)s?$/, "percent"],
  [/^(price|cost|amount|budget|salary|revenue|fee|fund|money)s?$/, "money"],
  [
    /^(number|population|count|total|size|height|length|width|distance|speed|weight|temperature)s?$/,
    "number",
  ],
  [
    /^(city|cities|country|countries|state|region|place|continent|river|island|area|location|town|nation|province|county|capital|port|sea|ocean|mountain|village|district|site|territory|street|neighborhood|building|stadium)s?$/,
    "place",
  ],
  [
    /^(company|companies|organization|organisation|team|group|agency|party|parties|university|universities|institution|network|station|band|firm|army|government|newspaper|church|court|council|club|school|league|corporation|body|bodies)s?$/,
    "organization",
  ],
  [
    /^(person|people|man|men|woman|women|leader|president|king|queen|emperor|general|minister|author|writer|scientist|player|coach|actor|artist|founder|explorer|ruler|member|official|spokesman|expert|composer|inventor|director|commander)s?$/,
    "person",
  ],
];

/** Replace chat mentions and markup so that nothing in a question can ping anyone when shown. */
export function defuseMentions(text: string): string {
  return text
    .replace(/<[@#!][^>]*>/g, " ")
    .replace(/@(everyone|here|channel)\b/gi, " ")
    .replace(/@(?=\w)/g, "");
}

function headOf(tokens: Token[], from: number): string {
  for (let i = from; i < tokens.length && i < from + 4; i++) {
    const t = tokens[i] as Token;
    if (t.pos === "NOUN" || t.pos === "PROPN") {
      // "What kind of animal" → animal.
      if (/^(kind|type|sort|form|name)s?$/.test(t.lower) && tokens[i + 1]?.lower === "of")
        return headOf(tokens, i + 2) || t.lower;
      return t.lower;
    }
    if (t.pos === "VERB" || t.pos === "AUX" || t.pos === "PUNCT") break;
  }
  return "";
}

/** Words that make "how much" ask for money: "How much compensation will the families get?" */
const MONEY_WORDS = /\b(cost|pay|paid|spend|spent|worth|money|price|compensat|fine|fined|damages)/;

/** Answer types a quantity has: a copular question about one ("What is the population of…?") asks for it. */
const MEASURED: AnswerType[] = ["date", "percent", "money", "number"];

/**
 * "What is the population of Tripoli?" asks for a number as "What population…?" would: after "what is
 * the", a head noun that names a quantity sets the type. Other nouns there ("What is the name of…?",
 * "What is the capital of…?") keep the question's own reading.
 */
function measuredHead(tokens: Token[], whAt: number): string {
  if (!/^(is|was|are|were)$/.test(tokens[whAt + 1]?.lower ?? "") || tokens[whAt + 2]?.lower !== "the")
    return "";
  let at = whAt + 3;
  while (tokens[at]?.pos === "ADJ") at++;
  // "the new interest rate?": the last noun of a compound is its head.
  while (tokens[at]?.pos === "NOUN" && tokens[at + 1]?.pos === "NOUN") at++;
  const noun = tokens[at];
  const after = tokens[at + 1];
  // "the population of…", "the percentage?": the quantity is the whole of what is asked.
  if (noun?.pos !== "NOUN" || !(after?.pos === "ADP" || after?.pos === "PUNCT")) return "";
  const type = HEAD_TYPES.find(([re]) => re.test(noun.lower))?.[1];
  return type && MEASURED.includes(type) ? noun.lower : "";
}

function typeFor(wh: string, next: string, head: string, rest: string): AnswerType {
  switch (wh) {
    case "who":
    case "whom":
    case "whose":
      // "Who is Wolfram Lacher?" asks for a description, not another name.
      if (ONLY_A_NAME.test(rest)) return "definition";
      return "person";
    case "when":
      return "date";
    case "where":
      return "place";
    case "why":
      return "reason";
    case "how":
      if (next === "many") return "number";
      if (next === "much") return MONEY_WORDS.test(rest) ? "money" : "number";
      if (next === "long") return /\b(ago|since)\b/.test(rest) ? "date" : "duration";
      if (HOW_MEASURES.test(next) || next === "few") return "number";
      return "manner";
    default: {
      for (const [re, type] of HEAD_TYPES) if (re.test(head)) return type;
      if (/^(cause|reason|purpose)s?$/.test(head)) return "reason";
      return "thing";
    }
  }
}

/** "What does PML stand for?" */
const STANDS_FOR = /^does\s+\p{Lu}{2,6}\s+stand\s+for\s*\??$/u;

/**
 * "What is Halvorsen Engineering?": a "what" about nothing but a name asks what that name is; "What
 * does PML stand for?" asks what an acronym is.
 */
export function asksWhatNameIs(question: Question): boolean {
  const at = question.tokens.findIndex((t) => t.lower === question.wh);
  if (question.wh !== "what" || at < 0) return false;
  const rest = question.text.slice((question.tokens[at] as Token).end).trim();
  // "What is the Century Award?" asks what a name is too; "Who is the Prime Minister?" asks who holds a role.
  return ONLY_A_NAME.test(rest.replace(/^(is|was|are|were)\s+the\s+/i, "$1 ")) || STANDS_FOR.test(rest);
}

const WHAT_HAPPENED =
  /^what\s+(?:has\s+|had\s+|have\s+)?(?:happened|happens|is happening|was happening|will happen)\b/i;

/** "What happened in Sirte?" asks for an event: a whole clause, which no short span is. */
export function asksWhatHappened(question: Question): boolean {
  return WHAT_HAPPENED.test(question.text);
}

/** Words that make "how" ask for a measure: "How big…?", "How long…?". */
export const HOW_MEASURES =
  /^(big|large|small|long|short|far|tall|high|low|deep|wide|heavy|old|fast|often|full|empty)$/;

/** Whether "how" asks for a measure: "How far…?", "How big…?". */
export function asksMeasure(question: Question): boolean {
  const at = question.tokens.findIndex((t) => t.lower === "how");
  return at >= 0 && HOW_MEASURES.test(question.tokens[at + 1]?.lower ?? "");
}

/**
 * Verbs that only restate what the wh-word asks, which articles rarely repeat: "How long will the
 * truce last?" over "a 30-day truce", "Where were the talks held?" over "talks in Daru", and where a
 * count of people stands ("on board").
 */
const LIGHT_ENDINGS: Record<string, RegExp> = {
  "how long": /^(last|lasted|lasts)$/,
  // "How many crew members were on board?" over "All 23 crew members were taken off".
  "how many": /^(on board|aboard)$/,
  where: /^(held|happen|happened|occur|occurred|take place|took place|taken place)$/,
  when: /^(held|happen|happened|occur|occurred|take place|took place|taken place)$/,
};

/** The stems of a light verb ending the question, if the question asks what it restates. */
function lightVerbsOf(tokens: Token[], wh: string, next: string): Set<string> {
  const ending = LIGHT_ENDINGS[wh === "how" && (next === "long" || next === "many") ? `how ${next}` : wh];
  const words = tokens.filter((t) => t.pos !== "PUNCT");
  const last = words.at(-1);
  const lastTwo = words.slice(-2);
  if (!ending || !last) return new Set();
  if (lastTwo.length === 2 && ending.test(lastTwo.map((t) => t.lower).join(" ")))
    return new Set(lastTwo.map((t) => t.stem));
  return ending.test(last.lower) ? new Set([last.stem]) : new Set();
}

export function analyzeQuestion(raw: string): Question {
  const text = defuseMentions(raw).replace(/\s+/g, " ").trim();
  const tokens = tokenize(text);
  let whAt = tokens.findIndex((t) => WH.has(t.lower));
  // "When Iqbal promoted unity, what did he encourage ending?": the leading clause sets the scene, the
  // wh-word after the comma asks.
  const subordinate =
    whAt >= 0 &&
    ["when", "where", "how"].includes((tokens[whAt] as Token).lower) &&
    !AUXILIARIES.has(tokens[whAt + 1]?.lower ?? "");
  if (subordinate) {
    const comma = tokens.findIndex((t, i) => i > whAt && t.text === ",");
    const later = comma < 0 ? -1 : tokens.findIndex((t, i) => i > comma && WH.has(t.lower));
    if (later >= 0) whAt = later;
  }
  // "In what year…" and "The Normans were in which country?" put the wh-word later.
  const first = tokens[0]?.lower ?? "";
  const yesNo = AUXILIARIES.has(first) && (whAt < 0 || whAt > 3);
  if (yesNo) whAt = -1;
  const wh = whAt >= 0 ? (tokens[whAt] as Token).lower : "";
  const next = tokens[whAt + 1]?.lower ?? "";
  const rest = whAt >= 0 ? text.slice((tokens[whAt] as Token).end).trim() : text;
  const head = wh === "what" || wh === "which" ? headOf(tokens, whAt + 1) || measuredHead(tokens, whAt) : "";
  const type: AnswerType = yesNo ? "yesno" : wh ? typeFor(wh, next, head, rest) : "thing";
  const light = lightVerbsOf(tokens, wh, next);
  // "big" of "How big is the fund?" is the question's own word, not one to find ("as long as").
  if (wh === "how" && HOW_MEASURES.test(next)) light.add(tokens[whAt + 1]?.stem ?? next);
  // "When did the city last ration water?": "last" between the subject and the verb means "most
  // recently", which "the first time since 1994" answers; "the last election" keeps its contrast.
  if (whAt >= 0 && tokens[whAt + 1]?.pos === "AUX") {
    const at = tokens.findIndex((t, k) => k > whAt + 2 && t.lower === "last");
    const before = tokens[at - 1];
    if (
      at > 0 &&
      before &&
      /^(NOUN|PROPN|PRON)$/.test(before.pos) &&
      /^(VERB|NOUN)$/.test(tokens[at + 1]?.pos ?? "")
    )
      light.add("last");
  }
  const asked = contentTerms(text).filter((t) => !QUESTION_TERMS.has(t) && !light.has(t));
  // A name's particle ("al" of "al-Sisi") helps find the name, but tells nothing on its own.
  const terms = asked.every((t) => NAME_PARTICLES.has(t)) ? [] : asked;
  // Names as written, particles and hyphens included ("Fattah al-Sisi").
  const names: string[] = [];
  let nameFirst = -1;
  let nameLast = -1;
  const close = () => {
    if (nameFirst >= 0)
      names.push(text.slice((tokens[nameFirst] as Token).start, (tokens[nameLast] as Token).end));
    nameFirst = -1;
  };
  tokens.forEach((t, i) => {
    const isName = t.capitalized && i > 0 && !WH.has(t.lower) && (t.pos === "PROPN" || t.pos === "NOUN");
    if (isName) {
      if (nameFirst < 0) nameFirst = i;
      nameLast = i;
    } else if (!(t.text === "-" || NAME_PARTICLES.has(t.lower))) close();
  });
  close();
  return {
    text,
    wh,
    type,
    head,
    terms,
    words: new Set(tokens.map((t) => t.lower)),
    names,
    tokens,
    restated: light,
  };
}
