/**
 * Choosing the answer span among those the model ranks: the subject of the asked verb for "who", a
 * date for "when", a doer for "what caused", and never a source, a place for "who", a count for
 * "when" or a title of the asked name. Where no span fits, the question is one to abstain on.
 */
import { SAYING } from "./actions.js";
import { fitsType, needsTypedAnswer } from "./confidence.js";
import type { Ranked } from "./extract.js";
import { unitMismatchOf } from "./mismatch.js";
import { objectOf } from "./object.js";
import { asksMeasure, type Question } from "./question.js";
import {
  afterAskedNoun,
  asksSource,
  inAskedClause,
  isBareCount,
  isDate,
  isLocated,
  isQuantity,
  isSource,
  isSpeaker,
  nameAfterTitle,
  UNIT,
  withinAskedClause,
  withoutLeadingName,
  withoutTrailingDeed,
} from "./span-kinds.js";
import { type Candidate, questionVerb, RELATIVE_OPENER, type SentenceView } from "./spans.js";
import { agentOf, subjectOf, subjectPhrase } from "./subject.js";
import type { Token } from "./tokens.js";

/** A fitting span replaces an unfitting best one only when the model gives it at least this probability. */
const TYPED_FALLBACK_SHARE = 0.02;
/** A "who" takes the agent of the asked verb in the passive ("carried out by …") at this share of the best span. */
const AGENT_SHARE = 0.1;
/** A "who" answered by a place takes any other span the model gives at least this probability. */
const UNLOCATED_SHARE = 0.005;
/** A "when" takes the best date over a better-scored event when the date is at least this share as likely. */
const DATE_OVER_EVENT = 0.5;
/** …and over a span that reads as no event ("approved for use in … last November") at this share. */
const DATE_OVER_OTHER = 0.3;
/** Words that open an event answering "when": "after the war", "during the strike". */
const EVENT_OPENERS =
  /^(after|before|during|following|until|since|when|while|upon|as|once|at|by|within|throughout)$/;

/** …and over a bare name ("the Hollin Reef" the tanker ran aground on), which says where, at this share. */
const DATE_OVER_NAME = 0.1;
/** A date told right after the asked verb is taken when the model finds it at least this share as likely. */
const DEED_DATE_SHARE = 0.05;
/** How far before a date the asked verb may stand: "finished in early 2027". */
const DEED_DATE_REACH = 3;

function onlyName(candidate: Candidate, view: SentenceView): boolean {
  const tokens = view.tokens.slice(candidate.first, candidate.last + 1);
  return tokens.some((t) => t.pos === "PROPN") && tokens.every((t) => t.pos === "PROPN" || t.pos === "DET");
}

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

/** Whether a span is a lone plural noun opening its sentence: "Investigators", "Officials". */
function opensWithPlural(candidate: Candidate, ranked: Ranked): boolean {
  const t = (ranked.views[candidate.hit] as SentenceView).tokens[candidate.first];
  return candidate.first === 0 && candidate.last === 0 && /[^s]s$/.test(t?.lower ?? "");
}

/**
 * Whether a span is who says that a subject does what the question asks: "Anton Reyes, said the firm
 * would pay" tells that the firm pays, not Reyes.
 */
function reportsFor(speaker: Candidate, subject: Candidate, ranked: Ranked): boolean {
  if (speaker.hit !== subject.hit || speaker.last >= subject.first) return false;
  const between = (ranked.views[speaker.hit] as SentenceView).tokens.slice(speaker.last + 1, subject.first);
  const verbs = between.filter((t) => t.pos === "VERB");
  return verbs.length === 1 && SAYING.test((verbs[0] as Token).lower);
}

/** A span standing right before a name the question asks about is that name's title or description. */
function describesAskedName(question: Question, candidate: Candidate): boolean {
  return candidate.features.includes(`T:${question.type}|before-asked-name`);
}

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

