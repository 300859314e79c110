/**
 * Answers that are not a single typed span: yes/no verdicts, "who is X" descriptions and "why"
 * reasons, read off the evidence sentence with small rules.
 */
import { contentTerms } from "../analysis/terms.js";
import type { Passage } from "./bm25.js";
import { NEGATIONS, saysOpposite } from "./mismatch.js";
import { NAME_PARTICLES, type Question } from "./question.js";
import { questionVerb, RELATIVE_OPENER, type SentenceView } from "./spans.js";
import type { Token } from "./tokens.js";

/**
 * Words that start another clause: "X accepted while Y rejected it", and "the union rejected the offer
 * because it did not cover overtime", whose "not" is not the verdict.
 */
const CLAUSE_BREAKS = new Set(
  "while whereas but because since although though after before when until unless which".split(" "),
);

/**
 * The stems of a yes/no question's subject: the words between its auxiliary and its verb ("the
 * government" in "Did the government accept the proposal?").
 */
/** "Was anyone hurt?" asks about whoever it may be: any doer in the evidence is the subject. */
const ANYONE = /^(anyone|anybody|anything|someone|somebody|something)$/;
/** Doers that say no one did it: "none was hurt". */
const NO_ONE = /^(none|nobody|nothing|noone)$/;

function subjectTerms(question: Question): Set<string> {
  const out = new Set<string>();
  const verb = askedVerb(question);
  for (const t of question.tokens.slice(1)) {
    if (t.pos === "VERB" || t === verb) break;
    if (!t.stop && t.pos !== "PUNCT" && !ANYONE.test(t.lower)) out.add(t.stem);
  }
  return out;
}

/**
 * The sentence cut into clauses at clause openers and semicolons. A relative clause set between commas
 * is a clause of its own, and the one it interrupts goes on after it: "Renner, 58, who led the city
 * until his arrest, denied the charges" tells that Renner denied them.
 */
function clausesOf(view: SentenceView): Token[][] {
  const tokens = view.tokens;
  const clauses: Token[][] = [[]];
  let current = clauses[0] as Token[];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.text === "," && RELATIVE_OPENER.test(tokens[k + 1]?.lower ?? "")) {
      const close = tokens.findIndex((c, j) => j > k + 1 && (c.text === "," || c.text === ";"));
      if (close > 0 && tokens[close]?.text === ",") {
        clauses.push(tokens.slice(k + 2, close));
        k = close;
        continue;
      }
    }
    // "have since recovered": between an auxiliary and its verb, "since" is an adverb, not an opener.
    const adverb = tokens[k - 1]?.pos === "AUX" && tokens[k + 1]?.pos === "VERB";
    if ((CLAUSE_BREAKS.has(t.lower) && !adverb) || t.text === ";") {
      current = [];
      clauses.push(current);
    } else current.push(t);
  }
  return clauses;
}

/**
 * Whether the sentence has the asked verb only in clauses without the question's subject: "Did
 * Turkey support Haftar?" over "… military support for Turkey, while Russia supports Haftar" is about
 * what Russia did.
 */
function doneByOthers(question: Question, view: SentenceView, verb: Token): boolean {
  const subject = subjectTerms(question);
  if (subject.size === 0) return false;
  const doing = clausesOf(view).filter((c) => c.some((t) => t.stem === verb.stem && t.pos === "VERB"));
  const said = (c: Token[]) => c.some((t) => subject.has(t.stem)) || standsIn(c, verb, subject, view);
  return doing.length > 0 && !doing.some(said);
}

/** Words an article uses for whom it named before: "The company said it had halted production". */
const STAND_INS = /^(it|he|she|they|company|firm|group)$/;

/** Words that count what was named before, with no noun of their own: "All three have recovered". */
const COUNTING_STAND_IN = /^(all|both|each)$/;

/**
 * Whether a clause's doer is a stand-in ("it", "the company", "all three") for the subject the
 * article named before, with no other name before the verb.
 */
