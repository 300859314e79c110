/**
 * Answering a question from stored sentences: analyse the question, retrieve sentences with BM25,
 * pick a span of the expected type near the question's words, and say how sure that is. Below the
 * abstention threshold the bot says it could not find the answer and offers the closest sentence,
 * clearly labelled as related, never as the answer.
 */
import { contentTerms } from "../analysis/terms.js";
import type { AskResult, Evidence } from "../core/reply.js";
import type { Passage, QueryTerm, SentenceIndex } from "./bm25.js";
import { confidenceOf, fitsType, isOtherQuantity, needsTypedAnswer } from "./confidence.js";
import { type Ranked, rankCandidates } from "./extract.js";
import { analyzeQuestion, asksWhatNameIs, type Question } from "./question.js";
import { ANSWER_SENTENCES, queryTerms } from "./retrieve.js";
import { actionOf, askedAction, definitionOf, reasonOf, yesNoOf } from "./rules.js";
import { type Candidate, questionVerb, type SentenceView, viewSentences } from "./spans.js";
import type { Token } from "./tokens.js";

/**
 * Below this confidence the bot abstains: the highest threshold that, cross-validated on the SQuAD 2.0
 * tuning split (eval/qa/fit-confidence.ts), costs answerable questions under 5 F1 points.
 */
export const ABSTAIN_BELOW = 0.22;

/** A fitting span replaces an unfitting best one only when the model gives it at least this probability. */
const TYPED_FALLBACK_SHARE = 0.02;
/** A "when" takes the best date over a better-scored event when the date is at least this share as likely. */
const DATE_OVER_EVENT = 0.5;

const NAMED = new Set(["person", "organization", "place"]);

/**
 * "Who rejected the proposal?" asks for the subject of "rejected": a span standing right before the
 * question's verb in the sentence (auxiliaries and adverbs aside) is preferred when the model finds
 * it at least this share as likely as its best.
 */
const SUBJECT_SHARE = 0.5;
/** A subject set apart from its verb by an aside is taken at this share: the model reads it as far from the verb. */
const ASIDE_SHARE = 0.1;

/**
 * The best-scored span ending right before the question's verb in its sentence, when a subject is
 * asked, and the share of the best span's probability it needs to be taken: a subject handed on by
 * a verb like "agreed (on Friday) to pay" is taken whatever the model thinks of it, since the model
 * weighs names far above the noun phrases that usually fill that place.
 */
