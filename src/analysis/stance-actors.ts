/**
 * Who takes a position: the subject of the clause before a position verb, read as a named entity
 * ("Egyptian President Fattah al-Sisi" → al-Sisi) or a group phrase as the sentence wrote it ("the
 * government", "union members", "Tarvik's opposition", "several states in Egypt").
 */
import type { Entity } from "../core/model.js";

/** Entity names and the surfaces they are written with, longest first. */
export type Names = { name: string; surface: string }[];

/** Heads that may stand without a determiner: "union members voted to accept". */
const BARE_PLURAL =
  "rebels|militias|states|countries|leaders|officials|parties|authorities|groups|residents|protesters|workers|critics|analysts|experts|investors|shareholders|members|fans|players|employers|unions|inspectors|investigators|regulators|prosecutors|lawmakers|voters|doctors|scientists|economists|lenders|firms|companies|governments|ministers";
/** The heads of phrases that name a group or an office: "the government", "union members". */
const GROUP_HEAD = `${BARE_PLURAL}|government|ministry|side|parliament|army|opposition|council|union|company|board|party|coalition|president|minister|spokesman|spokeswoman|committee|court|regime|administration|alliance|group|movement|bank|firm|club|league|federation|team|authority|mediator|management|regulator|agency`;
const GROUP_NOUN = new RegExp(
  `\\b(?:(the|a|an|its|their|his|her|several|many|some|most|other|both|\\p{Lu}[\\p{L}-]*['’]s)\\s+((?:[\\p{L}-]+\\s+){0,3}(?:${GROUP_HEAD}))|((?:[\\p{L}-]+\\s+){0,2}(?:${BARE_PLURAL})))(?![\\p{L}-])`,
  "giu",
);

/** Named entities and their aliases, longest first, for finding them in a phrase. */
export function entityNames(entities: Entity[]): Names {
  const out: Names = [];
  for (const e of entities) {
    if (e.type === "other" && e.mentions < 2) continue;
    for (const s of [e.name, ...e.aliases]) out.push({ name: e.name, surface: s });
  }
  return out.sort((a, b) => b.surface.length - a.surface.length);
}

/** The entity named last in a phrase: the head of "Egyptian President Fattah al-Sisi" is al-Sisi. */
function lastEntity(phrase: string, names: Names): string | undefined {
  let best: { end: number; name: string } | undefined;
  for (const n of names) {
    let at = phrase.lastIndexOf(n.surface);
    while (at >= 0) {
      const end = at + n.surface.length;
      const boundary = !/\p{L}/u.test(phrase[at - 1] ?? " ") && !/\p{L}/u.test(phrase[end] ?? " ");
      if (boundary) {
        if (best === undefined || end > best.end) best = { end, name: n.name };
        break;
      }
      at = at > 0 ? phrase.lastIndexOf(n.surface, at - 1) : -1;
    }
  }
  return best?.name;
}

const ASIDE =
  /^\s*(?:which|who|whom|like|unlike|supported|backed|including|according|as|along|together|alongside|led|allied)\b/i;

/** Words that may stand before a bare plural without being part of its phrase: "when members voted". */
const NOT_MODIFIER =
  /^(?:when|after|before|while|as|and|or|but|that|which|who|since|until|if|because|then|also|said|say|says|saw|see|sees|told|made|gave|took|many|most)$/i;

/**
 * The phrase a group noun match names, as the sentence wrote it: "the government", "several states",
 * "union members", "Tarvik's opposition", "the United States" (a name keeps its capitals; a plain noun
 * phrase is lower-cased).
 */
