/**
 * "What did X do?" and "What did X say?": X's verb phrase, or what X said, read off the sentence where
 * X stands as a subject, since no single short span the phrase model scores answers them.
 */
import { contentTerms } from "../analysis/terms.js";
import type { Question } from "./question.js";
import { type SentenceView, verbAfter } from "./spans.js";
import type { Token } from "./tokens.js";

/**
 * Verbs that report speech, in every form ("argue", "argues", "argued", "arguing"): what follows them
 * is what was said.
 */
export const SAYING = new RegExp(
  `^(?:${[
    "say tell stress warn add announce state speak call claim argu urge report highlight note suggest",
    "insist predict admitt? deni? explain estimat forecast point acknowledg confirm reveal indicat believ",
    "think hop expect criticis criticiz prais accus describ writ testifi? promis vow pledg",
  ]
    .join(" ")
    .replace(/ /g, "|")})(?:e|s|es|ed|d|ing|y|ies)?$|^(?:said|told|spoke|spoken|wrote|written|thought)$`,
);
/** Reporting verbs that add nothing to what was said: "said that X" is answered "X". */
const PLAIN_SAYING = /^(said|says|say|state|states|stated|added|told|tells|tell)$/;
const DOING_QUESTION =
  /^what\s+(?:did|does|do|will|would|has|have|had)\s+(.+?)\s+(do|done|say|said|warn|announce|claim|report|stress|tell|argue|add|urge|promise|predict|suggest|insist|confirm|deny|admit|reveal)\b/i;

export interface AskedAction {
  /** Stemmed words of whom the question is about. */
  subject: string[];
  /** Those of them that are not a name's ("army chief"): a name may be shortened, these may not. */
  common: string[];
  /** Their words are asked for ("say", "warn"), not their deeds ("do"). */
  saying: boolean;
  /** The asked reporting verb's stem ("warn"), or "". */
  verb: string;
  /** Stemmed words of what the saying is asked about: "swimming pools" of "… say about swimming pools?". */
  about: string[];
}

/**
 * "What did the United Arab Emirates do?" and "What did Wolfram Lacher say?": who is asked about, and
 * whether their words or their deeds are, read from the question's shape.
 */
