/**
 * Answering a question from stored sentences: analyse the question, retrieve sentences with BM25,
 * pick a span of the expected type near the question's words, and say how sure that is. Below the
 * abstention threshold the bot says it could not find the answer and offers the closest sentence,
 * clearly labelled as related, never as the answer.
 */
import type { AnswerBasis, AskResult, Evidence } from "../core/reply.js";
import { actionOf, askedAction, namesSubject } from "./actions.js";
import type { Passage, QueryTerm, SentenceIndex } from "./bm25.js";
import { calibrated } from "./calibration.js";
import { ABSTAIN, chooseSpan, mentions } from "./choose-span.js";
import { confidenceOf } from "./confidence.js";
import { type Ranked, rankCandidates } from "./extract.js";
import { negativeAgainst } from "./mismatch.js";
import { analyzeQuestion, asksWhatHappened, asksWhatNameIs, type Question } from "./question.js";
import { answerSentencesFor, mostlyUnsaid, queryTerms } from "./retrieve.js";
import {
  affiliationOf,
  ageOf,
  basedIn,
  changeOf,
  definitionOf,
  frequencyOf,
  reasonOf,
  yesNoOf,
} from "./rules.js";
import { wholeAmount, wholeList } from "./span-kinds.js";
import { type SentenceView, viewSentences } from "./spans.js";

/**
 * Below this confidence the bot abstains: the highest threshold that, cross-validated on the SQuAD 2.0
 * tuning split (eval/qa/fit-confidence.ts), costs answerable questions under 5 F1 points.
 */
export const ABSTAIN_BELOW = 0.21;

/**
 * How many sentences are read for an answer a rule finds where the few best do not hold it: a
 * description of someone ("the breakaway General Haftar"), what someone said or did.
 */
const MORE_SENTENCES = 12;

/**
 * An answer a rule reads off the best sentences, or else off more of the sentences the question's
 * words find: "Who is Haftar?" is rarely answered by the shortest sentences naming him, which BM25
 * ranks first for a lone name, and "What did the firms say?" by those only naming the firms.
 */