/**
 * The best-scored span that `rejected` does not turn away, when the model gives it at least `floor`
 * (TYPED_FALLBACK_SHARE unless said).
 */
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
export function mentions(about: string, view: SentenceView): boolean {
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

/**
 * "How many operations were postponed?" is not answered by "About 40 of the postponed operations have
 * been rescheduled": a part of what the asked verb describes, counted for another verb.
 */
function countsPartOf(question: Question, candidate: Candidate, ranked: Ranked): boolean {
  const { verb } = questionVerb(question);
  const at = question.tokens.findIndex(
    (t, k) => t.lower === "how" && question.tokens[k + 1]?.lower === "many",
  );
  const counted = question.tokens[at + 2];
  const tokens = (ranked.views[candidate.hit] as SentenceView).tokens;
  if (at < 0 || !verb || !counted || tokens[candidate.last + 1]?.lower !== "of") return false;
  // The asked verb right before the counted noun describes it ("the postponed operations").
  for (let k = candidate.last + 2; k < candidate.last + 5; k++)
    if (tokens[k]?.stem === verb && tokens[k + 1]?.stem === counted.stem) return true;
  return false;
}

/**
 * "How many committee members voted for the rise?" over "Five of the seven members of the committee
 * voted for the rise": the part that did it ("Five"), not the whole it was taken from ("seven").
 */
function partThatDid(question: Question, candidate: Candidate, ranked: Ranked): Candidate | undefined {
  const { verb } = questionVerb(question);
  const tokens = (ranked.views[candidate.hit] as SentenceView).tokens;
  const part = candidate.first - 3;
  if (!verb || part < 0 || candidate.first !== candidate.last) return undefined;
  if (tokens[part + 1]?.lower !== "of" || tokens[part + 2]?.lower !== "the" || tokens[part]?.pos !== "NUM")
    return undefined;
  const after = tokens.slice(candidate.last + 1, candidate.last + 10);
  if (!after.some((t) => t.stem === verb && t.pos === "VERB")) return undefined;
  return ranked.candidates.find((c) => c.hit === candidate.hit && c.first === part && c.last === part);
}

/**
 * Whether a span starts or ends inside a hyphenated word: "Sunday to a 30" of "a 30-day truce". A
 * name before a hyphen is whole: "Minneford" of "the Minneford-based company".
 */
function cutsWord(candidate: Candidate, ranked: Ranked): boolean {
  const { text, tokens } = ranked.views[candidate.hit] as SentenceView;
  const head = tokens[candidate.first] as Token;
  const tail = tokens[candidate.last] as Token;
  return (
    (!tail.capitalized && text[tail.end] === "-" && /\p{L}|\d/u.test(text[tail.end + 1] ?? "")) ||
    (text[head.start - 1] === "-" && /\p{L}|\d/u.test(text[head.start - 2] ?? ""))
  );
}

/**
 * A name the span cuts off before its last words ("International Committee of the Red" of "… the Red
 * Cross"): the candidate running on over the capitalized words that follow it, if the model has one.
 */
function wholeName(question: Question, candidate: Candidate, ranked: Ranked): Candidate {
  const { tokens } = ranked.views[candidate.hit] as SentenceView;
  const tail = tokens[candidate.last] as Token;
  let end = candidate.last;
  while (
    (tokens[end] as Token).capitalized &&
    tokens[end + 1]?.capitalized &&
    // The tagger reads some name words as verbs ("the Red Cross").
    /^(PROPN|NOUN|VERB)$/.test(tokens[end + 1]?.pos ?? "") &&
    !question.words.has((tokens[end + 1] as Token).lower) &&
    (tokens[end + 1] as Token).start === (tokens[end] as Token).end + 1
  )
    end++;
  if (end === candidate.last || !tail.capitalized) return candidate;
  const whole = ranked.candidates.find(
    (c) => c.hit === candidate.hit && c.first === candidate.first && c.last === end,
  );
  // "Major General Louis" of "Major General Louis-Joseph de Montcalm" is no whole name either.
  const glued =
    tokens[end + 1]?.text === "-" && (tokens[end + 1] as Token).start === (tokens[end] as Token).end;
  return whole && !glued ? whole : candidate;
}

/** What the choice comes to: a span, none (the sentence answers), or an abstention. */
export const ABSTAIN = "abstain";

/** The question's nouns not given as its unit: "reservoirs", not "km" of "How far … in km?". */
function measuredThings(question: Question): Set<string> {
  const out = new Set<string>();
  question.tokens.forEach((t, i) => {
    if (t.pos === "NOUN" && question.tokens[i - 1]?.lower !== "in") out.add(t.stem);
  });
  return out;
}

/**
 * Whether a span counts what the question measures: "two" of "its two main reservoirs" tells how many
 * there are, not how full they are.
 */
function countsAskedThing(measured: Set<string>, candidate: Candidate, ranked: Ranked): boolean {
  const { tokens } = ranked.views[candidate.hit] as SentenceView;
  if (tokens[candidate.last]?.pos !== "NUM") return false;
  for (let k = candidate.last + 1; k <= candidate.last + 3 && k < tokens.length; k++) {
    const t = tokens[k] as Token;
    // Not a unit the question asks in ("How high in feet…?" is answered "250,000 feet").
    if (t.pos === "NOUN") return !UNIT.test(t.text) && measured.has(t.stem);
    if (t.pos !== "ADJ") return false;
  }
  return false;
}

/** How far into the phrase after a passive "by" a span may start: "by the Spanish company Aquamar". */
const AGENT_REACH = 4;

/** Whether a span names who does a passive deed ("built by the Spanish company Aquamar"), not where. */
function namesAgent(candidate: Candidate, ranked: Ranked): boolean {
  const { tokens } = ranked.views[candidate.hit] as SentenceView;
  for (let k = candidate.first; k >= Math.max(1, candidate.first - AGENT_REACH); k--) {
    const t = tokens[k] as Token;
    if (t.lower === "by") return tokens[k - 1]?.pos === "VERB";
    if (k < candidate.first && !/^(DET|ADJ|NOUN|PROPN|NUM)$/.test(t.pos)) return false;
  }
  return false;
}

/**
 * "When is the tram line expected to be finished?" over "… which was due to open in 2025, is now
 * expected to be finished in 2027": the date that follows an asked verb, not another clause's date.
 */
function dateOfAskedDeed(question: Question, best: Candidate, ranked: Ranked): Candidate | undefined {
  const verbs = new Set(
    question.tokens.filter((t) => t.pos === "VERB" && !t.stop && !t.capitalized).map((t) => t.stem),
  );
  if (verbs.size === 0) return undefined;
  const follows = (c: Candidate) => {
    const { tokens } = ranked.views[c.hit] as SentenceView;
    if (tokens.slice(c.first, c.last + 1).some((t) => t.pos === "VERB")) return false;
    for (let k = Math.max(0, c.first - DEED_DATE_REACH); k < c.first; k++) {
      const t = tokens[k] as Token;
      if (t.pos === "VERB" && verbs.has(t.stem)) return true;
    }
    return false;
  };
  if (!isDate(best, ranked) || follows(best)) return undefined;
  const floor = DEED_DATE_SHARE * (ranked.probabilities[ranked.best] ?? 0);
  let pick: number | undefined;
  ranked.candidates.forEach((c, i) => {
    if (c.hit !== best.hit || !isDate(c, ranked) || !follows(c)) return;
    const p = ranked.probabilities[i] ?? 0;
    if (p >= floor && (pick === undefined || p > (ranked.probabilities[pick] ?? 0))) pick = i;
  });
  return pick === undefined ? undefined : ranked.candidates[pick];
}

/** Words that set a thing apart from the one already told of: "a second tanker", "another firm". */
const ANOTHER = /^(second|another|other|different|separate)$/;
/** How far before a span the noun it renames may stand: "a second tanker, the Northwind". */
const RENAMED_REACH = 4;

/**
 * Whether a span renames another of what the question asks about: "What did the tanker hit?" is not
 * answered by "the Northwind" of "a second tanker, the Northwind", unless the question asks for that
 * other one ("the second tanker", "What planet…?" over "another planet, Vulcan").
 */
function namesAnother(question: Question, candidate: Candidate, ranked: Ranked): boolean {
  const { tokens } = ranked.views[candidate.hit] as SentenceView;
  if (question.tokens.some((t) => ANOTHER.test(t.lower))) return false;
  for (let k = candidate.first - 1; k >= Math.max(1, candidate.first - RENAMED_REACH); k--) {
    const t = tokens[k] as Token;
    // "What planet did they predict?" over "another planet, Vulcan" asks for the other one.
    if (t.pos === "NOUN" && question.terms.includes(t.stem) && t.lower !== question.head) {
      // "a second tanker", "another oil tanker": the word before the noun, or before its adjective.
      const near = tokens[k - 1]?.pos === "ADJ" ? [tokens[k - 1], tokens[k - 2]] : [tokens[k - 1]];
      return near.some((w) => ANOTHER.test(w?.lower ?? ""));
    }
    if (!/^(DET|PUNCT)$/.test(t.pos)) return false;
  }
  return false;
}

/**
 * Whether a span is the name, or part of the name, of someone the article tells of as a person:
 * "Which party does Kovac lead?" is not answered by "Sola".
 */
function namesPerson(candidate: Candidate, ranked: Ranked): boolean {
  const text = candidate.text.toLowerCase();
  return (ranked.views[candidate.hit] as SentenceView).hit.entities.some(
    (e) =>
      e.type === "person" &&
      [e.name, ...e.aliases].some((n) => {
        const name = n.toLowerCase();
        return name === text || name.split(/\s+/).includes(text) || text.endsWith(name);
      }),
  );
}

/**
 * "What award did Mira Jansen receive?" over "a national award for integrity": a span right after the
 * asked noun and "for" is only what the thing is for; the answer is the noun's phrase, with it.
 */
function withAskedHead(question: Question, ranked: Ranked, best: Candidate): Candidate {
  if (question.type !== "thing" || !question.head) return best;
  const { tokens } = ranked.views[best.hit] as SentenceView;
  const head = tokens[best.first - 2];
  if (
    tokens[best.first - 1]?.lower !== "for" ||
    head?.lower.replace(/s$/, "") !== question.head.replace(/s$/, "")
  )
    return best;
  let first = best.first - 2;
  while (first > 0 && /^(ADJ|NOUN|PROPN)$/.test(tokens[first - 1]?.pos ?? "")) first--;
  return (
    ranked.candidates.find((c) => c.hit === best.hit && c.first === first && c.last === best.last) ?? best
  );
}
export type SpanChoice = Candidate | undefined | typeof ABSTAIN;

/**
 * The span that answers the question, or ABSTAIN where none fits and `strict` (abstentions allowed)
 * is set.
 */
export function chooseSpan(question: Question, ranked: Ranked, strict: boolean): SpanChoice {
  let best = ranked.candidates[ranked.best];
  const asksWho = question.type === "person" || question.type === "organization";
  const role = question.type === "person" ? askedRole(question) : [];
  const roleView = best ? ranked.views[best.hit] : undefined;
  if (roleView && !role.every((w) => mentions(w, roleView)) && strict) return ABSTAIN;
  // Nor by a plural noun opening the sentence ("Investigators are examining whether the captain …"):
  // a group that speaks of the role, not who holds it.
  if (best && role.length > 0 && strict && opensWithPlural(best, ranked)) return ABSTAIN;
  const subject = subjectOf(question, ranked);
  if (
    subject &&
    ((best && reportsFor(best, ranked.candidates[subjectPhrase(ranked, subject.at)] as Candidate, ranked)) ||
      (ranked.probabilities[subject.at] ?? 0) >= subject.share * (ranked.probabilities[ranked.best] ?? 0))
  )
    best = ranked.candidates[subjectPhrase(ranked, subject.at)];
  // "Who will carry out the review?": whom "carried out by" names, not who said so.
  // Unless the model finds it unlikely: "Who supports Haftar with mercenaries?" is not answered by
  // "General Haftar, supported by Egypt, accepted" but by "Russia supports Haftar with its own mercenaries".
  const agent = asksWho ? agentOf(question, ranked) : undefined;
  if (
    agent !== undefined &&
    (ranked.probabilities[agent] ?? 0) >= AGENT_SHARE * (ranked.probabilities[ranked.best] ?? 0)
  )
    best = ranked.candidates[agent];
  // "What did the council approve?": what follows "the council approved".
  const object = objectOf(question, ranked);
  if (object !== undefined) best = ranked.candidates[object];
  // "Who will pay for a new fire station?" is not answered by where it stands ("in the Kestrel Hills"):
  // anyone else the model finds at all, else nobody.
  if (best && asksWho && isLocated(best, ranked)) {
    const other = likelyBestWithout(ranked, (c) => isLocated(c, ranked), UNLOCATED_SHARE);
    if (other) best = other;
    else if (strict) return ABSTAIN;
  }
  // "… according to fire chief Amara Nwosu" names where the sentence comes from, not what it tells,
  // unless the question asks who said it.
  // Nor does who says it ("Officials said …") answer what, where or when, though it may answer who.
  const fromSource = (c: Candidate) => isSource(c, ranked) || (!asksWho && isSpeaker(c, ranked));
  if (best && fromSource(best) && !asksSource(question)) {
    const datesOut = NAMED.has(question.type);
    best = likelyBestWithout(ranked, (c) => fromSource(c) || (datesOut && isDate(c, ranked))) ?? best;
  }
  // "Who supplies a fifth of the formula?" is not answered by "2,400 people" it employs: a count.
  const counted = (c: Candidate) => {
    const t = (ranked.views[c.hit] as SentenceView).tokens[c.first];
    return t?.pos === "NUM" || /^\d/.test(t?.text ?? "");
  };
  if (best && asksWho && counted(best)) best = likelyBestWithout(ranked, counted) ?? best;
  // "Which party…?" asks for a body by its kind: a person is no answer.
  const person = (c: Candidate) => namesPerson(c, ranked);
  if (best && question.type === "organization" && question.head !== "" && person(best)) {
    const other = likelyBestWithout(ranked, person);
    if (other) best = other;
    else if (strict) return ABSTAIN;
  }
  // "Where is Sirte?" is not answered by "January": a date names no place, person or organization.
  if (best && NAMED.has(question.type) && isDate(best, ranked) && strict) return ABSTAIN;
  // "What started the fire?" asks for a doer, which "on Friday afternoon" is not.
  // Nor is "The fire" of "The fire started on Friday": the question's own words.
  const notDoer = (c: Candidate) =>
    isDate(c, ranked) || followsDeed(question, c, ranked) || questionWordsOnly(question, c);
  if (best && asksDoer(question) && notDoer(best)) {
    const other = likelyBestWithout(ranked, (c) => notDoer(c) || fromSource(c));
    if (other) best = other;
    else if (strict) return ABSTAIN;
  }
  if (best && NAMED.has(question.type) && describesAskedName(question, best)) {
    // "Egyptian President" for "Who supports Fattah al-Sisi?" only describes whom the question names.
    const other = likelyBestWithout(ranked, (c) => describesAskedName(question, c));
    if (other) best = other;
    else if (strict) return ABSTAIN;
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
      if (strict) return ABSTAIN;
    } else {
      // "When" is often answered by an event ("after the war"), unless a date is nearly as likely;
      // numbers are never answered without one.
      const share = (ranked.probabilities[fitting] ?? 0) / (ranked.probabilities[ranked.best] || 1);
      if (question.type === "date") {
        const event = looksLikeEvent(best, ranked.views[best.hit] as SentenceView);
        const named = onlyName(best, ranked.views[best.hit] as SentenceView);
        if (share >= (event ? DATE_OVER_EVENT : named ? DATE_OVER_NAME : DATE_OVER_OTHER))
          best = ranked.candidates[fitting];
        else if (strict && (isQuantity(question, best, ranked) || unitMismatchOf(question, best)))
          return ABSTAIN;
      } else if ((ranked.probabilities[fitting] ?? 0) >= TYPED_FALLBACK_SHARE) {
        best = ranked.candidates[fitting];
      } else if (strict) return ABSTAIN;
    }
  }
  if (best && question.type === "date") best = dateOfAskedDeed(question, best, ranked) ?? best;
  if (best && question.type === "number") best = partThatDid(question, best, ranked) ?? best;
  const partOf = (c: Candidate) => countsPartOf(question, c, ranked);
  if (best && question.type === "number" && partOf(best)) {
    const fits = (c: Candidate) => fitsType(question, c, ranked.views[c.hit] as SentenceView);
    best = likelyBestWithout(ranked, (c) => partOf(c) || !fits(c)) ?? best;
  }
  // "When did the talks collapse?" is not answered by "one" of "after one of the delegations left".
  if (best && question.wh === "when" && isBareCount(best, ranked)) {
    const other = likelyBestWithout(
      ranked,
      (c) => isBareCount(c, ranked) || !fitsType(question, c, ranked.views[c.hit] as SentenceView),
    );
    if (other) best = other;
    else if (strict) return ABSTAIN;
  }
  // "How full are the reservoirs?" is not answered by how many there are.
  const measured = asksMeasure(question) ? measuredThings(question) : undefined;
  const countsAsked = (c: Candidate) => measured !== undefined && countsAskedThing(measured, c, ranked);
  if (best && countsAsked(best)) {
    const other = likelyBestWithout(ranked, countsAsked);
    if (other) best = other;
    else if (strict) return ABSTAIN;
  }
  // "Where will the plant be built?" is not answered by whom "built by" names.
  const byWhom = (c: Candidate) => namesAgent(c, ranked);
  if (best && question.type === "place" && byWhom(best)) {
    // A span that stands where something is ("on the coast at Port Sina") is taken even when unlikely.
    const other =
      likelyBestWithout(ranked, (c) => byWhom(c) || !isLocated(c, ranked), UNLOCATED_SHARE) ??
      likelyBestWithout(ranked, byWhom);
    if (other) best = other;
    else if (strict) return ABSTAIN;
  }
  // "Where were the men found?" is not answered by "alive", an adjective alone.
  const bare = (c: Candidate) =>
    c.first === c.last && (ranked.views[c.hit] as SentenceView).tokens[c.first]?.pos === "ADJ";
  if (best && question.type === "place" && bare(best)) best = likelyBestWithout(ranked, bare) ?? best;
  const cut = (c: Candidate) => cutsWord(c, ranked);
  if (best && cut(best)) best = likelyBestWithout(ranked, cut) ?? best;
  // "which dates" of "the UN, which dates back to 2015" opens a clause about something else.
  const relative = (c: Candidate) =>
    RELATIVE_OPENER.test((ranked.views[c.hit] as SentenceView).tokens[c.first]?.lower ?? "");
  if (best && relative(best)) best = likelyBestWithout(ranked, relative) ?? best;
  const another = (c: Candidate) => namesAnother(question, c, ranked);
  if (best && another(best)) best = likelyBestWithout(ranked, another) ?? best;
  if (best) best = afterAskedNoun(question, ranked, best) ?? best;
  if (best) best = withAskedHead(question, ranked, best);
  if (best) best = withinAskedClause(question, best, ranked);
  if (best && NAMED.has(question.type))
    best = inAskedClause(question, best, ranked, (c) =>
      fitsType(question, c, ranked.views[c.hit] as SentenceView),
    );
  if (best) best = nameAfterTitle(question, best, ranked);
  if (best) best = wholeName(question, best, ranked);
  if (best && question.type === "date")
    best = withoutTrailingDeed(
      withoutLeadingName(best, ranked.views[best.hit] as SentenceView),
      ranked.views[best.hit] as SentenceView,
    );
  return best;
}