export function askedAction(question: Question): AskedAction | null {
  const m = DOING_QUESTION.exec(question.text);
  if (!m) return null;
  const subject = contentTerms(m[1] as string);
  const verb = (m[2] as string).toLowerCase();
  if (subject.length === 0) return null;
  const common = contentTerms((m[1] as string).replace(/\b\p{Lu}[\p{L}'’-]*/gu, " "));
  const about = contentTerms(/\babout\s+(.+)$/i.exec(question.text.slice(m[0].length))?.[1] ?? "");
  return {
    subject,
    common,
    saying: !/^do/.test(verb),
    verb: /^(say|said|do|done)$/.test(verb) ? "" : verb,
    about,
  };
}

/** Whether a text uses any of the stemmed words. */
function mentionsAny(text: string, stems: string[]): boolean {
  const terms = new Set(contentTerms(text));
  return stems.some((w) => terms.has(w));
}

const articleTerms = new WeakMap<string[], string[][]>();

/** Each sentence's stemmed terms in order, computed once per article (several views share one). */
function orderedTermsOf(sentences: string[]): string[][] {
  let terms = articleTerms.get(sentences);
  if (!terms) {
    terms = sentences.map((s) => contentTerms(s));
    articleTerms.set(sentences, terms);
  }
  return terms;
}

/**
 * Whether some sentence names the asked subject: its common words side by side ("army chief"), and
 * at least one of its words at all (a name may be given by surname alone).
 */
export function namesSubject(asked: AskedAction, sentences: string[]): boolean {
  return orderedTermsOf(sentences).some((terms) => {
    if (!asked.subject.some((w) => terms.includes(w))) return false;
    if (asked.common.length === 0) return true;
    return terms.some((_, i) => asked.common.every((w, j) => terms[i + j] === w));
  });
}

/** The last word of the subject starting at `at`, past a possessive inside it ("the miners' union"). */
function subjectEnd(asked: AskedAction, tokens: Token[], at: number): number {
  let end = at;
  for (;;) {
    if (asked.subject.includes(tokens[end + 1]?.stem ?? "")) end++;
    else if (
      /^['’]$/.test(tokens[end + 1]?.text ?? "") &&
      asked.subject.includes(tokens[end + 2]?.stem ?? "")
    )
      end += 2;
    else return end;
  }
}

/** Punctuation that ends the clause an answer is read from. */
const CLAUSE_END = /^[,;:.!?]$/;

/** The longest stretch between a subject and its verb: an aside or the organization it speaks for. */
const SUBJECT_TO_VERB = 16;

/**
 * What the subject did or said, from the first place where its words stand as a subject (not after
 * "with" or "by") before a verb, past an aside between commas or "of the Science and Politics
 * Foundation": the verb's phrase up to the end of its clause, or, for "say", what follows the
 * reporting verb.
 */
export function actionOf(
  question: Question,
  views: SentenceView[],
): { text: string; view: SentenceView } | null {
  const asked = askedAction(question);
  if (!asked) return null;
  let first: { text: string; view: SentenceView } | null = null;
  for (const view of views) {
    for (let at = 0; at < view.tokens.length; at++) {
      if (!asked.subject.includes((view.tokens[at] as Token).stem)) continue;
      const text = actionAfter(asked, view, at);
      // Asked what was said about something: the first saying that mentions it, else the first.
      if (text && (asked.about.length === 0 || mentionsAny(text, asked.about))) return { text, view };
      if (text) first ??= { text, view };
      at = subjectEnd(asked, view.tokens, at);
    }
  }
  return first;
}

/**
 * A quotation the subject is credited with after it: '"…," festival director Geoffrey Gilmore said.'
 * and '"…," said Sri Mulyani Indrawati, State Minister …'.
 */
const QUOTE_THEN_CREDIT = /["“]([^"“”]{3,}?)[,.]?["”]\s*,?\s*((?:[\p{L}\p{N}'’.-]+\s+){0,6})$/u;

/** How many words may stand between "told" and the "that" opening what was told. */
const TOLD_REACH = 10;
/** How many words may follow the reporting verb after a quotation: "told reporters after the signing". */
const CREDIT_TAIL = 8;

/** What the subject whose words run from `first` to `at` is quoted as saying before them, or "". */
function quotedBefore(view: SentenceView, first: number, at: number): string {
  const tokens = view.tokens;
  const m = QUOTE_THEN_CREDIT.exec(view.text.slice(0, (tokens[first] as Token).start));
  if (!m) return "";
  const between = (m[2] as string).trim().split(/\s+/).filter(Boolean);
  // "… Nwosu told reporters (after the signing).": the reporting verb, whom it was told to and when or
  // where end the sentence.
  let end = at + 2;
  while (end < tokens.length && end <= at + CREDIT_TAIL && !/^[,.;!?]$/.test((tokens[end] as Token).text))
    end++;
  const saysAfter =
    SAYING.test(tokens[at + 1]?.lower ?? "") &&
    /^[,.;!?]$/.test(tokens[end]?.text ?? ".") &&
    !tokens.slice(at + 2, end).some((t) => t.pos === "VERB" || t.lower === "that");
  const saysBefore = between.some((w) => SAYING.test(w.toLowerCase()));
  return saysAfter || saysBefore ? (m[1] as string).trim() : "";
}

/** The action of the subject whose words start at `first` in a sentence, or "". */
function actionAfter(asked: AskedAction, view: SentenceView, first: number): string {
  const tokens = view.tokens;
  const ends = (k: number) => {
    const t = tokens[k] as Token;
    return CLAUSE_END.test(t.text) || (/^[-–—]$/.test(t.text) && view.text[t.start - 1] === " ");
  };
  const at = subjectEnd(asked, tokens, first);
  // The subject's head word must be there: "the federal government" is not "the Federal Foreign Office",
  // and so must its other common words: "the army chief" is not "Fire chief Amara Nwosu".
  if (tokens[at]?.stem !== asked.subject[asked.subject.length - 1]) return "";
  const run = new Set(tokens.slice(first, at + 1).map((t) => t.stem));
  if (asked.common.some((w) => !run.has(w))) return "";
  const quoted = asked.saying ? quotedBefore(view, first, at) : "";
  if (quoted) return quoted;
  // "talks with the port authority broke down": the port authority is not what broke down, unless a
  // relative clause is about it ("the formation of a Presidential Council, which will be elected").
  const relative = tokens[at + 1]?.text === "," && /^(which|who)$/.test(tokens[at + 2]?.lower ?? "");
  let before = first - 1;
  while (before >= 0 && ["DET", "ADJ", "PROPN", "NOUN"].includes((tokens[before] as Token).pos)) before--;
  const preposition =
    before >= 0 && (tokens[before] as Token).pos === "ADP" ? (tokens[before] as Token).lower : "";
  // "A spokesman for the Federal Foreign Office called …" speaks for it: "for", "of" and "from" keep it.
  if (!relative && preposition && !/^(for|of|from)$/.test(preposition)) return "";
  let k = at + 1;
  // Past an aside: "The United Arab Emirates, which, like Egypt, sided with Haftar, also welcomed …".
  if (tokens[k]?.text === ",") {
    for (let j = k + 1; j < tokens.length && j <= at + SUBJECT_TO_VERB; j++) {
      if (tokens[j]?.text !== ",") continue;
      const v = verbAfter(tokens, j + 1);
      if (tokens[v]?.pos === "VERB") k = v;
    }
  }
  // The comma closing a name set off as an appositive: "The BBC's correspondent, Rachel Harvey, told …".
  // Not "General Haftar, backed by Russia": that is what others did.
  const closing = tokens[k]?.text === "," ? verbAfter(tokens, k + 1) : -1;
  if (closing > 0 && tokens[closing]?.pos === "VERB" && tokens[closing + 1]?.lower !== "by") k = closing;
  // A relative clause about the subject: "a Presidential Council, which will be elected …".
  if (tokens[k]?.text === "," && /^(which|who)$/.test(tokens[k + 1]?.lower ?? "")) k += 2;
  while (k < tokens.length && k <= at + SUBJECT_TO_VERB && tokens[k]?.pos !== "VERB" && !ends(k)) k++;
  // "offered 3 percent and warned that …": what they said may follow what they did.
  if (asked.saying && tokens[k]?.pos === "VERB" && !SAYING.test((tokens[k] as Token).lower)) {
    for (
      let j = k + 1;
      j < tokens.length && j <= k + SUBJECT_TO_VERB && !/^[.;]$/.test((tokens[j] as Token).text);
      j++
    )
      if (tokens[j - 1]?.lower === "and" && SAYING.test((tokens[j] as Token).lower)) {
        k = j;
        break;
      }
  }
  // "urged residents to … and said anyone caught filling a swimming pool would be fined": asked about
  // swimming pools, the later saying.
  if (asked.saying && asked.about.length > 0) {
    for (let j = k + 1; j < tokens.length && !/^[.;]$/.test((tokens[j] as Token).text); j++)
      if (
        tokens[j - 1]?.lower === "and" &&
        SAYING.test((tokens[j] as Token).lower) &&
        mentionsAny(view.text.slice((tokens[j] as Token).start), asked.about) &&
        !mentionsAny(view.text.slice((tokens[k] as Token).start, (tokens[j] as Token).start), asked.about)
      ) {
        k = j;
        break;
      }
  }
  const verb = tokens[k];
  if (verb?.pos !== "VERB" || (asked.saying && !SAYING.test(verb.lower))) return "";
  let from = k;
  // "said that X" and, asked "What did they warn?", "warned that X" are answered "X".
  if (asked.saying && (PLAIN_SAYING.test(verb.lower) || (asked.verb && verb.lower.startsWith(asked.verb)))) {
    // "said on Friday that X" is answered "X", and so is "told supporters in the capital, Dorvik, that
    // X": whom it was told to may carry a name set off by commas.
    const reach = verb.lower.startsWith("tol") || verb.lower.startsWith("tell") ? TOLD_REACH : 5;
    const that = tokens.findIndex((t, j) => j > k && j <= k + reach && t.lower === "that");
    const between = that > 0 ? tokens.slice(k + 1, that) : [];
    from =
      that > 0 &&
      !between.some((t) => t.pos === "VERB") &&
      (reach === TOLD_REACH || !between.some((t) => t.text === ","))
        ? that + 1
        : k + 1;
    // "told the newspaper: 'We are a Left-wing government.'" is answered with the quotation.
    const colon = tokens.findIndex((t, j) => j > k && j <= k + 5 && t.text === ":");
    if (colon > 0 && !tokens.slice(k + 1, colon).some((t) => t.pos === "VERB")) {
      const quoted = view.text.slice((tokens[colon] as Token).end).trim();
      const text = quoted.replace(/^["'‘“]\s*/, "").replace(/[.!?]?\s*["'’”]?\s*$/, "");
      if (text.length > 2) return text;
    }
  }
  // With its auxiliaries: "will be elected".
  else while (from > 0 && tokens[from - 1]?.pos === "AUX") from--;
  let to = from;
  while (to < tokens.length && !ends(to)) to++;
  if (to <= from) return "";
  return view.text.slice((tokens[from] as Token).start, (tokens[to - 1] as Token).end);
}
