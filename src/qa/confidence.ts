/**
 * How sure an answer is, from how much of the question the evidence covers, whether a rare question
 * word, name, number or contrast word is missing or turned (mismatch.ts), how far the best span stands
 * out, and whether its type fits the question. Boosted trees (confidence-model.ts) fitted on the SQuAD
 * 2.0 tuning split predict (1 + 2·F1) / 3 of the answer for answerable questions and 0 for unanswerable
 * ones: the score reads as "the article answers this, and this answer is right", with the first part
 * weighing more, since an answer to a question the article does not answer misleads most.
 */
import { contentTerms } from "../analysis/terms.js";
import { CONFIDENCE_MODEL } from "./confidence-model.js";
import type { Ranked } from "./extract.js";
import { askedNegatively, mismatchOf, NEGATIONS, unitMismatchOf } from "./mismatch.js";
import type { Question } from "./question.js";
import { CURRENCY_WORD, DURATION_UNIT, isOtherQuantity, UNIT } from "./span-kinds.js";
import { type Candidate, questionVerb, type SentenceView } from "./spans.js";
import type { Token } from "./tokens.js";
import { predict, type TreeModel } from "./trees.js";

export const CONFIDENCE_FEATURES = [
  "bias",
  "coverage",
  "windowCoverage",
  "missingRare",
  "probability",
  "typeFit",
  "typeMissing",
  "nameMissing",
  "absentOne",
  "absentMore",
  "absentNumber",
  "absentName",
  "absentVerb",
  "absentAdjective",
  "absentNoun",
  "negated",
  "probabilityCoverage",
  "answerCoverage",
  "answerMissingTop",
  "answerNameMissing",
  "answerNumberMissing",
  "negationMismatch",
  "answerNotFirst",
  "pairsFound",
  "margin",
  "verbMissing",
  "bestScore",
  "candidateCount",
  "spanLength",
  "spanNear",
  "spanQuestionShare",
  "retrievalGap",
  "typeNumeric",
  "typeNamed",
  "typeThing",
  "typeOther",
  "regionMass",
  "sentenceMass",
  "entropy",
  "questionTerms",
  "contrastMissing",
  "prefixFlip",
  "orderKept",
  "negationFlip",
  "oppositeSaid",
  "countedOther",
  "nameSwapped",
  "wordSwapped",
  "unitMismatch",
] as const;
export type ConfidenceFeature = (typeof CONFIDENCE_FEATURES)[number];

const NUMERIC = new Set(["date", "duration", "number", "money", "percent"]);
const NAMED = new Set(["person", "organization", "place"]);
const FITTING: Record<string, RegExp> = {
  date: /^(DATE|TIME|ORDINAL|CARDINAL|DURATION)$/,
  duration: /^(DURATION|DATE|CARDINAL)$/,
  number: /^(CARDINAL|PERCENT|MONEY|ORDINAL)$/,
  money: /^(MONEY|CARDINAL)$/,
  percent: /^(PERCENT|CARDINAL)$/,
};

/** "How long is Fresno Street?" asks for a length; "How long will the truce last?" for a time. */
function asksLength(question: Question): boolean {
  return (
    /^how long (is|was|are|were)\b/i.test(question.text) && !question.tokens.some((t) => t.pos === "VERB")
  );
}

/** The noun "how many / how much" counts: the last of "paid holiday days", "people" of "people use". */
function countedNoun(question: Question): Token | undefined {
  const tokens = question.tokens;
  const at = tokens.findIndex((t) => t.lower === "how");
  let counted: Token | undefined;
  for (const t of tokens.slice(at + 2)) {
    if (t.pos === "NOUN") counted = t;
    else if (counted || !/^(ADJ|VERB)$/.test(t.pos)) break;
  }
  return counted;
}

/** How far past a number the noun it counts may stand: "two damaged fuel tanks". */
const COUNTED_REACH = 3;

/** Plural nouns that measure rather than count: "45,000 pounds", "ten times their own weight". */
const MEASURE_NOUN = /^(pounds|ounces|barrels|times|units|doses|portions|servings|cups|bags|loads)$/;