function standsIn(clause: Token[], verb: Token, subject: Set<string>, view: SentenceView): boolean {
  const at = clause.findIndex((t) => t.stem === verb.stem);
  const before = clause.slice(0, at);
  const opener = before[0];
  const counting =
    opener !== undefined &&
    (COUNTING_STAND_IN.test(opener.lower) || opener.pos === "NUM") &&
    !before.some((t) => t.pos === "NOUN");
  if (before.some((t) => t.pos === "PROPN")) return false;
  // A count stands for what the sentence just before counted, not for anything named earlier.
  if (counting) return namedBefore(view, subject, 1);
  return before.some((t) => STAND_INS.test(t.lower)) && namedBefore(view, subject);
}

/**
 * Whether a sentence of the article before this one (at most `back` before it) says one of `stems`:
 * whom a stand-in refers to.
 */
function namedBefore(view: SentenceView, stems: Set<string>, back = Number.POSITIVE_INFINITY): boolean {
  const at = view.hit.sentenceIndex;
  // The sentence itself too: "President Edvin Sola, who has led the country since 2018, said he …".
  return view.hit.sentences
    .slice(Math.max(0, at - back), at + 1)
    .some((s) => contentTerms(s).some((t) => stems.has(t)));
}

/** Words that stand for an object named before: "the government rejected it". */
const OBJECT_PRONOUNS = new Set(["it", "them", "him", "her", "this", "that", "these", "those"]);

/**
 * Whether the sentence has the asked verb only in clauses without the question's object: "Did Egypt
 * support the government?" over "Haftar, supported by Egypt, accepted …" is about whom Egypt supports.
 * A pronoun in the clause may stand for the object.
 */
function doneToOthers(question: Question, clauses: Token[][], verb: Token): boolean {
  const at = question.tokens.indexOf(verb);
  const object = new Set(
    question.tokens.slice(at + 1).flatMap((t) => (!t.stop && t.pos !== "PUNCT" ? [t.stem] : [])),
  );
  if (at < 0 || object.size === 0 || clauses.length === 0) return false;
  return !clauses.some((c) => c.some((t) => object.has(t.stem) || OBJECT_PRONOUNS.has(t.lower)));
}

/**
 * The clause of the sentence the question is about ("X accepted, while Y rejected"): the one sharing
 * most words with the question, its subject's words counting thrice, since "Did Y accept?" is about
 * Y's clause even though the other one says "accepted".
 */
