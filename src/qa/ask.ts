/**
 * Answering a question from stored sentences: analyse the question, retrieve sentences with BM25,
 * pick a span of the expected type near the question's words, and say how sure that is. Below the
 * abstention threshold the bot says it could not find the answer and offers the closest sentence,
 * clearly labelled as related, never as the answer.
 */
import type { AskResult, Evidence } from "../core/reply.js";
import { actionOf, askedAction, namesSubject } from "./actions.js";
import type { Passage, QueryTerm, SentenceIndex } from "./bm25.js";
import { confidenceOf, fitsType, needsTypedAnswer } from "./confidence.js";
import { type Ranked, rankCandidates } from "./extract.js";
import { analyzeQuestion, asksWhatHappened, asksWhatNameIs, type Question } from "./question.js";
import { ANSWER_SENTENCES, queryTerms } from "./retrieve.js";
import { ageOf, basedIn, definitionOf, frequencyOf, reasonOf, yesNoOf } from "./rules.js";
import {
  afterAskedNoun,
  asksSource,
  isBareCount,
  isDate,
  isLocated,
  isQuantity,
  isSource,
  isSpeaker,
  nameAfterTitle,
  wholeAmount,
  wholeList,
  withinAskedClause,
  withoutLeadingName,
} from "./span-kinds.js";
import { type Candidate, questionVerb, type SentenceView, viewSentences } from "./spans.js";
import { subjectOf, subjectPhrase } from "./subject.js";
import type { Token } from "./tokens.js";

/**
 * Below this confidence the bot abstains: the highest threshold that, cross-validated on the SQuAD 2.0
 * tuning split (eval/qa/fit-confidence.ts), costs answerable questions under 5 F1 points.
 */
export const ABSTAIN_BELOW = 0.21;

/** A fitting span replaces an unfitting best one only when the model gives it at least this probability. */
const TYPED_FALLBACK_SHARE = 0.02;
/** A "who" answered by a place takes any other span the model gives at least this probability. */
const UNLOCATED_SHARE = 0.005;
/** A "when" takes the best date over a better-scored event when the date is at least this share as likely. */
const DATE_OVER_EVENT = 0.5;
/** …and over a span that reads as no event ("approved for use in … last November") at this share. */
const DATE_OVER_OTHER = 0.3;
/** Words that open an event answering "when": "after the war", "during the strike". */
const EVENT_OPENERS =
  /^(after|before|during|following|until|since|when|while|upon|as|once|at|by|within|throughout)$/;

/** Whether a span answering "when" tells an event: it opens like one or has a verb. */
function looksLikeEvent(candidate: Candidate, view: SentenceView): boolean {
  const tokens = view.tokens.slice(candidate.first, candidate.last + 1);
  const before = view.tokens[candidate.first - 1];
  return (
    EVENT_OPENERS.test(tokens[0]?.lower ?? "") ||
    EVENT_OPENERS.test(before?.lower ?? "") ||
    tokens.some((t) => t.pos === "VERB")
  );
}

const NAMED = new Set(["person", "organization", "place"]);

/**
 * The role a "Who is the governor of the state?" asks about ("governor"), with the words that say
 * which one ("agriculture minister"): an answer naming someone where no such role is said names
 * someone else.
 */
function askedRole(question: Question): string[] {
  const [who, be, article, ...rest] = question.tokens;
  if (who?.lower !== "who" || !/^(is|was|are|were)$/.test(be?.lower ?? "") || article?.pos !== "DET")
    return [];
  const words: Token[] = [];
  for (const t of rest) {
    if (t.pos !== "NOUN" && t.pos !== "ADJ") break;
    words.push(t);
  }
  if (words.at(-1)?.pos !== "NOUN") return [];
  return words.map((t) => (t.lower.length > 4 ? t.lower.replace(/s$/, "") : t.lower));
}

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

/** A span standing right before a name the question asks about is that name's title or description. */
function describesAskedName(question: Question, candidate: Candidate): boolean {
  return candidate.features.includes(`T:${question.type}|before-asked-name`);
}

/**
 * The best-scored span that `rejected` does not turn away, when the model gives it at least `floor`
 * (TYPED_FALLBACK_SHARE unless said).
 */