/** Whether a number counts things ("two damaged tanks") other than the noun after "how much". */
function countsOtherThings(question: Question, candidate: Candidate, view: SentenceView): boolean {
  const asked = countedNoun(question);
  if (!asked) return false;
  const tokens = view.tokens;
  let number = candidate.last;
  while (number >= candidate.first && tokens[number]?.pos !== "NUM") number--;
  if (number < candidate.first) return false;
  for (let k = number + 1; k <= number + COUNTED_REACH && k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.pos === "ADJ" || t.pos === "NUM" || (t.pos === "VERB" && /ed$/.test(t.lower))) continue;
    if (t.pos !== "NOUN" || UNIT.test(t.lower) || MEASURE_NOUN.test(t.lower) || t.stem === asked.stem)
      return false;
    // "3 million barrels of oil" counts the oil.
    if (tokens[k + 1]?.lower === "of" && tokens.slice(k + 2, k + 5).some((o) => o.stem === asked.stem))
      return false;
    return /[^s]s$/.test(t.lower);
  }
  return false;
}

/** Whether a span is of the kind the question asks for: a date for "when", a number for "how many"… */

export function fitsType(question: Question, candidate: Candidate, view: SentenceView): boolean {
  const tokens = view.tokens.slice(candidate.first, candidate.last + 1);
  const counting = /^how (many|much)\b/i.exec(question.text);
  if (question.type === "number" && counting) {
    const around = view.tokens.slice(candidate.first, candidate.last + 2);
    // "How many miners died?" is not answered by money ("50,000 euros"),
    const money = (t: Token) => t.entity === "MONEY" || CURRENCY_WORD.test(t.text);
    if (counting[1]?.toLowerCase() === "many" && around.some(money)) return false;
    // nor "How much copper…?" by a length of time ("three days") when the question counts none:
    // "How many people use the tram every day?" counts people, not the "two days" since a vote.
    const timed = (t: Token) => DURATION_UNIT.test(t.lower);
    const counted = countedNoun(question);
    const countsTime = counted ? timed(counted) : question.tokens.some(timed);
    if (!countsTime && around.some(timed) && !around.some(money)) return false;
    // Nor "How much oil leaked?" by a count of other things ("two damaged tanks"), unless they are
    // of what is asked ("3 million barrels of oil").
    if (counting[1]?.toLowerCase() === "much" && countsOtherThings(question, candidate, view)) return false;
  }
  // "How much compensation…?" is not answered by a count of something else ("three babies"); a
  // price's rise may be a share of it.
  if (
    question.type === "money" &&
    question.wh === "how" &&
    !view.tokens
      .slice(Math.max(0, candidate.first - 1), candidate.last + 2)
      .some(
        (t) =>
          /^(MONEY|PERCENT)$/.test(t.entity) || CURRENCY_WORD.test(t.text) || /^(%|percent)$/.test(t.lower),
      )
  )
    return false;
  // "How long…?" is not answered by a count of something else ("60 unarmed observers"), but by a
  // length of time, a point it runs from ("since the 1950s") or a length ("a few hundred feet").
  if (
    question.type === "duration" &&
    !view.tokens
      .slice(Math.max(0, candidate.first - 1), candidate.last + 2)
      .some(
        (t) =>
          t.entity === "DURATION" ||
          DURATION_UNIT.test(t.lower) ||
          (asksLength(question) && UNIT.test(t.lower)) ||
          t.lower === "since",
      )
  )
    return false;
  // "How many times…?" is answered by "twice".
  if (/^how many times\b/i.test(question.text) && tokens.some((t) => /^(once|twice|thrice)$/.test(t.lower)))
    return true;
  if (NUMERIC.has(question.type))
    return (
      tokens.some(
        (t, k) =>
          (FITTING[question.type]?.test(t.entity) || t.pos === "NUM") &&
          !isOtherQuantity(question, view.tokens, candidate.first + k),
      ) && unitMismatchOf(question, candidate) === 0
    );
  if (NAMED.has(question.type)) return tokens.some((t) => t.capitalized && t.pos === "PROPN");
  return true;
}