function clauseOf(question: Question, view: SentenceView): Token[] {
  const clauses = clausesOf(view);
  const terms = new Set(question.terms);
  const subject = subjectTerms(question);
  let best = clauses[0] as Token[];
  let bestScore = -1;
  for (const c of clauses) {
    const stems = new Set(c.map((t) => t.stem));
    let score = 0;
    for (const s of stems) score += subject.has(s) ? 3 : terms.has(s) ? 1 : 0;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** Auxiliaries after which a yes/no question's subject is followed by the verb's plain form. */
const PLAIN_FORM_BEFORE = /^(do|does|did|will|would|can|could|should|may|might|must)$/;

/**
 * The verb a yes/no question asks about: its first verb, or the word after a named subject when the
 * tagger read that word as a noun ("Did Sundance drop…?", "Does Turkey back…?").
 */
function askedVerb(question: Question): Token | undefined {
  const tokens = question.tokens;
  // "Was the motion to suspend the project passed?" asks about its last word, a passive's participle.
  const last = tokens.filter((t) => t.pos !== "PUNCT").at(-1);
  if (/^(is|was|are|were)$/.test(tokens[0]?.lower ?? "") && last?.pos === "VERB" && !last.stop) return last;
  const verb = tokens.find((t, k) => k > 0 && t.pos === "VERB" && !t.stop);
  if (verb || !PLAIN_FORM_BEFORE.test(tokens[0]?.lower ?? "")) return verb;
  let k = 1;
  while (tokens[k]?.pos === "PROPN") k++;
  const next = tokens[k];
  return k > 1 && next && !next.capitalized && !next.stop && /^(NOUN|ADV|ADJ)$/.test(next.pos)
    ? next
    : undefined;
}

/**
 * Words that make what follows only a plan or a possibility: "considering raising fuel prices" does not
 * say prices were raised.
 */
const HEDGES = new RegExp(
  `^(${[
    "consider considers considered considering plan plans planned planning propose proposes proposed",
    "proposing may might could would want wants wanted intend intends intended hope hopes hoped seek",
    "seeks sought aim aims threaten threatens threatened weigh weighs weighing",
  ]
    .join(" ")
    .replace(/ /g, "|")})$`,
);
/** How many words before the asked verb a hedge still reaches ("could soon be raised"). */
const HEDGE_REACH = 3;

/** Verbs that refuse what follows them: "rejected the alliance's request to cancel the election". */
const REFUSING = /^(reject|refus|declin|deni|oppos|block|veto)/;
/** How many words before "to" and the asked verb a refusal still reaches. */
const REFUSAL_REACH = 6;

/** Whether the asked verb is what someone refused: "refused to cancel", "rejected a call to cancel". */
function refused(clause: Token[], verb: Token): boolean {
  const at = clause.findIndex((t) => t.stem === verb.stem);
  if (at < 1 || clause[at - 1]?.lower !== "to") return false;
  return clause
    .slice(Math.max(0, at - 1 - REFUSAL_REACH), at - 1)
    .some((t) => t.pos === "VERB" && REFUSING.test(t.stem));
}

/**
 * "Yes", "No" or "Not confirmed" (the asked verb only planned or possible) from the clause of the
 * evidence the question is about, or null when the evidence neither says the asked verb nor its
 * opposite ("Did Ryanair cancel the order?" over a sentence about the order), or says it only of
 * someone else: a verdict there would be a guess.
 */
export function yesNoOf(question: Question, view: SentenceView): "Yes" | "No" | "Not confirmed" | null {
  const clause = clauseOf(question, view);
  let negative = clause.some((t) => NEGATIONS.has(t.lower) || NO_ONE.test(t.lower));
  const verb = askedVerb(question);
  const opposite = saysOpposite(question.tokens, clause);
  if (verb && !opposite && !view.tokens.some((t) => t.stem === verb.stem)) return null;
  if (verb && !opposite && doneByOthers(question, view, verb)) return null;
  const doing = opposite ? [clause] : clausesOf(view).filter((c) => c.some((t) => t.stem === verb?.stem));
  if (verb && doneToOthers(question, doing, verb)) return null;
  // The opposite of the asked verb answers "no" ("Did Haftar reject it?" over "accepted").
  if (opposite) negative = !negative;
  if (verb && !opposite && refused(clause, verb)) negative = !negative;
  if (question.tokens.some((t) => NEGATIONS.has(t.lower))) negative = !negative;
  if (!negative && verb && !question.tokens.some((t) => HEDGES.test(t.lower))) {
    const at = clause.findIndex((t) => t.stem === verb.stem);
    if (clause.slice(Math.max(0, at - HEDGE_REACH), at).some((t) => HEDGES.test(t.lower)))
      return "Not confirmed";
  }
  return negative ? "No" : "Yes";
}

const HONORIFIC = /^(Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Prof)\.?$/;

/**
 * "Who is Wolfram Lacher?" → the role words before the name and an "of …" phrase after it:
 * "Libya expert … of the Science and Politics Foundation".
 */
export function definitionOf(
  question: Question,
  views: SentenceView[],
): { text: string; view: SentenceView } | null {
  const name = question.names[question.names.length - 1];
  if (!name) return null;
  if (ACRONYM.test(name)) {
    for (const view of views) {
      const text = spelledOut(name, view);
      if (text) return { text: `${name}: ${text}`, view };
    }
  }
  const words = name.toLowerCase().split(/[\s-]+/);
  const last = words[words.length - 1] ?? "";
  const nameWords = new Set(words);
  for (const view of views) {
    // The article's full name for whom the question names by surname ("Elena Kovacs" for "Kovacs").
    const full = new Set(nameWords);
    for (const e of view.hit.entities) {
      const parts = e.name.toLowerCase().split(/[\s-]+/);
      if (parts[parts.length - 1] === last) for (const p of parts) full.add(p);
    }
    for (let at = 0; at < view.tokens.length; at++) {
      if ((view.tokens[at] as Token).lower !== last) continue;
      const text = describedAt(view, at, full);
      if (text) return { text: `${name}: ${text}`, view };
    }
  }
  return null;
}

const ACRONYM = /^\p{Lu}{2,6}$/u;
/** Small words an acronym skips: "Organization of the Petroleum Exporting Countries" is OPEC. */
const ACRONYM_SKIPS = /^(of|the|and|for|on|in|to|&)$/;

/**
 * The words an acronym stands for where the article spells it out before it in brackets:
 * "progressive multifocal leukoencephalopathy (PML)" → "progressive multifocal leukoencephalopathy".
 */
function spelledOut(acronym: string, view: SentenceView): string {
  const tokens = view.tokens;
  const letters = acronym.toLowerCase();
  for (let at = 1; at + 1 < tokens.length; at++) {
    if (tokens[at]?.text !== acronym || tokens[at - 1]?.text !== "(" || tokens[at + 1]?.text !== ")")
      continue;
    let k = at - 2;
    let left = letters.length;
    while (k >= 0 && left > 0) {
      const t = tokens[k] as Token;
      if (t.lower[0] === letters[left - 1]) left--;
      else if (!ACRONYM_SKIPS.test(t.lower)) break;
      k--;
    }
    if (left === 0) return view.text.slice((tokens[k + 1] as Token).start, (tokens[at - 2] as Token).end);
  }
  return "";
}

/** The role before the name ending at `at` and what follows it ("of …", ", the …,"), or "". */
function describedAt(view: SentenceView, at: number, full: Set<string>): string {
  const tokens = view.tokens;
  let nameStart = at;
  // Back over the rest of the asked name ("Fattah al-Sisi" is "Fattah", "al", "-", "Sisi"), not over
  // a capitalized title before it ("Interior Minister Fathi Baschagha").
  const inName = (t: Token) => full.has(t.lower) || t.text === "-" || NAME_PARTICLES.has(t.lower);
  while (nameStart > 0 && inName(tokens[nameStart - 1] as Token)) nameStart--;
  while (nameStart < at && !(tokens[nameStart] as Token).capitalized) nameStart++;
  // The role: nouns and adjectives before the name, hyphenated ones included ("long-term ruler").
  let roleStart = nameStart;
  while (roleStart > 0) {
    const t = tokens[roleStart - 1] as Token;
    const joined = t.text === "-" && roleStart > 1 && roleStart < nameStart;
    if (!joined && !["NOUN", "ADJ", "PROPN"].includes(t.pos)) break;
    roleStart--;
  }
  // "Federal Reserve chairman Mr Greenspan": "Mr" belongs to neither the role nor the answer.
  let roleEnd = nameStart;
  while (roleEnd > roleStart && HONORIFIC.test((tokens[roleEnd - 1] as Token).text)) roleEnd--;
  const parts: string[] = [];
  // A rank before the name may follow a description set off by a comma: "The army's chief of staff,
  // General Piotr Halas, accused …" → both.
  const rankOnly = roleStart < roleEnd && tokens.slice(roleStart, roleEnd).every((t) => t.capitalized);
  const described = rankOnly ? roleBefore(tokens, roleStart, at) : null;
  if (described) parts.push(view.text.slice(described.start, (tokens[roleEnd - 1] as Token).end));
  else if (roleStart < roleEnd)
    parts.push(view.text.slice((tokens[roleStart] as Token).start, (tokens[roleEnd - 1] as Token).end));
  else {
    const before = roleBefore(tokens, nameStart, at);
    if (before) parts.push(view.text.slice(before.start, before.end));
  }
  // "… of the Science and Politics Foundation", or an appositive ", the army chief,".
  const after = tokens[at + 1];
  if (after && (after.lower === "of" || after.lower === "at" || after.lower === "from")) {
    let end = at + 2;
    while (
      end < tokens.length &&
      ((tokens[end] as Token).capitalized ||
        ["the", "and", "of", "for"].includes((tokens[end] as Token).lower))
    )
      end++;
    while (end > at + 2 && !(tokens[end - 1] as Token).capitalized) end--;
    if (end > at + 2) parts.push(view.text.slice(after.start, (tokens[end - 1] as Token).end));
  } else if (after?.text === ",") {
    let end = at + 2;
    while (end < tokens.length && (tokens[end] as Token).text !== "," && end < at + 14) end++;
    const first = tokens[at + 2];
    // ", the army chief," or, ending the sentence, ", State Minister for National Development Planning."
    const closed = (tokens[end] as Token | undefined)?.text === ",";
    const last = end >= tokens.length - 2 && /^[.!?]$/.test(tokens[tokens.length - 1]?.text ?? "");
    if (last && !closed) end = tokens.length - 1;
    const titled = first?.pos === "PROPN" && first.capitalized && end - (at + 2) >= 2 && last;
    // Ending the sentence, the words must not go on into a clause (", a spokesman for the troops said.").
    const clause = !closed && tokens.slice(at + 2, end).some((t) => t.pos === "VERB" || t.pos === "AUX");
    if (
      first &&
      (closed || last) &&
      !clause &&
      end > at + 2 &&
      (["DET", "ADJ", "NOUN"].includes(first.pos) || titled)
    )
      parts.push(view.text.slice(first.start, (tokens[end - 1] as Token).end));
  }
  return parts.join(" ");
}

/** The longest appositive read before a name: "The BBC's correspondent in Jakarta, Rachel Harvey, said". */
const APPOSITIVE_WORDS = 10;

/**
 * A description set off before the name by a comma, when the name is set off after it too: "The
 * BBC's correspondent in Jakarta, Rachel Harvey, told …" → "The BBC's correspondent in Jakarta".
 */
function roleBefore(tokens: Token[], nameStart: number, at: number): { start: number; end: number } | null {
  if (tokens[nameStart - 1]?.text !== "," || tokens[at + 1]?.text !== ",") return null;
  let from = nameStart - 1;
  while (from > 0 && tokens[from - 1]?.text !== "," && nameStart - from <= APPOSITIVE_WORDS) from--;
  const first = tokens[from];
  const phrase = tokens.slice(from, nameStart - 1);
  const opens = first?.pos === "DET" && (from === 0 || tokens[from - 1]?.text === ",");
  if (first && opens && phrase.some((t) => t.pos === "NOUN") && !phrase.some((t) => t.pos === "VERB"))
    return { start: first.start, end: (tokens[nameStart - 2] as Token).end };
  // Else the noun phrase right before the comma, opened by an article: "… quoted a finance ministry
  // general secretary, Nikos Theocharakis, as saying …".
  let np = nameStart - 2;
  while (np > 0 && nameStart - np <= APPOSITIVE_WORDS && /^(NOUN|ADJ|PROPN)$/.test(tokens[np - 1]?.pos ?? ""))
    np--;
  const article = tokens[np - 1];
  if (
    np < nameStart - 1 &&
    article?.pos === "DET" &&
    tokens.slice(np, nameStart - 1).some((t) => t.pos === "NOUN")
  )
    return { start: article.start, end: (tokens[nameStart - 2] as Token).end };
  return null;
}

/** How many words may stand between "X-based" and the name it describes ("London-based drugmaker Medlis"). */
const BASED_REACH = 3;

/**
 * "Where is Corvane based?" → "Oslo", from "Oslo-based Corvane": the place glued to "-based" before
 * the asked name.
 */
export function basedIn(
  question: Question,
  views: SentenceView[],
): { text: string; view: SentenceView } | null {
  if (question.type !== "place" || !question.tokens.some((t) => t.lower === "based")) return null;
  const asked = new Set(question.names.flatMap((n) => n.toLowerCase().split(/\s+/)));
  // "Oslo-based Corvane" first; else "the Minneford-based company" in an article naming the asked
  // name before it.
  const found = (named: (view: SentenceView, after: Token[]) => boolean) => {
    for (const view of views) {
      const tokens = view.tokens;
      for (let k = 2; k < tokens.length; k++) {
        if (tokens[k]?.lower !== "based" || tokens[k - 1]?.text !== "-") continue;
        if (!named(view, tokens.slice(k + 1, k + 2 + BASED_REACH))) continue;
        let first = k - 2;
        while (first > 0 && tokens[first - 1]?.pos === "PROPN") first--;
        if (!(tokens[first] as Token).capitalized) continue;
        return { text: view.text.slice((tokens[first] as Token).start, (tokens[k - 2] as Token).end), view };
      }
    }
    return null;
  };
  const name = new Set(contentTerms(question.names.join(" ")));
  return (
    found((_, after) => after.some((t) => asked.has(t.lower))) ??
    found((view, after) => ORGANIZATION_NOUNS.test(after[0]?.lower ?? "") && namedBefore(view, name))
  );
}

/** What an article calls the firm it is about once it has named it: "the Minneford-based company". */
const ORGANIZATION_NOUNS =
  /^(company|firm|group|business|maker|manufacturer|retailer|bank|carrier|airline|chain|startup|insurer|lender|supplier)$/;

const HOW_OLD = /^how old (?:is|was|are|were)\b/i;

/**
 * "How old is Natalie Appleton?" → "31", from the age newswires set after a name between commas
 * ("Natalie Appleton, 31, walked out").
 */
export function ageOf(
  question: Question,
  views: SentenceView[],
): { text: string; view: SentenceView } | null {
  if (!HOW_OLD.test(question.text)) return null;
  const asked = new Set(question.names.flatMap((n) => n.toLowerCase().split(/\s+/)));
  if (asked.size === 0) return null;
  for (const view of views) {
    const tokens = view.tokens;
    for (let k = 0; k + 3 < tokens.length; k++) {
      if (!asked.has((tokens[k] as Token).lower) || asked.has(tokens[k + 1]?.lower ?? "")) continue;
      const age = tokens[k + 2] as Token;
      if (
        tokens[k + 1]?.text === "," &&
        /^\d{1,3}$/.test(age.text) &&
        /^[,.]$/.test(tokens[k + 3]?.text ?? "")
      )
        return { text: age.text, view };
    }
  }
  return null;
}

/**
 * "Which party does Kovac lead?" → "Civic Alliance", from "Mirela Kovac of the Civic Alliance": the
 * body an asked person is named as being of. Only for a question asking a body by its kind.
 */
export function affiliationOf(
  question: Question,
  views: SentenceView[],
): { text: string; view: SentenceView } | null {
  if (question.type !== "organization" || question.head === "") return null;
  const asked = new Set(question.names.flatMap((n) => n.toLowerCase().split(/\s+/)));
  if (asked.size === 0) return null;
  for (const view of views) {
    const tokens = view.tokens;
    for (let k = 0; k + 2 < tokens.length; k++) {
      if (!asked.has((tokens[k] as Token).lower) || tokens[k + 1]?.lower !== "of") continue;
      const first = tokens[k + 2]?.lower === "the" ? k + 3 : k + 2;
      let last = first - 1;
      while (tokens[last + 1]?.capitalized && tokens[last + 1]?.pos !== "PUNCT") last++;
      if (last < first) continue;
      const text = view.text.slice((tokens[first] as Token).start, (tokens[last] as Token).end);
      const body = view.hit.entities.some(
        (e) => e.type === "organization" && [e.name, ...e.aliases].includes(text),
      );
      if (body) return { text, view };
    }
  }
  return null;
}

/** How often something happens: "once in two years", "three times a week", "every month", "daily". */
const FREQUENCY =
  /\b(?:(?:once|twice|thrice|\w+ times)(?:\s+(?:a|an|per|in|every|each)\s+(?:\w+\s+)?\w+)?|(?:every|each)\s+(?:other\s+|\w+\s+)?(?:day|week|month|year|hour|minute|decade|season|summer|winter)s?|daily|weekly|monthly|yearly|annually|hourly)\b/i;

/** "How often did the agency inspect the plant?" → "once in two years", from the best sentences that say how often. */
export function frequencyOf(
  question: Question,
  views: SentenceView[],
): { text: string; view: SentenceView } | null {
  if (!/^how often\b/i.test(question.text)) return null;
  for (const view of views) {
    const m = FREQUENCY.exec(view.text);
    if (m) return { text: m[0], view };
  }
  return null;
}

/** Words that end the amount after "by": "by half a percentage point to 6.5%". */
const CHANGE_END = /^(to|from|on|in|at|as|after|since|and|over|,|;|\.|\()$/;
/** How many words past the asked verb its "by" may stand: "raised its main interest rate by". */
const CHANGE_REACH = 8;
const AMOUNT_WORD = /^(half|quarter|third|fifth|tenth|percent|percentage|points?|fold)$/;

/**
 * "By how much did the bank raise its rate?" → "half a percentage point": the amount after "by"
 * that follows the asked verb, from the best sentences that say one.
 */
export function changeOf(
  question: Question,
  views: SentenceView[],
): { text: string; view: SentenceView } | null {
  if (!/^by how much\b/i.test(question.text)) return null;
  const { verb } = questionVerb(question);
  if (!verb) return null;
  for (const view of views) {
    const tokens = view.tokens;
    const at = tokens.findIndex((t) => t.stem === verb && t.pos === "VERB");
    if (at < 0) continue;
    const by = tokens.findIndex((t, k) => k > at && k <= at + CHANGE_REACH && t.lower === "by");
    if (by < 0) continue;
    let end = by + 1;
    while (end < tokens.length && !CHANGE_END.test((tokens[end] as Token).lower)) end++;
    const amount = tokens.slice(by + 1, end);
    if (amount.length === 0 || !amount.some((t) => t.pos === "NUM" || AMOUNT_WORD.test(t.lower))) continue;
    return { text: view.text.slice((amount[0] as Token).start, (amount.at(-1) as Token).end), view };
  }
  return null;
}

const REASON_CUES =
  /\b(?:because of|because|due to|owing to|thanks to|as a result of|in order to|so that|since)\s+/i;

/** The clause after a reason cue in a sentence, or "". */
function reasonIn(sentence: string): string {
  const m = REASON_CUES.exec(sentence);
  if (!m) return "";
  const rest = sentence.slice((m.index ?? 0) + m[0].length);
  const clause = (rest.split(/[,;:.!?](?:\s|$)|\s[-–—]\s/)[0] ?? "")
    .replace(/\s+(?:there|here|then)$/i, "")
    .trim();
  return clause.length > 2 ? clause : "";
}

/** A sentence that goes on about the one before: "This is of strategic importance due to …". */
const REFERS_BACK = /^(?:this|that|these|those|it|they)\b/i;
/** How many sentences after the best one a reason referring back may stand. */
const REASON_FOLLOWS = 2;

/**
 * "Why is the east important?" → the phrase after "due to" / "because" in the best sentence, or in a
 * sentence right after it that refers back to it ("Haftar's troops had captured Sirte … This is of
 * strategic importance due to the oil fields"); the hit is the sentence the reason was read from.
 */
export function reasonOf(views: SentenceView[]): { text: string; view: SentenceView; hit: Passage } | null {
  const view = views[0];
  if (!view) return null;
  const own = reasonIn(view.text);
  if (own) return { text: own, view, hit: view.hit };
  const { sentences, sentenceIndex } = view.hit;
  for (let k = sentenceIndex + 1; k <= sentenceIndex + REASON_FOLLOWS && k < sentences.length; k++) {
    const text = sentences[k] as string;
    const clause = REFERS_BACK.test(text) ? reasonIn(text) : "";
    if (clause) return { text: clause, view, hit: { ...view.hit, sentenceIndex: k, text } };
  }
  return null;
}