/**
 * "What caused…?", "What started…?": a "what" that is the subject of the question's only verb. A
 * second verb ("What play showed…?", "What proposed attacks did Shirley plan?") means the word after
 * "what" was a noun the tagger misread.
 */
function asksDoer(question: Question): boolean {
  if (question.type !== "thing" || question.head !== "" || questionVerb(question).shape !== "verb")
    return false;
  const tokens = question.tokens;
  const at = tokens.findIndex((t) => t.lower === question.wh) + 1;
  if (/ing$/.test(tokens[at]?.lower ?? "")) return false;
  return !tokens.some(
    (t, k) => k > at && (t.pos === "AUX" || (t.pos === "VERB" && tokens[k - 1]?.lower !== "to")),
  );
}

/**
 * Whether a span comes after the question's verb in its sentence without a "by" between: "a cigarette
 * had started the blaze" tells what started it before the verb, not after.
 */
function followsDeed(question: Question, candidate: Candidate, ranked: Ranked): boolean {
  const { verb } = questionVerb(question);
  const tokens = (ranked.views[candidate.hit] as SentenceView).tokens;
  let at = -1;
  for (let k = 0; k < candidate.first; k++) if (tokens[k]?.stem === verb) at = k;
  if (at < 0) return false;
  for (let k = at + 1; k <= candidate.first; k++) if (tokens[k]?.lower === "by") return false;
  return true;
}

/** Whether every word of a span is one the question says. */
function questionWordsOnly(question: Question, candidate: Candidate): boolean {
  return candidate.text
    .toLowerCase()
    .split(/\s+/)
    .every((w) => question.words.has(w));
}