async function readFurther<T>(
  find: (views: SentenceView[]) => T | null,
  question: Question,
  index: SentenceIndex,
  query: QueryTerm[],
  ranked: Ranked,
  topicId?: string,
): Promise<T | null> {
  const found = find(ranked.views);
  if (found) return found;
  const more = await index.passages(index.search(query, { topicId, limit: MORE_SENTENCES }));
  return find(viewSentences(question, more, index, query, topicId));
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
  /** Report the raw score instead of the calibrated one (the calibration is fitted on raw scores). */
  rawConfidence?: boolean;
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

function verdictOf(question: Question, views: SentenceView[]): { text: string; view: SentenceView } | null {
  for (const view of views) {
    const text = yesNoOf(question, view);
    if (text) return { text, view };
  }
  return null;
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
  const shown = (raw: number, basis: AnswerBasis) =>
    round(options.rawConfidence ? raw : calibrated(raw, basis));
  const abstain = (confidence: number, related?: Passage): AskResult => ({
    ...base,
    answer: null,
    abstained: true,
    confidence: shown(confidence, "span"),
    ...(related ? { related: evidenceOf(related) } : {}),
    evidence: [],
  });
  if (question.terms.length === 0 || index.size === 0) return abstain(0);
  const query = queryTerms(question, index);
  const hits = await index.passages(
    index.search(query, {
      topicId: options.topicId,
      limit: answerSentencesFor(question),
    }),
  );
  const top = hits[0];
  if (!top) return abstain(0);
  // Most of the question's words said nowhere: an abstention, so only where abstaining is on.
  if (threshold >= 0 && mostlyUnsaid(question, index, options.topicId)) return abstain(0, top);
  const ranked = rankCandidates(question, hits, index, query, options.topicId);
  // A rule reads what a sentence says, not what it does not: asked in the negative, a sentence that
  // negates nothing answers the question turned around ("What did X not say?" → what X said).
  const kept = <T extends { view: SentenceView }>(found: T | null): T | null =>
    found && !negativeAgainst(question, found.view) ? found : null;
  // A rule's answer read off the best sentences, or else off more of those the question's words find.
  const keptFurther = <T extends { view: SentenceView }>(find: (views: SentenceView[]) => T | null) =>
    readFurther((views) => kept(find(views)), question, index, query, ranked, options.topicId);
  // "Who is X?" is answered by the words that describe X where X is named, and "Why…?" by the clause
  // after "because" or "due to": as sure as the question's words are found there (a reason's sentence
  // often says "this" for what the one before named), which the span model, made for other
  // questions, does not know.
  const description =
    question.type === "definition" || asksWhatNameIs(question)
      ? await keptFurther((views) => definitionOf(question, views))
      : null;
  const reason = question.type === "reason" ? kept(reasonOf(ranked.views)) : null;
  // "What did X do / say?": the verb phrase after X. What X said, found after X and a reporting verb,
  // is as sure as the question's words are found there; a deed is left to the span model, since on
  // the SQuAD 2.0 tuning split trusting deeds the same way answered more unanswerable questions.
  const doer = askedAction(question);
  const action = doer ? await keptFurther((views) => actionOf(question, views)) : null;
  // "How old is X?": the age set after X's name, as sure as the question's words are found there.
  const age = kept(ageOf(question, ranked.views));
  // "Which party does Kovac lead?": the body "Mirela Kovac of the Civic Alliance" names, found where
  // the person is named, as sure as the question's words are found there.
  const body =
    question.type === "organization" && question.names.length > 0
      ? await keptFurther((views) => affiliationOf(question, views))
      : null;
  // A yes/no is answered by the first sentence that says the asked verb, or its opposite, of the
  // question's subject: as sure as the question's words are found there.
  // "Was it built on the ground or in space?" asks which, not whether: its sentence answers it.
  const alternative = question.tokens.some((t) => t.lower === "or");
  const verdict = question.type === "yesno" && !alternative ? verdictOf(question, ranked.views) : null;
  const confidence = Math.max(
    confidenceOf(question, ranked),
    description?.view.coverage ?? 0,
    reason?.view.windowCoverage ?? 0,
    age?.view.coverage ?? 0,
    body?.view.coverage ?? 0,
    action && doer?.saying ? action.view.coverage : 0,
    verdict?.view.coverage ?? 0,
  );
  if (confidence < threshold) return abstain(confidence, top);

  const answered = (
    answer: string,
    hit: Passage,
    kind: NonNullable<AskResult["answerKind"]>,
    basis: AnswerBasis = kind === "sentence" ? "sentence" : "rule",
  ): AskResult => ({
    ...base,
    answer,
    abstained: false,
    confidence: shown(confidence, basis),
    answerKind: kind,
    basis,
    evidence: [evidenceOf(hit)],
  });
  const firstView = ranked.views[0];
  if (question.type === "yesno" && firstView) {
    if (verdict) return answered(`${verdict.text} — ${verdict.view.text}`, verdict.view.hit, "yes-no");
    if (alternative) return answered(firstView.text, top, "sentence");
    // Where no evidence says the asked verb, a verdict would be a guess: abstain, or, asked to answer
    // everything, give the sentence as it stands.
    return strict ? abstain(confidence, top) : answered(firstView.text, top, "sentence");
  }
  // No single span the model scores is X's verb phrase.
  if (action) return answered(action.text, action.view.hit, "span");
  if (age) return answered(age.text, age.view.hit, "span");
  if (body) return answered(body.text, body.view.hit, "span");
  const oftenOrBy = frequencyOf(question, ranked.views) ?? changeOf(question, ranked.views);
  if (oftenOrBy) return answered(oftenOrBy.text, oftenOrBy.view.hit, "span");
  // "Where is Corvane based?" over "Oslo-based Corvane".
  const seat = basedIn(question, ranked.views);
  if (seat) return answered(seat.text, seat.view.hit, "span");
  // "What did the government say?" where the articles found never name the government: nobody said it here.
  if (doer && strict && !ranked.views.some((v) => namesSubject(doer, v.hit.sentences)))
    return abstain(confidence / 2, top);
  if (description && question.type !== "definition")
    return answered(description.text, description.view.hit, "span");
  if ((question.type === "definition" || asksWhatNameIs(question)) && firstView) {
    if (description) return answered(description.text, description.view.hit, "span");
    return answered(firstView.text, top, "sentence");
  }
  // A reason or an event is a clause, rarely a short span: without a cue ("because", "due to"), the
  // sentence says it best.
  if ((question.type === "reason" || asksWhatHappened(question)) && firstView) {
    if (reason) return answered(reason.text, reason.hit, "span");
    return answered(firstView.text, top, "sentence");
  }
  const best = chooseSpan(question, ranked, strict);
  if (best === ABSTAIN) return abstain(confidence / 2, top);
  const view = best ? ranked.views[best.hit] : undefined;
  if (view && options.about && !mentions(options.about, view)) return abstain(confidence / 2, top);
  if (!best || !view) return answered(firstView?.text ?? "", top, "sentence");
  return answered(
    wholeList(question, best, view) || wholeAmount(best, view, question),
    view.hit,
    "span",
    "span",
  );
}
