/**
 * Who did what the question asks about: the span standing as the subject of the question's verb in
 * the evidence ("Who rejected the proposal?" → "the government"), directly before it, handed on by
 * a verb like "agreed to", or set apart by an aside between commas.
 */

import { SAYING } from "./actions.js";
import type { Ranked } from "./extract.js";
import type { Question } from "./question.js";
import { type Candidate, questionVerb, type SentenceView, verbAfter } from "./spans.js";
import type { Token } from "./tokens.js";

/**
 * "Who rejected the proposal?" asks for the subject of "rejected": a span standing right before the
 * question's verb in the sentence (auxiliaries and adverbs aside) is preferred when the model finds
 * it at least this share as likely as its best.
 */
const SUBJECT_SHARE = 0.3;
/** A subject set apart from its verb by an aside is taken at this share: the model reads it as far from the verb. */
const ASIDE_SHARE = 0.1;

/**
 * The best-scored span ending right before the question's verb in its sentence, when a subject is
 * asked, and the share of the best span's probability it needs to be taken: a subject handed on by
 * a verb like "agreed (on Friday) to pay" is taken whatever the model thinks of it, since the model
 * weighs names far above the noun phrases that usually fill that place.
 */
export function subjectOf(question: Question, ranked: Ranked): { at: number; share: number } | undefined {
  const { verb, shape } = questionVerb(question);
  if (!verb || (shape !== "verb" && !(shape === "aux" && auxiliaryThenVerb(question, verb))))
    return undefined;
  let direct: number | undefined;
  let handed: number | undefined;
  let aside: number | undefined;
  const asksWho = question.type === "person" || question.type === "organization";
  const better = (i: number, than?: number) =>
    than === undefined || (ranked.scores[i] as number) > (ranked.scores[than] as number);
  // Of subjects set apart by an aside, the one opening the sentence's chain of asides.
  const earlier = (i: number, than?: number) => {
    if (than === undefined) return true;
    const a = ranked.candidates[i] as Candidate;
    const b = ranked.candidates[than] as Candidate;
    return a.hit !== b.hit ? better(i, than) : a.last < b.last || (a.last === b.last && better(i, than));
  };
  ranked.candidates.forEach((c, i) => {
    const tokens = (ranked.views[c.hit] as SentenceView).tokens;
    // "Haftar, also" is not a subject: the words past the comma belong to the verb's side.
    if (tokens.slice(c.first, c.last + 1).some((t) => t.text === ",") || verbAfter(tokens, c.last) > c.last)
      return;
    const k = verbAfter(tokens, c.last + 1);
    if (tokens[k]?.stem === verb) {
      if (better(i, direct)) direct = i;
    } else if (controls(tokens, k, verb)) {
      if (better(i, handed)) handed = i;
    } else if (asksWho && afterAside(tokens, c.last + 1, verb) && earlier(i, aside)) aside = i;
  });
  if (direct !== undefined) return { at: direct, share: SUBJECT_SHARE };
  if (handed !== undefined) return { at: handed, share: 0 };
  return aside === undefined ? undefined : { at: aside, share: ASIDE_SHARE };
}

/** The longest aside a subject may be set apart by: "Haftar, supported by Egypt, accepted". */
const ASIDE_WORDS = 16;

/** Whether an aside between commas follows and the asked verb comes right after it. */
function afterAside(tokens: Token[], at: number, verb: string): boolean {
  if (tokens[at]?.text !== ",") return false;
  for (let k = at + 1; k < tokens.length && k <= at + ASIDE_WORDS; k++) {
    const t = tokens[k] as Token;
    if (t.text === "." || t.text === ";" || t.stem === verb) return false;
    if (t.text === "," && tokens[verbAfter(tokens, k + 1)]?.stem === verb) return true;
  }
  return false;
}

/** "Who will pay…?", "Who has not accepted…?": the wh-word is the subject of the verb after the auxiliary. */
function auxiliaryThenVerb(question: Question, verb: string): boolean {
  const tokens = question.tokens;
  const k = verbAfter(tokens, tokens.findIndex((t) => t.lower === question.wh) + 1);
  return tokens[k]?.pos === "VERB" && tokens[k]?.stem === verb;
}

/**
 * Whether the verb at `at` hands its subject to the asked one: "agreed (on Friday) to pay" makes
 * whoever agreed the one who pays.
 */
function controls(tokens: Token[], at: number, verb: string): boolean {
  if (tokens[at]?.pos !== "VERB") return false;
  for (let k = at + 1; k <= at + 5 && k + 1 < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.lower === "to") return tokens[k + 1]?.stem === verb;
    if (!["ADP", "DET", "PROPN", "NOUN", "NUM", "ADV"].includes(t.pos)) return false;
  }
  return false;
}

/** Words that open a clause inside a span: "on Monday after inspectors found cracks". */
const CLAUSE_OPENERS = new Set([
  "after",
  "before",
  "until",
  "since",
  "when",
  "while",
  "because",
  "once",
  "if",
]);

/**
 * The subject a subject span ends with: "Monday after inspectors" found cracks → "inspectors";
 * "Daniel Osei said the state" would release → "the state".
 */
export function subjectPhrase(ranked: Ranked, at: number): number {
  const c = ranked.candidates[at] as Candidate;
  const tokens = (ranked.views[c.hit] as SentenceView).tokens;
  let cut = -1;
  for (let k = c.first; k < c.last; k++) {
    const t = tokens[k] as Token;
    if (CLAUSE_OPENERS.has(t.lower) || (t.pos === "VERB" && SAYING.test(t.lower))) cut = k;
  }
  if (cut < 0) return at;
  const tail = ranked.candidates.findIndex(
    (o) => o.hit === c.hit && o.first === cut + 1 && o.last === c.last,
  );
  return tail >= 0 ? tail : at;
}

/** How many words may stand between a passive verb and its "by": "carried out by". */
const AGENT_REACH = 2;

/**
 * "Who will carry out the review?" over "the review would be carried out by an independent auditor":
 * the best-scored span right after "by" that follows the asked verb, when a subject is asked.
 */
export function agentOf(question: Question, ranked: Ranked): number | undefined {
  const { verb, shape } = questionVerb(question);
  if (!verb || (shape !== "verb" && !(shape === "aux" && auxiliaryThenVerb(question, verb))))
    return undefined;
  let agent: number | undefined;
  ranked.candidates.forEach((c, i) => {
    const tokens = (ranked.views[c.hit] as SentenceView).tokens;
    if (tokens[c.first - 1]?.lower !== "by") return;
    const at = c.first - 2;
    let k = at;
    while (k >= 0 && at - k < AGENT_REACH && tokens[k]?.stem !== verb) k--;
    if (tokens[k]?.stem !== verb || !/(ed|en|wn|ne)$/.test(tokens[k]?.lower ?? "")) return;
    if (agent === undefined || (ranked.scores[i] as number) > (ranked.scores[agent] as number)) agent = i;
  });
  return agent;
}
