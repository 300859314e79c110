/**
 * Candidate answer spans and their features. Every short span of a retrieved sentence that could be
 * a phrase is a candidate; its features say whether it is of the expected type (date, number, name…),
 * how close it sits to the question's words, on which side, whether it repeats the question, and how
 * well its boundaries fall on phrase boundaries. A linear model (weights.ts) scores them.
 */
import { contentTerms, stem } from "../analysis/terms.js";
import type { Passage, QueryTerm, SentenceIndex } from "./bm25.js";
import type { Question } from "./question.js";
import { type Token, tokenize } from "./tokens.js";

export interface Candidate {
  hit: number;
  /** Token range, inclusive. */
  first: number;
  last: number;
  start: number;
  end: number;
  text: string;
  features: string[];
  values: number[];
}

export interface SentenceView {
  hit: Passage;
  text: string;
  tokens: Token[];
  /** Per token: the idf of the question term it matches, or 0. */
  match: number[];
  /** Share of the question's idf found in the sentence, and in the sentence with its neighbours. */
  coverage: number;
  windowCoverage: number;
  /**
   * The rarest question word the sentence and its neighbours lack, as a share of the rarest question
   * word's weight: 1 when the question's most distinctive word is missing (it asks about something else).
   */
  missingTop: number;
  /** Per token: the type of the article's named entity it belongs to ("person", "place"…), or "". */
  named: string[];
  /** Per token: first and last token of that mention, or -1. */
  namedFirst: number[];
  namedLast: number[];
  /**
   * Words (lower-cased and stemmed) of the full names of the entities the sentence mentions: a
   * sentence saying "Haftar" names "Chalifa Haftar", whose first name it need not repeat.
   */
  namedWords: Set<string>;
}

/** Mark the tokens of every mention of the article's entities (names and aliases) in a sentence. */
function markNames(text: string, tokens: Token[], entities: Passage["entities"]) {
  const named = tokens.map(() => "");
  const namedFirst = tokens.map(() => -1);
  const namedLast = tokens.map(() => -1);
  const namedWords = new Set<string>();
  const surfaces = entities
    .flatMap((e) => [e.name, ...e.aliases].map((s) => ({ s, type: e.type, e })))
    .filter((x) => x.s.length >= 2)
    .sort((a, b) => b.s.length - a.s.length);
  for (const { s, type, e } of surfaces) {
    for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) {
      const end = at + s.length;
      if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? "") || /[\p{L}\p{N}]/u.test(text[end] ?? "")) continue;
      for (const name of [e.name, ...e.aliases])
        for (const w of name.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) namedWords.add(w).add(stem(w));
      let first = -1;
      let last = -1;
      tokens.forEach((t, k) => {
        if (t.start >= at && t.end <= end) {
          if (first < 0) first = k;
          last = k;
        }
      });
      if (first < 0) continue;
      let free = true;
      for (let k = first; k <= last; k++) if (named[k]) free = false;
      if (!free) continue;
      for (let k = first; k <= last; k++) {
        named[k] = type;
        namedFirst[k] = first;
        namedLast[k] = last;
      }
    }
  }
  return { named, namedFirst, namedLast, namedWords };
}

export const MAX_SPAN = 10;
/** Words that open a relative clause ("that" may open what was said, and is left out). */
export const RELATIVE_OPENER = /^(which|who|whom|whose)$/;
const NOUNISH = new Set(["PROPN", "NOUN", "ADJ"]);
const CLAUSE_OPENERS = new Set(["while", "whereas", "although", "though", "which", "who", "whom", "whose"]);
const NO_START = new Set(["PUNCT", "CCONJ"]);
const NO_END = new Set(["DET", "ADP", "CCONJ", "SCONJ", "AUX", "PUNCT", "PRON", "PART"]);

function lengthBucket(n: number): string {
  return n <= 3 ? String(n) : n <= 5 ? "4-5" : n <= 8 ? "6-8" : "9+";
}

function distanceBucket(d: number): string {
  if (!Number.isFinite(d)) return "none";
  return d <= 1 ? "1" : d <= 2 ? "2" : d <= 4 ? "3-4" : d <= 8 ? "5-8" : "9+";
}