function groupPhrase(match: RegExpMatchArray): string {
  const [, determiner, head, bare] = match;
  // A lone word is capitalized only because it opens the sentence ("Workers accepted").
  const keepCase = (phrase: string) =>
    /\p{Lu}/u.test(phrase) && /\s/.test(phrase.trim()) ? phrase : phrase.toLowerCase();
  if (bare !== undefined) {
    const words = bare.trim().split(/\s+/);
    // Past any word that cannot modify the head: "when", "reportedly", "saw" of "saw Leeds fans".
    const cut = words.findLastIndex(
      (w, i) => i < words.length - 1 && (NOT_MODIFIER.test(w) || /^\p{Ll}+(?:ly|ed)$/u.test(w)),
    );
    return keepCase(words.slice(cut + 1).join(" "));
  }
  const definite =
    /^(?:the|a|an|its|their|his|her)$/i.test(determiner as string) ||
    /^\p{Ll}.*['’]s$/u.test(determiner as string);
  // The pattern is case-blind, so "its" is told from "Tarvik's" here.
  const owner = /^\p{Lu}.*['’]s$/u.test(determiner as string);
  return `${definite ? "the" : owner ? determiner : (determiner as string).toLowerCase()} ${keepCase(head as string)}`;
}

/**
 * The group nearest the verb is its subject ("… said members would stay out until the port authority"),
 * or the first of groups joined by "and" ("The United States and European countries … supported").
 */
function subjectGroup(segment: string): RegExpMatchArray | undefined {
  const groups = [...segment.matchAll(GROUP_NOUN)];
  let k = groups.length - 1;
  while (k > 0) {
    const previous = groups[k - 1] as RegExpMatchArray;
    const current = groups[k] as RegExpMatchArray;
    const between = segment.slice((previous.index ?? 0) + previous[0].length, current.index);
    // A bare plural may take the "and" in as its first word: "The United States| and European countries".
    const joined = /^\s*(?:and\s+)?$/i.test(between) && /^\s+and\s/i.test(between + current[0]);
    if (!joined) break;
    k--;
  }
  return groups[k];
}

/** The subject of a clause: the comma segment before the verb that is not an aside. */
export function actorOf(subject: string, names: Names): string | undefined {
  let segments = subject.split(/,(?!\d)/);
  const relative = segments.findIndex((s, i) => i > 0 && /^\s*(?:which|who)\b/i.test(s));
  if (relative > 0) segments = segments.slice(0, relative);
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = (segments[i] as string).trim();
    if (!segment || (i > 0 && ASIDE.test(segment))) continue;
    if (/^(?:he|she|they|it|we|i|you|this|that|there)\b/i.test(segment)) return undefined;
    const named = lastEntity(segment, names);
    const group = subjectGroup(segment);
    if (group) {
      const groupEnd = (group.index ?? 0) + group[0].length;
      const lastWord = named?.split(" ").pop() ?? "";
      const namedAt = named ? segment.lastIndexOf(lastWord) : -1;
      // A name in the group's own phrase is part of it: "several states in Egypt".
      const within =
        named &&
        namedAt > groupEnd &&
        /^\s+(?:in|of|from)\s+(?:the\s+)?$/i.test(segment.slice(groupEnd, namedAt));
      if (within) return `${groupPhrase(group)}${segment.slice(groupEnd, namedAt)}${named}`;
      // Else whichever is named last is the subject ("… said members would stay out until the port authority"),
      // and a name inside the group phrase belongs to it ("Norland's opposition") unless it is the whole
      // phrase ("the Valdoria Port Authority").
      if (!named || namedAt + lastWord.length < groupEnd) return groupPhrase(group);
    }
    if (named) return named;
  }
  return undefined;
}

/** The first verb of a sentence: its subject stands before it. */
const FIRST_VERB =
  /\b(?:said|says|has|have|had|is|are|was|were|will|would|could|can|may|must|did|does|\p{Ll}+ed)\b/u;

/** Who a sentence is about: "the court" of "The court said the recount must be finished …". */
export function sentenceSubject(sentence: string, names: Names): string | undefined {
  const at = sentence.search(FIRST_VERB);
  return at > 0 ? actorOf(sentence.slice(0, at), names) : undefined;
}