function subjectOf(question: Question, ranked: Ranked): { at: number; share: number } | undefined {
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

/** Past auxiliaries, adverbs and "not"; "to" makes the verb an infinitive without a subject. */
function verbAfter(tokens: Token[], from: number): number {
  let k = from;
  while (
    k < tokens.length &&
    ["AUX", "ADV", "PART"].includes((tokens[k] as Token).pos) &&
    tokens[k]?.lower !== "to"
  )
    k++;
  return k;
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
  let k = tokens.findIndex((t) => t.lower === question.wh) + 1;
  while (k < tokens.length && ["AUX", "ADV", "PART"].includes((tokens[k] as Token).pos)) k++;
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

/** Verbs that report what someone said: what follows them is a clause with its own subject. */
const REPORTING = /^(said|says|told|added|announced|stated|reported|warned|claimed|argued|believed|thought)$/;

/**
 * The subject a subject span ends with: "Monday after inspectors" found cracks → "inspectors";
 * "Daniel Osei said the state" would release → "the state".
 */
function subjectPhrase(ranked: Ranked, at: number): number {
  const c = ranked.candidates[at] as Candidate;
  const tokens = (ranked.views[c.hit] as SentenceView).tokens;
  let cut = -1;
  for (let k = c.first; k < c.last; k++) {
    const t = tokens[k] as Token;
    if (CLAUSE_OPENERS.has(t.lower) || (t.pos === "VERB" && REPORTING.test(t.lower))) cut = k;
  }
  if (cut < 0) return at;
  const tail = ranked.candidates.findIndex(
    (o) => o.hit === c.hit && o.first === cut + 1 && o.last === c.last,
  );
  return tail >= 0 ? tail : at;
}

/**
 * The role a "Who is the governor of the state?" asks about ("governor"): an answer naming someone
 * where no such role is said names someone else.
 */
function askedRole(question: Question): string | undefined {
  const [who, be, article, ...rest] = question.tokens;
  if (who?.lower !== "who" || !/^(is|was|are|were)$/.test(be?.lower ?? "") || article?.pos !== "DET") return;
  let role: Token | undefined;
  for (const t of rest) {
    if (t.pos !== "NOUN" && t.pos !== "ADJ") break;
    role = t;
  }
  if (role?.pos !== "NOUN") return;
  return role.lower.length > 4 ? role.lower.replace(/s$/, "") : role.lower;
}

/** A "when" answered by an amount ("20" of "about 20 minutes"): neither a date nor an event. */
function isQuantity(question: Question, candidate: Candidate, ranked: Ranked): boolean {
  const tokens = (ranked.views[candidate.hit] as SentenceView).tokens;
  for (let k = candidate.first; k <= candidate.last; k++)
    if (isOtherQuantity(question, tokens, k)) return true;
  return false;
}

/** Whether every word of a span belongs to a date or a time ("in January" counts: "in" is not a name). */
function isDate(candidate: Candidate, ranked: Ranked): boolean {
  const { tokens } = ranked.views[candidate.hit] as SentenceView;
  let date = false;
  for (let k = candidate.first; k <= candidate.last; k++) {
    const t = tokens[k] as Token;
    if (t.entity === "DATE" || t.entity === "TIME") date = true;
    else if (t.capitalized || t.pos === "NOUN" || t.pos === "PROPN" || t.pos === "NUM") return false;
  }
  return date;
}

/** How many sentences naming someone are read for a description of them ("the breakaway General Haftar"). */
const DESCRIPTION_SENTENCES = 12;

/**
 * "Who is Haftar?": a description in the best sentences, or else in more of the sentences naming him,
 * since the shortest ones, which BM25 ranks first for a lone name, rarely give his role.
 */
async function describe(
  question: Question,
  index: SentenceIndex,
  query: QueryTerm[],
  ranked: Ranked,
  topicId?: string,
): Promise<{ text: string; view: SentenceView } | null> {
  const found = definitionOf(question, ranked.views);
  if (found) return found;
  const more = await index.passages(index.search(query, { topicId, limit: DESCRIPTION_SENTENCES }));
  return definitionOf(question, viewSentences(question, more, index, query, topicId));
}

/** Whether any sentence of an article has one of the stemmed words. */
function namesAny(sentences: string[], stems: string[]): boolean {
  return sentences.some((s) => contentTerms(s).some((t) => stems.includes(t)));
}

const AMOUNT = /^(PERCENT|MONEY|CARDINAL)$/;
const CURRENCY = /^[£$€¥]$/;
/** How newswires shorten millions and billions: "£885m", "$1.13bn". */
const MAGNITUDE = /^(m|bn|mn|k|tn)\.?$/i;

/**
 * A span with the whole amount it cuts into: "8" of "a raise of 8 percent" is "8 percent", "million"
 * of "nearly half a million" is "half a million", and "885" of "£885m" is "£885m".
 */
function wholeAmount(candidate: Candidate, view: SentenceView): string {
  const { tokens } = view;
  const head = tokens[candidate.first] as Token;
  const tail = tokens[candidate.last] as Token;
  let first = AMOUNT.test(head.entity) ? Math.min(candidate.first, head.entityStart) : candidate.first;
  let last = AMOUNT.test(tail.entity) ? Math.max(candidate.last, tail.entityEnd) : candidate.last;
  // A count keeps its number words, not a hedge the answer did not take ("about 2,300" stays "2,300").
  while (first < candidate.first && (tokens[first] as Token).pos === "ADV") first++;
  if (tokens[last]?.pos === "NUM" && MAGNITUDE.test(tokens[last + 1]?.text ?? "")) last++;
  if (tokens[first]?.pos === "NUM" && CURRENCY.test(tokens[first - 1]?.text ?? "")) first--;
  if (first === candidate.first && last === candidate.last) return candidate.text;
  // "m." swallows the sentence's full stop.
  return view.text
    .slice((tokens[first] as Token).start, (tokens[last] as Token).end)
    .replace(/(?<=\dm)\.$/, "");
}

/** A span standing right before a name the question asks about is that name's title or description. */
function describesAskedName(question: Question, candidate: Candidate): boolean {
  return candidate.features.includes(`T:${question.type}|before-asked-name`);
}

/**
 * Whether the answer's sentence, or one beside it, names whom a follow-up is about: "And who supports
 * him?" about Fattah al-Sisi is not answered by a sentence about Haftar's supporters.
 */
function mentions(about: string, view: SentenceView): boolean {
  const words = about
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w.length > 2);
  if (words.length === 0) return true;
  const { sentences, sentenceIndex } = view.hit;
  const around = [sentences[sentenceIndex - 1], view.text, sentences[sentenceIndex + 1]]
    .join(" ")
    .toLowerCase();
  return words.some((w) => around.includes(w));
}

export function evidenceOf(hit: Passage): Evidence {
  const a = hit.article;
  return { articleId: a.id, title: a.title, url: a.url, published: a.published, sentence: hit.text };
}

export interface AnswerOptions {
  topicId?: string;
  /** Whom a follow-up's pronoun was read as: the answer must come from where they are named. */
  about?: string;
  /** Override the abstention threshold (evaluation sweeps it). */
  abstainBelow?: number;
  /**
   * Give the best span however unsure it is, as benchmarks where every question has an answer expect
   * (SQuAD v1.1); the confidence is still reported.
   */
  alwaysAnswer?: boolean;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * The question with a name the articles spell another way written their way ("Khalifa Haftar" →
 * "Chalifa Haftar"), so that the answer and its confidence read the name as found, not as missing.
 */
export function respelled(question: Question, index: SentenceIndex, topicId?: string): Question {
  let text = question.text;
  for (const t of question.tokens) {
    if (!t.capitalized || index.documentFrequency(t.stem, topicId) > 0) continue;
    const spelling = index.spellings(t.stem).find((s) => index.documentFrequency(s, topicId) > 0);
    if (!spelling) continue;
    text = text.replace(t.text, spelling.charAt(0).toUpperCase() + spelling.slice(1));
  }
  return text === question.text ? question : analyzeQuestion(text);
}

export function answerQuestion(
  index: SentenceIndex,
  text: string,
  options: AnswerOptions = {},
): Promise<AskResult> {
  return answerAnalysed(index, analyzeQuestion(text), options);
}

export async function answerAnalysed(
  index: SentenceIndex,
  asked: Question,
  options: AnswerOptions = {},
): Promise<AskResult> {
  const question = respelled(asked, index, options.topicId);
  const threshold = options.alwaysAnswer ? Number.NEGATIVE_INFINITY : (options.abstainBelow ?? ABSTAIN_BELOW);
  const strict = !options.alwaysAnswer;
  const base = { question: asked.text, answerType: question.type };
  const abstain = (confidence: number, related?: Passage): AskResult => ({
    ...base,
    answer: null,
    abstained: true,
    confidence: round(confidence),
    ...(related ? { related: evidenceOf(related) } : {}),
    evidence: [],
  });
  if (question.terms.length === 0 || index.size === 0) return abstain(0);
  const query = queryTerms(question, index);
  const hits = await index.passages(
    index.search(query, { topicId: options.topicId, limit: ANSWER_SENTENCES }),
  );
  const top = hits[0];
  if (!top) return abstain(0);
  const ranked = rankCandidates(question, hits, index, query, options.topicId);
  // "Who is X?" is answered by the words that describe X where X is named, and "Why…?" by the clause
  // after "because" or "due to": as sure as the question's words are found there (a reason's sentence
  // often says "this" for what the one before named), which the span model, made for other
  // questions, does not know.
  const description =
    question.type === "definition" || asksWhatNameIs(question)
      ? await describe(question, index, query, ranked, options.topicId)
      : null;
  const reason = question.type === "reason" ? reasonOf(ranked.views) : null;
  const confidence = Math.max(
    confidenceOf(question, ranked),
    description?.view.coverage ?? 0,
    reason?.view.windowCoverage ?? 0,
  );
  if (confidence < threshold) return abstain(confidence, top);

  const answered = (answer: string, hit: Passage, kind: AskResult["answerKind"]): AskResult => ({
    ...base,
    answer,
    abstained: false,
    confidence: round(confidence),
    answerKind: kind,
    evidence: [evidenceOf(hit)],
  });
  const firstView = ranked.views[0];
  if (question.type === "yesno" && firstView) {
    const verdict = yesNoOf(question, firstView);
    return answered(`${verdict} — ${firstView.text}`, top, "yes-no");
  }
  // "What did X do / say?": the verb phrase after X, which no single span the model scores is.
  const action = actionOf(question, ranked.views);
  if (action) return answered(action.text, action.view.hit, "span");
  // "What did the government say?" where the articles found never name the government: nobody said it here.
  const doer = askedAction(question);
  if (doer && strict && !ranked.views.some((v) => namesAny(v.hit.sentences, doer.subject)))
    return abstain(confidence / 2, top);
  if (description && question.type !== "definition")
    return answered(description.text, description.view.hit, "span");
  if (question.type === "definition" && firstView) {
    if (description) return answered(description.text, description.view.hit, "span");
    return answered(firstView.text, top, "sentence");
  }
  if (question.type === "reason" && firstView) {
    // A reason is a clause, rarely a short span: without a cue ("because", "due to"), the sentence says it best.
    if (reason) return answered(reason.text, reason.hit, "span");
    return answered(firstView.text, top, "sentence");
  }
  let best = ranked.candidates[ranked.best];
  const role = question.type === "person" ? askedRole(question) : undefined;
  if (role && best && !mentions(role, ranked.views[best.hit] as SentenceView) && strict)
    return abstain(confidence / 2, top);
  const subject = subjectOf(question, ranked);
  if (
    subject &&
    (ranked.probabilities[subject.at] ?? 0) >= subject.share * (ranked.probabilities[ranked.best] ?? 0)
  )
    best = ranked.candidates[subjectPhrase(ranked, subject.at)];
  // "Where is Sirte?" is not answered by "January": a date names no place, person or organization.
  if (best && NAMED.has(question.type) && isDate(best, ranked) && strict) return abstain(confidence / 2, top);
  if (best && NAMED.has(question.type) && describesAskedName(question, best)) {
    // "Egyptian President" for "Who supports Fattah al-Sisi?" only describes whom the question names.
    let other: number | undefined;
    ranked.candidates.forEach((c, i) => {
      if (describesAskedName(question, c)) return;
      if (other === undefined || (ranked.scores[i] as number) > (ranked.scores[other] as number)) other = i;
    });
    if (other !== undefined && (ranked.probabilities[other] ?? 0) >= TYPED_FALLBACK_SHARE)
      best = ranked.candidates[other];
    else if (strict) return abstain(confidence / 2, top);
  }
  if (
    best &&
    needsTypedAnswer(question) &&
    !fitsType(question, best, ranked.views[best.hit] as SentenceView)
  ) {
    // A "when" answered without a date is not an answer: take the best span that has one, or abstain.
    let fitting: number | undefined;
    ranked.candidates.forEach((c, i) => {
      if (fitsType(question, c, ranked.views[c.hit] as SentenceView)) {
        if (fitting === undefined || (ranked.scores[i] as number) > (ranked.scores[fitting] as number))
          fitting = i;
      }
    });
    if (fitting === undefined) {
      if (strict) return abstain(confidence / 2, top);
    } else {
      // "When" is often answered by an event ("after the war"), unless a date is nearly as likely;
      // numbers are never answered without one.
      const share = (ranked.probabilities[fitting] ?? 0) / (ranked.probabilities[ranked.best] || 1);
      if (question.type === "date") {
        if (share >= DATE_OVER_EVENT) best = ranked.candidates[fitting];
        else if (strict && isQuantity(question, best, ranked)) return abstain(confidence / 2, top);
      } else if ((ranked.probabilities[fitting] ?? 0) >= TYPED_FALLBACK_SHARE) {
        best = ranked.candidates[fitting];
      } else if (strict) return abstain(confidence / 2, top);
    }
  }
  const view = best ? ranked.views[best.hit] : undefined;
  if (view && options.about && !mentions(options.about, view)) return abstain(confidence / 2, top);
  if (!best || !view) return answered(firstView?.text ?? "", top, "sentence");
  return answered(wholeAmount(best, view), view.hit, "span");
}
