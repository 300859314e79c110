/**
 * Part-of-speech tagged tokens of a sentence with their character offsets, for answer extraction.
 * wink-nlp's small English model (shipped with the package, nothing downloaded) tags parts of speech
 * and finds dates, durations, numbers, money and percentages; it is loaded on the first question.
 */

import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import { STOP_WORDS, stem } from "../analysis/terms.js";

export interface Token {
  text: string;
  /** Lower-cased text. */
  lower: string;
  stem: string;
  start: number;
  end: number;
  /** Universal part-of-speech tag (NOUN, PROPN, VERB, NUM, PUNCT…). */
  pos: string;
  /** wink's entity type when the token is part of one (DATE, DURATION, CARDINAL, MONEY…), else "". */
  entity: string;
  /** Index of the first token of that entity, or -1. */
  entityStart: number;
  /** Index of the last token of that entity, or -1. */
  entityEnd: number;
  stop: boolean;
  capitalized: boolean;
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

function engine(): Nlp {
  nlp ??= winkNLP(model, ["sbd", "pos", "ner", "negation"]);
  return nlp;
}

const cache = new Map<string, Token[]>();
const CACHE_LIMIT = 1000;

/** Tag one sentence; the last few thousand are cached because follow-up questions revisit them. */
export function tokenize(sentence: string): Token[] {
  const cached = cache.get(sentence);
  if (cached) return cached;
  const tokens = tag(sentence);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(sentence, tokens);
  return tokens;
}

function tag(sentence: string): Token[] {
  const n = engine();
  const its = n.its;
  const doc = n.readDoc(sentence);
  const values = doc.tokens().out(its.value) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const tokens: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const text = values[i] as string;
    let start = sentence.indexOf(text, cursor);
    // wink may normalize a token (quotes, contractions); keep offsets monotone even then.
    if (start < 0) start = cursor;
    const end = Math.min(sentence.length, start + text.length);
    cursor = end;
    const lower = text.toLowerCase();
    tokens.push({
      text,
      lower,
      stem: stem(lower),
      start,
      end,
      pos: pos[i] ?? "X",
      entity: "",
      entityStart: -1,
      entityEnd: -1,
      stop: STOP_WORDS.has(lower),
      capitalized: /^\p{Lu}/u.test(text),
    });
  }
  const spans = doc.entities().out(its.span) as unknown as number[][];
  const types = doc.entities().out(its.type) as string[];
  spans.forEach((span, k) => {
    const [first, last] = span as [number, number];
    for (let i = first; i <= last; i++) {
      const t = tokens[i];
      if (!t) continue;
      t.entity = types[k] ?? "";
      t.entityStart = first;
      t.entityEnd = last;
    }
  });
  return tokens;
}