/** Numeric questions ("when", "how many", "how long") need an answer with a date or a number in it. */
export function needsTypedAnswer(question: Question): boolean {
  return NUMERIC.has(question.type);
}

const articleTerms = new WeakMap<string[], Set<string>>();

/** Every stemmed term and lower-cased word of an article, computed once per article. */
export function termsOf(sentences: string[]): Set<string> {
  let terms = articleTerms.get(sentences);
  if (!terms) {
    terms = new Set<string>();
    for (const s of sentences) {
      for (const t of contentTerms(s)) terms.add(t);
      for (const w of s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) terms.add(w);
    }
    articleTerms.set(sentences, terms);
  }
  return terms;
}

/**
 * Words that set a question against its opposite ("the first" / "the last", "less than" / "over"):
 * such a word asked but not said near the answer often means the question was turned around.
 */
const CONTRASTS = new Set(
  (
    "first last earliest latest least most less more before after over under above below higher lower " +
    "largest smallest biggest longest shortest oldest newest youngest only never always increase decrease " +
    "rise fall maximum minimum majority minority best worst major minor same different north south east west"
  ).split(" "),
);
const NEGATING_PREFIX = /^(un|in|im|il|ir|non|dis|anti)-?(?=\p{L}{4})/u;

/** The share of probability on spans that overlap the best one, and on spans of its sentence. */
function massOf(ranked: Ranked): { region: number; sentence: number; entropy: number } {
  const best = ranked.candidates[ranked.best];
  if (!best) return { region: 0, sentence: 0, entropy: 0 };
  let region = 0;
  let sentence = 0;
  let entropy = 0;
  ranked.candidates.forEach((c, i) => {
    const p = ranked.probabilities[i] ?? 0;
    if (p > 0) entropy -= p * Math.log(p);
    if (c.hit !== best.hit) return;
    sentence += p;
    if (c.first <= best.last && c.last >= best.first) region += p;
  });
  return { region, sentence, entropy };
}

/** How far the best span's probability stands above the best span with other words. */
function marginOf(ranked: Ranked): number {
  const best = ranked.candidates[ranked.best];
  if (!best) return 0;
  const words = new Set(best.text.toLowerCase().split(/\s+/));
  let second = 0;
  ranked.candidates.forEach((c, i) => {
    if (i === ranked.best || (ranked.probabilities[i] ?? 0) <= second) return;
    if (
      c.text
        .toLowerCase()
        .split(/\s+/)
        .some((w) => words.has(w))
    )
      return;
    second = ranked.probabilities[i] ?? 0;
  });
  return (ranked.probabilities[ranked.best] ?? 0) - second;
}

