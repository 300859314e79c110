/**
 * What the question's subject did its verb to: the span right after the verb where the sentence has
 * the question's subject right before it ("What did the council approve?" over "The council approved
 * a budget of 4 million pounds" → "budget of 4 million pounds").
 */
import type { Ranked } from "./extract.js";
import type { Question } from "./question.js";
import type { SentenceView } from "./spans.js";
import type { Token } from "./tokens.js";

/** The object is taken when the model finds it at least this share as likely as its best span. */
const OBJECT_SHARE = 0.3;
/** How many words before the verb the subject may end ("the Harlow council, …, approved"). */
const SUBJECT_REACH = 3;
/** The longest aside between the subject and its verb. */
const ASIDE_WORDS = 16;
/** "What did X find?", not "What is the process of constructing…?". */
const DOING_AUXILIARY = /^(do|does|did|will|would|has|have|had|can|could|should|may|might|must)$/;
/** An object is a noun phrase: not "on the level", "to set up", "during the 1970s". */
const NOUN_PHRASE_START = new Set(["DET", "ADJ", "NOUN", "PROPN", "NUM"]);

/** "What did inspectors find at the factory?" → the verb "find" and the subject's words ("inspector"). */
function askedDeed(question: Question): { verb: string; subject: Set<string> } | undefined {
  const tokens = question.tokens;
  const wh = tokens.findIndex((t) => t.lower === question.wh);
  if (question.type !== "thing" || wh < 0 || !DOING_AUXILIARY.test(tokens[wh + 1]?.lower ?? ""))
    return undefined;
  const subject = new Set<string>();
  // The verb, or a last word the tagger read as a noun ("What did the minister order?").
  const last = tokens.findLastIndex((t) => t.pos !== "PUNCT");
  for (let k = wh + 2; k <= last; k++) {
    const t = tokens[k] as Token;
    const verb = t.pos === "VERB" || (k === last && t.pos === "NOUN" && !t.capitalized);
    if (verb) return subject.size > 0 && !t.stop ? { verb: t.stem, subject } : undefined;
    if (!t.stop) subject.add(t.stem);
  }
  return undefined;
}

/**
 * Where the asked verb stands when a span is a noun phrase right after it, with the question's subject
 * right before the verb; else -1.
 */
function verbBefore(
  deed: { verb: string; subject: Set<string> },
  tokens: Token[],
  first: number,
  last: number,
): number {
  const span = tokens.slice(first, last + 1);
  if (
    !NOUN_PHRASE_START.has((span[0] as Token).pos) ||
    span.some((t) => t.pos === "VERB" || t.entity === "DATE")
  )
    return -1;
  // The verb, with only determiners and adjectives between it and the span.
  let k = first - 1;
  while (k >= 0 && ["DET", "ADJ"].includes((tokens[k] as Token).pos)) k--;
  if (tokens[k]?.stem !== deed.verb || tokens[k]?.pos !== "VERB") return -1;
  // The subject right before the verb, past auxiliaries and adverbs but not "to": "the council
  // refused to approve" is no approving.
  let s = k - 1;
  // Past a date too: "Kelmar's city council on Tuesday approved".
  const passable = (t: Token, next: Token | undefined) =>
    (["AUX", "ADV", "PART"].includes(t.pos) && t.lower !== "to") ||
    /^(DATE|TIME)$/.test(t.entity) ||
    (t.pos === "ADP" && /^(DATE|TIME)$/.test(next?.entity ?? ""));
  while (s >= 0 && passable(tokens[s] as Token, tokens[s + 1])) s--;
  // Past an aside between commas: "The council, which meets every Tuesday, approved".
  if (tokens[s]?.text === ",") {
    const open = tokens
      .slice(Math.max(0, s - ASIDE_WORDS), s)
      .map((t) => t.text)
      .lastIndexOf(",");
    if (open >= 0) s = Math.max(0, s - ASIDE_WORDS) + open - 1;
  }
  const said = tokens.slice(Math.max(0, s - SUBJECT_REACH + 1), s + 1).some((t) => deed.subject.has(t.stem));
  return said && tokens[s]?.lower !== "to" ? k : -1;
}

/** Words that may run on a noun phrase to its head: "210 million euro desalination plant". */
const NOUN_PHRASE_WORDS = new Set(["ADJ", "NOUN", "PROPN", "NUM"]);

/**
 * The object run on to the head of its noun phrase when a span has it: "a 210 million euro
 * desalination plant", not "210 million", which only says how big.
 */
function wholeNounPhrase(ranked: Ranked, found: number): number {
  const object = ranked.candidates[found];
  if (!object) return found;
  const tokens = (ranked.views[object.hit] as SentenceView).tokens;
  let end = object.last;
  while (end + 1 < tokens.length && NOUN_PHRASE_WORDS.has((tokens[end + 1] as Token).pos)) end++;
  if (end === object.last) return found;
  const whole = ranked.candidates.findIndex(
    (c) => c.hit === object.hit && c.first === object.first && c.last === end,
  );
  return whole >= 0 ? whole : found;
}

/**
 * The best-scored object of the asked verb, when the model finds it likely enough and its best span
 * does not already hold it.
 */
export function objectOf(question: Question, ranked: Ranked): number | undefined {
  const deed = askedDeed(question);
  if (!deed) return undefined;
  let found: number | undefined;
  let verbAt = -1;
  ranked.candidates.forEach((c, i) => {
    const k = verbBefore(deed, (ranked.views[c.hit] as SentenceView).tokens, c.first, c.last);
    if (k < 0) return;
    if (found === undefined || (ranked.scores[i] as number) > (ranked.scores[found] as number)) {
      found = i;
      verbAt = k;
    }
  });
  if (found !== undefined) found = wholeNounPhrase(ranked, found);
  const best = ranked.candidates[ranked.best];
  const object = found === undefined ? undefined : ranked.candidates[found];
  if (found === undefined || !object) return undefined;
  // A best span holding the object's first word past its article already answers it, perhaps as a
  // longer phrase ("channels through which…" for "the channels").
  const tokens = (ranked.views[object.hit] as SentenceView).tokens;
  const head = tokens[object.first]?.pos === "DET" ? object.first + 1 : object.first;
  if (best && best.hit === object.hit && best.first <= head && best.last >= head) return undefined;
  // A best span before the verb stands on the subject's side ("Health minister Idris Kale ordered
  // …" for "What did the health minister order?"): the object answers whatever the model thinks.
  if (best && best.hit === object.hit && best.last < verbAt) return found;
  const share = (ranked.probabilities[found] ?? 0) / (ranked.probabilities[ranked.best] || 1);
  return share >= OBJECT_SHARE ? found : undefined;
}