function likelyBestWithout(
  ranked: Ranked,
  rejected: (c: Candidate) => boolean,
  floor = TYPED_FALLBACK_SHARE,
): Candidate | undefined {
  let other: number | undefined;
  ranked.candidates.forEach((c, i) => {
    if (rejected(c)) return;
    if (other === undefined || (ranked.scores[i] as number) > (ranked.scores[other] as number)) other = i;
  });
  return other !== undefined && (ranked.probabilities[other] ?? 0) >= floor
    ? ranked.candidates[other]
    : undefined;
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
      ? await readFurther(
          (views) => definitionOf(question, views),
          question,
          index,
          query,
          ranked,
          options.topicId,
        )
      : null;
  const reason = question.type === "reason" ? reasonOf(ranked.views) : null;
  // "What did X do / say?": the verb phrase after X. What X said, found after X and a reporting verb,
  // is as sure as the question's words are found there; a deed is left to the span model, since on
  // the SQuAD 2.0 tuning split trusting deeds the same way answered more unanswerable questions.
  const doer = askedAction(question);
  const action = doer
    ? await readFurther((views) => actionOf(question, views), question, index, query, ranked, options.topicId)
    : null;
  // "How old is X?": the age set after X's name, as sure as the question's words are found there.
  const age = ageOf(question, ranked.views);
  const confidence = Math.max(
    confidenceOf(question, ranked),
    description?.view.coverage ?? 0,
    reason?.view.windowCoverage ?? 0,
    age?.view.coverage ?? 0,
    action && doer?.saying ? action.view.coverage : 0,
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
    // The first sentence that says the asked verb, or its opposite, of the question's subject.
    for (const view of ranked.views) {
      const verdict = yesNoOf(question, view);
      if (verdict) return answered(`${verdict} — ${view.text}`, view.hit, "yes-no");
    }
    // Where no evidence says the asked verb, a verdict would be a guess: abstain, or, asked to answer
    // everything, give the sentence as it stands.
    return strict ? abstain(confidence, top) : answered(firstView.text, top, "sentence");
  }
  // No single span the model scores is X's verb phrase.
  if (action) return answered(action.text, action.view.hit, "span");
  if (age) return answered(age.text, age.view.hit, "span");
  const frequency = frequencyOf(question, ranked.views);
  if (frequency) return answered(frequency.text, frequency.view.hit, "span");
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
  let best = ranked.candidates[ranked.best];
  const role = question.type === "person" ? askedRole(question) : [];
  const roleView = best ? ranked.views[best.hit] : undefined;
  if (roleView && !role.every((w) => mentions(w, roleView)) && strict) return abstain(confidence / 2, top);
  const subject = subjectOf(question, ranked);
  if (
    subject &&
    (ranked.probabilities[subject.at] ?? 0) >= subject.share * (ranked.probabilities[ranked.best] ?? 0)
  )
    best = ranked.candidates[subjectPhrase(ranked, subject.at)];
  // "Who will pay for a new fire station?" is not answered by where it stands ("in the Kestrel Hills"):
  // anyone else the model finds at all, else nobody.
  if (best && (question.type === "person" || question.type === "organization") && isLocated(best, ranked)) {
    const other = likelyBestWithout(ranked, (c) => isLocated(c, ranked), UNLOCATED_SHARE);
    if (other) best = other;
    else if (strict) return abstain(confidence / 2, top);
  }
  // "… according to fire chief Amara Nwosu" names where the sentence comes from, not what it tells,
  // unless the question asks who said it.
  // Nor does who says it ("Officials said …") answer what, where or when, though it may answer who.
  const asksWho = question.type === "person" || question.type === "organization";
  const fromSource = (c: Candidate) => isSource(c, ranked) || (!asksWho && isSpeaker(c, ranked));
  if (best && fromSource(best) && !asksSource(question)) {
    const datesOut = NAMED.has(question.type);
    best = likelyBestWithout(ranked, (c) => fromSource(c) || (datesOut && isDate(c, ranked))) ?? best;
  }
  // "Where is Sirte?" is not answered by "January": a date names no place, person or organization.
  if (best && NAMED.has(question.type) && isDate(best, ranked) && strict) return abstain(confidence / 2, top);
  // "What started the fire?" asks for a doer, which "on Friday afternoon" is not.
  // Nor is "The fire" of "The fire started on Friday": the question's own words.
  const notDoer = (c: Candidate) =>
    isDate(c, ranked) || followsDeed(question, c, ranked) || questionWordsOnly(question, c);
  if (best && asksDoer(question) && notDoer(best)) {
    const other = likelyBestWithout(ranked, (c) => notDoer(c) || fromSource(c));
    if (other) best = other;
    else if (strict) return abstain(confidence / 2, top);
  }
  if (best && NAMED.has(question.type) && describesAskedName(question, best)) {
    // "Egyptian President" for "Who supports Fattah al-Sisi?" only describes whom the question names.
    const other = likelyBestWithout(ranked, (c) => describesAskedName(question, c));
    if (other) best = other;
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
        const event = looksLikeEvent(best, ranked.views[best.hit] as SentenceView);
        if (share >= (event ? DATE_OVER_EVENT : DATE_OVER_OTHER)) best = ranked.candidates[fitting];
        else if (strict && isQuantity(question, best, ranked)) return abstain(confidence / 2, top);
      } else if ((ranked.probabilities[fitting] ?? 0) >= TYPED_FALLBACK_SHARE) {
        best = ranked.candidates[fitting];
      } else if (strict) return abstain(confidence / 2, top);
    }
  }
  // "When did the talks collapse?" is not answered by "one" of "after one of the delegations left".
  if (best && question.wh === "when" && isBareCount(best, ranked)) {
    const other = likelyBestWithout(
      ranked,
      (c) => isBareCount(c, ranked) || !fitsType(question, c, ranked.views[c.hit] as SentenceView),
    );
    if (other) best = other;
    else if (strict) return abstain(confidence / 2, top);
  }
  if (best) best = afterAskedNoun(question, ranked, best) ?? best;
  if (best) best = withinAskedClause(question, best, ranked);
  if (best) best = nameAfterTitle(question, best, ranked);
  if (best && question.type === "date")
    best = withoutLeadingName(best, ranked.views[best.hit] as SentenceView);
  const view = best ? ranked.views[best.hit] : undefined;
  if (view && options.about && !mentions(options.about, view)) return abstain(confidence / 2, top);
  if (!best || !view) return answered(firstView?.text ?? "", top, "sentence");
  return answered(wholeList(question, best, view) || wholeAmount(best, view), view.hit, "span");
}