/** The retrieved sentences, tagged, with which tokens match the question. */
export function viewSentences(
  question: Question,
  hits: Passage[],
  index: SentenceIndex,
  query: QueryTerm[] = [],
  topicId?: string,
): SentenceView[] {
  const unique = [...new Set(question.terms)];
  // A question word is weighed by its rarity; a name counts as found under another spelling too.
  const idf = new Map(
    unique.map((t) => [
      t,
      Math.max(index.idf(t, topicId), ...index.spellings(t).map((s) => index.idf(s, topicId))),
    ]),
  );
  const canonical = new Map(unique.map((t) => [t, t]));
  for (const q of query)
    if (!canonical.has(q.term))
      canonical.set(q.term, unique.find((t) => index.spellings(t).includes(q.term)) ?? q.term);
  const total = [...idf.values()].reduce((a, b) => a + b, 0) || 1;
  const rarest = Math.max(0, ...idf.values()) || 1;
  const foundIn = (terms: Set<string>) => {
    const found = new Set<string>();
    for (const t of terms) {
      const c = canonical.get(t);
      if (c !== undefined && idf.has(c)) found.add(c);
    }
    return found;
  };
  const cover = (terms: Set<string>) =>
    [...foundIn(terms)].reduce((s, t) => s + (idf.get(t) as number), 0) / total;
  const missingTop = (terms: Set<string>) => {
    const found = foundIn(terms);
    let top = 0;
    for (const [t, w] of idf) if (!found.has(t) && w > top) top = w;
    return top / rarest;
  };
  return hits.map((hit) => {
    const text = hit.text;
    const tokens = tokenize(text);
    const match = tokens.map((t) => {
      if (t.stop || t.pos === "PUNCT") return 0;
      const c = canonical.get(t.stem);
      return c === undefined ? 0 : (idf.get(c) ?? 0);
    });
    const names = markNames(text, tokens, hit.entities);
    const own = new Set([...tokens.map((t) => t.stem), ...names.namedWords]);
    const around = new Set(own);
    for (const k of [hit.sentenceIndex - 1, hit.sentenceIndex + 1]) {
      const s = hit.sentences[k];
      if (s) for (const t of contentTerms(s)) around.add(t);
    }
    return {
      hit,
      text,
      tokens,
      match,
      coverage: cover(own),
      windowCoverage: cover(around),
      missingTop: missingTop(around),
      ...names,
    };
  });
}

/**
 * The question's main verb (stemmed) and the shape of what follows the wh-phrase: "verb" when the
 * wh-phrase is the subject ("Who founded…"), "aux" when it is the object ("What did … found"), or "".
 */
export function questionVerb(question: Question): { verb: string; shape: string } {
  const tokens = question.tokens;
  let at = tokens.findIndex((t) => t.lower === question.wh);
  if (at < 0) return { verb: "", shape: "" };
  at++;
  while (at < tokens.length && ["NOUN", "ADJ", "PROPN"].includes((tokens[at] as Token).pos) && question.head)
    at++;
  const after = tokens[at];
  const shape = !after ? "" : after.pos === "VERB" ? "verb" : after.pos === "AUX" ? "aux" : "other";
  for (let k = at; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.pos === "VERB" && !t.stop) return { verb: t.stem, shape };
  }
  return { verb: "", shape };
}

/** Past auxiliaries, adverbs and "not"; "to" makes the verb an infinitive without a subject. */
export function verbAfter(tokens: Token[], from: number): number {
  let k = from;
  while (
    k < tokens.length &&
    ["AUX", "ADV", "PART"].includes((tokens[k] as Token).pos) &&
    tokens[k]?.lower !== "to"
  )
    k++;
  return k;
}

interface QuestionContext {
  /** The word right before the wh-phrase ("of" in "half of what?"), or "". */
  before: string;
  /** The word right after the wh-phrase when it is not an auxiliary ("in" in "which city in …"), or "". */
  after: string;
  /** Stems of the content words before and after the wh-phrase. */
  left: Set<string>;
  right: Set<string>;
}

const AUX_OR_PUNCT = new Set(["AUX", "PUNCT"]);