export function confidenceFeatures(question: Question, ranked: Ranked): Record<ConfidenceFeature, number> {
  const view = ranked.views[0];
  const best = ranked.candidates[ranked.best];
  const bestView = best ? ranked.views[best.hit] : undefined;
  const typeFit = best && bestView && fitsType(question, best, bestView) ? 1 : 0;
  // Question words the best sentence lacks, and names it does not mention: a changed name or number.
  let missingRare = 0;
  const names = question.names.flatMap((n) => n.toLowerCase().split(/[\s-]+/));
  let nameMissing = 0;
  const window = view?.windowCoverage ?? 0;
  if (view) {
    const stems = new Set([...view.tokens.map((t) => t.stem), ...view.namedWords]);
    const text = view.text.toLowerCase();
    for (const n of names) if (n.length > 2 && !text.includes(n) && !view.namedWords.has(n)) nameMissing = 1;
    const missing = question.terms.filter((t) => !stems.has(t)).length;
    missingRare = question.terms.length > 0 ? missing / question.terms.length : 0;
  }
  // Words of the question that the evidence's article never uses: the question is about something else.
  let absent = 0;
  let absentNumber = 0;
  let absentName = 0;
  let absentVerb = 0;
  let absentAdjective = 0;
  let absentNoun = 0;
  if (view) {
    const terms = termsOf(view.hit.sentences);
    const asked = new Set(question.terms);
    const seen = new Set<string>();
    question.tokens.forEach((t, i) => {
      if (!asked.has(t.stem) || seen.has(t.stem) || terms.has(t.stem) || terms.has(t.lower)) return;
      seen.add(t.stem);
      absent++;
      if (t.pos === "NUM" || /^\d/.test(t.lower)) absentNumber = 1;
      else if (t.pos === "PROPN" || (t.capitalized && i > 0)) absentName = 1;
      else if (t.pos === "VERB") absentVerb = 1;
      else if (t.pos === "ADJ" || t.pos === "ADV") absentAdjective = 1;
      else if (t.pos === "NOUN") absentNoun = 1;
    });
  }
  const negated = askedNegatively(question) ? 1 : 0;
  // The sentence the answer comes from, checked against the question's names, numbers and rarest word.
  let answerNameMissing = 0;
  let answerNumberMissing = 0;
  let negationMismatch = 0;
  let pairsFound = 0;
  let verbMissing = 0;
  if (bestView) {
    // The question's verb ("supports") said nowhere near the answer: the sentence tells something else.
    const { verb } = questionVerb(question);
    if (verb && !bestView.tokens.some((t) => t.stem === verb)) verbMissing = 1;
    const around = [
      bestView.text,
      ...[-1, 1].map((d) => bestView.hit.sentences[bestView.hit.sentenceIndex + d] ?? ""),
    ]
      .join(" ")
      .toLowerCase();
    question.tokens.forEach((t, i) => {
      if (t.stop || t.pos === "PUNCT" || around.includes(t.lower) || bestView.namedWords.has(t.lower)) return;
      if (t.pos === "NUM" || /^\d/.test(t.lower)) answerNumberMissing = 1;
      else if (i > 0 && t.capitalized && (t.pos === "PROPN" || t.pos === "NOUN" || t.pos === "ADJ"))
        answerNameMissing = 1;
    });
    const saysNot = bestView.tokens.some((t) => NEGATIONS.has(t.lower));
    // Pairs of neighbouring question words that stand close together in the sentence too: a question
    // that swapped one word ("the first" → "the last") keeps its words but loses their pairs.
    const positions = new Map<string, number[]>();
    bestView.tokens.forEach((t, k) => {
      if (!t.stop && t.pos !== "PUNCT") positions.set(t.stem, [...(positions.get(t.stem) ?? []), k]);
    });
    const asked = question.tokens.filter(
      (t) => !t.stop && t.pos !== "PUNCT" && question.terms.includes(t.stem),
    );
    let pairs = 0;
    let close = 0;
    for (let k = 0; k + 1 < asked.length; k++) {
      pairs++;
      const a = positions.get((asked[k] as Token).stem) ?? [];
      const b = positions.get((asked[k + 1] as Token).stem) ?? [];
      if (a.some((x) => b.some((y) => Math.abs(x - y) <= 3))) close++;
    }
    pairsFound = pairs > 0 ? close / pairs : 0;
    if (negated !== (saysNot ? 1 : 0)) negationMismatch = 1;
  }
  // A contrast word of the question missing from the answer's sentence, or said there without its
  // negating prefix ("insignificant" asked, "significant" said); the question's words in the same order.
  let contrastMissing = 0;
  let prefixFlip = 0;
  let orderKept = 0;
  if (bestView) {
    const said = new Set(bestView.tokens.map((t) => t.lower));
    for (const t of question.tokens) {
      if (CONTRASTS.has(t.lower) && !said.has(t.lower) && !question.restated.has(t.stem)) contrastMissing = 1;
      const bare = t.lower.replace(NEGATING_PREFIX, "");
      if (bare !== t.lower && !said.has(t.lower) && said.has(bare)) prefixFlip = 1;
    }
    const positions = new Map<string, number>();
    bestView.tokens.forEach((t, k) => {
      if (!positions.has(t.stem)) positions.set(t.stem, k);
    });
    const found = question.tokens
      .filter((t) => !t.stop && t.pos !== "PUNCT")
      .map((t) => positions.get(t.stem))
      .filter((k): k is number => k !== undefined);
    let inOrder = 0;
    for (let k = 1; k < found.length; k++) if ((found[k] as number) > (found[k - 1] as number)) inOrder++;
    orderKept = found.length > 1 ? inOrder / (found.length - 1) : 0;
  }
  const mass = massOf(ranked);
  // A yes/no question is answered "No" by a negation or an opposite: there they are the answer, not a
  // sign that the question asks about something else.
  const turned = mismatchOf(question, bestView, best);
  if (question.type === "yesno") {
    turned.negationFlip = 0;
    turned.oppositeSaid = 0;
  }
  // The span itself: how the model scored it, how long it is, how close to the question's words.
  const spanValue = (name: string) => {
    const at = best ? best.features.indexOf(name) : -1;
    return at >= 0 ? ((best as Candidate).values[at] as number) : 0;
  };
  const firstScore = ranked.views[0]?.hit.score ?? 0;
  const secondScore = ranked.views[1]?.hit.score ?? 0;
  const type = question.type;
  return {
    ...turned,
    regionMass: mass.region,
    sentenceMass: mass.sentence,
    entropy: mass.entropy,
    questionTerms: question.terms.length,
    contrastMissing,
    prefixFlip,
    orderKept,
    bestScore: best ? (ranked.scores[ranked.best] as number) : 0,
    candidateCount: Math.log1p(ranked.candidates.length),
    spanLength: best ? best.last - best.first + 1 : 0,
    spanNear: spanValue("near"),
    spanQuestionShare: spanValue("qover"),
    retrievalGap: firstScore > 0 ? 1 - secondScore / firstScore : 0,
    typeNumeric: NUMERIC.has(type) ? 1 : 0,
    typeNamed: NAMED.has(type) ? 1 : 0,
    typeThing: type === "thing" ? 1 : 0,
    typeOther: !NUMERIC.has(type) && !NAMED.has(type) && type !== "thing" ? 1 : 0,
    answerCoverage: bestView?.coverage ?? 0,
    answerMissingTop: bestView?.missingTop ?? 1,
    answerNameMissing,
    answerNumberMissing,
    negationMismatch,
    answerNotFirst: best && best.hit > 0 ? 1 : 0,
    pairsFound,
    margin: marginOf(ranked),
    verbMissing,
    absentOne: absent === 1 ? 1 : 0,
    absentMore: absent >= 2 ? 1 : 0,
    absentNumber,
    absentName,
    absentVerb,
    absentAdjective,
    absentNoun,
    negated,
    probabilityCoverage: (ranked.probabilities[ranked.best] ?? 0) * (view?.coverage ?? 0),
    bias: 1,
    coverage: view?.coverage ?? 0,
    windowCoverage: window,
    missingRare,
    probability: ranked.probabilities[ranked.best] ?? 0,
    typeFit,
    typeMissing: typeFit === 0 ? 1 : 0,
    nameMissing,
  };
}

/**
 * A question turned against its evidence in a way the evidence cannot mean (the opposite word said, a
 * negating prefix dropped, a year given for "what month") is rarely answered there, but too rarely seen
 * in the tuning data for the trees to learn it alone: such a confidence is halved.
 */
const TURNED_FACTOR = 0.5;

export function confidenceFromFeatures(
  f: Record<ConfidenceFeature, number>,
  model: TreeModel = CONFIDENCE_MODEL,
): number {
  const p = predict(
    model,
    model.features.map((k) => f[k as ConfidenceFeature] ?? 0),
  );
  return f.oppositeSaid || f.prefixFlip || f.unitMismatch ? p * TURNED_FACTOR : p;
}

export function confidenceOf(question: Question, ranked: Ranked): number {
  return confidenceFromFeatures(confidenceFeatures(question, ranked));
}