function questionContext(question: Question): QuestionContext {
  const tokens = question.tokens;
  const at = tokens.findIndex((t) => t.lower === question.wh);
  const left = new Set<string>();
  const right = new Set<string>();
  if (at < 0) return { before: "", after: "", left, right };
  let end = at + 1;
  while (
    end < tokens.length &&
    question.head &&
    ["NOUN", "ADJ", "PROPN"].includes((tokens[end] as Token).pos)
  )
    end++;
  tokens.forEach((t, k) => {
    if (t.stop || t.pos === "PUNCT") return;
    if (k < at) left.add(t.stem);
    else if (k >= end) right.add(t.stem);
  });
  const after = tokens[end];
  return {
    before: tokens[at - 1]?.lower ?? "",
    after: after && !AUX_OR_PUNCT.has(after.pos) ? after.lower : "",
    left,
    right,
  };
}

export function candidatesOf(question: Question, views: SentenceView[]): Candidate[] {
  const out: Candidate[] = [];
  const T = question.type;
  const bestScore = views[0]?.hit.score || 1;
  const headStem = question.head ? (tokenize(question.head)[0]?.stem ?? "") : "";
  const { verb, shape } = questionVerb(question);
  // Words of the names the question mentions ("Riverton"), not its capitalized role words ("Mayor").
  const askedNames = new Set(question.names.flatMap((name) => name.toLowerCase().split(/[\s-]+/)));
  const context = questionContext(question);
  views.forEach((view, h) => {
    const { tokens, match } = view;
    const n = tokens.length;
    const matchedAt: number[] = [];
    for (let i = 0; i < n; i++) if ((match[i] as number) > 0) matchedAt.push(i);
    // Noun phrases holding a name the question asks about ("Egyptian President Fattah al-Sisi").
    const askedNamePhrase = tokens.map(() => false);
    for (let s = 0; s < n; ) {
      let e = s;
      while (e < n && NOUNISH.has((tokens[e] as Token).pos)) e++;
      let named = false;
      for (let k = s; k < e; k++)
        if (askedNames.has((tokens[k] as Token).lower) && (match[k] as number) > 0) named = true;
      if (named) for (let k = s; k < e; k++) askedNamePhrase[k] = true;
      s = e > s ? e : s + 1;
    }
    // The verb itself ("Russia supports"), before a noun of the same stem ("military support").
    let verbAt = verb ? tokens.findIndex((t) => t.stem === verb && t.pos === "VERB") : -1;
    if (verb && verbAt < 0) verbAt = tokens.findIndex((t) => t.stem === verb);
    const sentence = [`rank:${h}`, `T:${T}|rank:${h}`];
    const sentenceValues = [1, 1];
    const relScore = view.hit.score / bestScore;
    for (let i = 0; i < n; i++) {
      const ti = tokens[i] as Token;
      if (NO_START.has(ti.pos) && ti.text !== "$") continue;
      for (let j = i; j < n && j < i + MAX_SPAN; j++) {
        const tj = tokens[j] as Token;
        // A phrase never runs on into the next clause (", while Russia…", ", which…").
        if (j > i && CLAUSE_OPENERS.has(tj.lower) && tokens[j - 1]?.text === ",") break;
        if (NO_END.has(tj.pos) && !(tj.text === ")" || tj.text === "%")) continue;
        const len = j - i + 1;
        const f: string[] = [...sentence];
        const v: number[] = [...sentenceValues];
        const add = (name: string, value = 1) => {
          f.push(name);
          v.push(value);
        };
        add("srel", relScore);
        add("scov", view.coverage);
        add("wcov", view.windowCoverage);
        add(`len:${lengthBucket(len)}`);
        add(`T:${T}|len:${lengthBucket(len)}`);
        // Overlap with the question: answers rarely repeat what was asked.
        let content = 0;
        let inQuestion = 0;
        let caps = 0;
        let nums = 0;
        let commas = 0;
        let headInside = false;
        for (let k = i; k <= j; k++) {
          const t = tokens[k] as Token;
          if (t.text === ",") commas++;
          if (t.stem === headStem && headStem) headInside = true;
          if (t.stop || t.pos === "PUNCT") continue;
          content++;
          if ((match[k] as number) > 0 || question.words.has(t.lower)) inQuestion++;
          if (t.capitalized) caps++;
          if (t.pos === "NUM") nums++;
        }
        if (content === 0) add("nocontent");
        else {
          add("qover", inQuestion / content);
          if (inQuestion === content) add(`T:${T}|qall`);
          if (caps === content) add(`T:${T}|allcaps`);
          if (nums > 0) add(`T:${T}|num`);
        }
        if (commas > 0) add("commas", commas);
        // Entity type (wink's dates, durations, numbers, money, percentages).
        if (ti.entity && ti.entityStart === i && tj.entityEnd === j && ti.entityStart === tj.entityStart)
          add(`T:${T}|ex:${ti.entity}`);
        else {
          let cut = false;
          const inside = new Set<string>();
          for (let k = i; k <= j; k++) {
            const t = tokens[k] as Token;
            if (!t.entity) continue;
            if (t.entityStart < i || t.entityEnd > j) cut = true;
            else inside.add(t.entity);
          }
          if (cut) add("cutent");
          for (const e of inside) add(`T:${T}|in:${e}`);
        }
        const prev = tokens[i - 1];
        const next = tokens[j + 1];
        add(`T:${T}|f:${ti.pos}`);
        add(`T:${T}|l:${tj.pos}`);
        add(`b:${prev?.pos ?? "^"}|${ti.pos}`);
        add(`e:${tj.pos}|${next?.pos ?? "$"}`);
        add(`fl:${ti.pos}|${tj.pos}`);
        if (prev && (prev.stop || prev.pos === "ADP" || prev.pos === "PUNCT")) add(`T:${T}|p:${prev.lower}`);
        // The verb right before a phrase often introduces it ("called phagocytes", "include prostaglandins").
        if (prev?.pos === "VERB") add(`pv:${prev.stem}`);
        if (headStem) {
          // The head noun a few words away introduces the phrase ("cells called phagocytes", "phagocytes, the cells").
          let before = false;
          let after = false;
          for (let k = Math.max(0, i - 4); k < i - 1; k++) if (tokens[k]?.stem === headStem) before = true;
          for (let k = j + 3; k <= j + 4 && k < n; k++) if (tokens[k]?.stem === headStem) after = true;
          if (before) add("head:before");
          if (after) add("head:after");
        }
        if (next && (next.stop || next.pos === "PUNCT")) add(`T:${T}|n:${next.lower}`);
        if (headStem) {
          if (headInside) add("head:in");
          if (next?.stem === headStem || tokens[j + 2]?.stem === headStem) add("head:next");
          if (prev?.stem === headStem) add("head:prev");
          add(`T:${T}|head:${question.head}|${ti.entity || ti.pos}`);
        }
        // Closeness to the question's words outside the span, and on which side they are.
        let nearest = Number.POSITIVE_INFINITY;
        let left = 0;
        let right = 0;
        let near = 0;
        for (const m of matchedAt) {
          if (m >= i && m <= j) continue;
          const d = m < i ? i - m : m - j;
          if (d < nearest) nearest = d;
          const w = match[m] as number;
          if (m < i) left += w;
          else right += w;
          near += w / d;
        }
        add(`T:${T}|d:${distanceBucket(nearest)}`);
        add("near", Math.min(3, near / 5));
        const side = left > 0 && right > 0 ? "both" : left > 0 ? "L" : right > 0 ? "R" : "none";
        add(`wh:${question.wh}|side:${side}`);
        // Which side of the question's verb the span is on: "Who founded X?" asks for its subject, on the
        // left; "What did X found?" for its object, on the right.
        const verbSide = verbAt < 0 ? "none" : j < verbAt ? "L" : i > verbAt ? "R" : "in";
        add(`wh:${question.wh}|q:${shape}|v:${verbSide}`);
        if (verbAt >= 0)
          add(`q:${shape}|v:${verbSide}|d:${distanceBucket(j < verbAt ? verbAt - j : i - verbAt)}`);
        if (prev?.text === "(" && next?.text === ")") add("paren");
        // "Egyptian President" before the asked "Fattah al-Sisi" describes the name asked about, it is
        // not another one.
        let withinAskedName = true;
        for (let k = i; k <= j && withinAskedName; k++) if (!askedNamePhrase[k]) withinAskedName = false;
        if (withinAskedName) add(`T:${T}|before-asked-name`);
        // The article's own people, organizations and places: a span that is exactly one of them.
        const { named, namedFirst, namedLast } = view;
        if (named[i] && namedFirst[i] === i && namedLast[j] === j && namedFirst[j] === i)
          add(`T:${T}|ne:${named[i]}`);
        else {
          let cut = false;
          let inside = "";
          for (let k = i; k <= j; k++) {
            if (!named[k]) continue;
            if ((namedFirst[k] as number) < i || (namedLast[k] as number) > j) cut = true;
            else inside ||= named[k] as string;
          }
          if (cut) add("necut");
          if (inside) add(`T:${T}|nein:${inside}`);
        }
        // Question words just outside the span, on each side (the paper's sliding-window matches).
        let leftNear = 0;
        let rightNear = 0;
        for (let k = Math.max(0, i - 3); k < i; k++) leftNear += match[k] as number;
        for (let k = j + 1; k <= j + 3 && k < n; k++) rightNear += match[k] as number;
        add(`T:${T}|lw`, Math.min(3, leftNear / 4));
        add(`T:${T}|rw`, Math.min(3, rightNear / 4));
        // The words around the span against the words around the wh-word in the question: "half of
        // what?" is answered right after "half of"; a word asked before the wh-word, found after the
        // span, means the sentence says it the other way round.
        if (context.before && prev?.lower === context.before) add(`T:${T}|same-before`);
        if (context.after && next?.lower === context.after) add("same-after");
        let leftAligned = 0;
        let leftCrossed = 0;
        let rightAligned = 0;
        let rightCrossed = 0;
        for (let k = Math.max(0, i - 3); k < i; k++) {
          const t = tokens[k] as Token;
          if (!(match[k] as number)) continue;
          if (context.left.has(t.stem)) leftAligned += match[k] as number;
          else if (context.right.has(t.stem)) leftCrossed += match[k] as number;
        }
        for (let k = j + 1; k <= j + 3 && k < n; k++) {
          const t = tokens[k] as Token;
          if (!(match[k] as number)) continue;
          if (context.right.has(t.stem)) rightAligned += match[k] as number;
          else if (context.left.has(t.stem)) rightCrossed += match[k] as number;
        }
        add(`q:${shape}|la`, Math.min(3, leftAligned / 4));
        add(`q:${shape}|lx`, Math.min(3, leftCrossed / 4));
        add(`q:${shape}|ra`, Math.min(3, rightAligned / 4));
        add(`q:${shape}|rx`, Math.min(3, rightCrossed / 4));
        // Between the span and the nearest question word: another verb or a comma means another clause.
        if (Number.isFinite(nearest) && nearest > 1) {
          const from = matchedAt.reduce(
            (b, m) =>
              Math.min(Math.abs(m - i), Math.abs(m - j)) < Math.min(Math.abs(b - i), Math.abs(b - j)) ? m : b,
            matchedAt[0] as number,
          );
          let verbs = 0;
          let breaks = 0;
          for (let k = Math.min(from, j) + 1; k < Math.max(from, i); k++) {
            const t = tokens[k] as Token;
            if (t.pos === "VERB") verbs++;
            if (t.text === "," || t.text === ";" || t.text === "(") breaks++;
          }
          add(`T:${T}|gap-verbs:${Math.min(verbs, 2)}`);
          if (breaks > 0) add(`T:${T}|gap-break`);
        }
        out.push({
          hit: h,
          first: i,
          last: j,
          start: ti.start,
          end: tj.end,
          text: view.text.slice(ti.start, tj.end),
          features: f,
          values: v,
        });
      }
    }
  });
  return out;
}

export function scoreOf(c: Candidate, weights: ReadonlyMap<string, number>): number {
  let s = 0;
  for (let k = 0; k < c.features.length; k++)
    s += (weights.get(c.features[k] as string) ?? 0) * (c.values[k] as number);
  return s;
}
