/**
 * Positions stated in a sentence: who (the clause's subject) accepts, rejects, welcomes,
 * proposes or calls for what (the verb's object), found with a verb lexicon and the clause
 * structure: clauses split at "while", "but", ";"; asides between commas dropped; relative
 * clauses ("the initiative, which the UN also approved") read with their antecedent.
 */
import type { Entity, StanceMention } from "../core/model.js";

const VERBS: [RegExp, string][] = [
  [
    /^(?:accept|welcom|approv|endors|prais|hail|back|embrac|applaud|support|agree|sign|ratif|favou?r)/i,
    "supports",
  ],
  [
    /^(?:reject|oppos|condemn|dismiss|denounc|criticis|criticiz|refus|slam|veto|boycott|protest|decr|rebuff|spurn)/i,
    "opposes",
  ],
  [/^(?:propos|suggest|offer|unveil|broker|draft|announc|launch|put forward|present)/i, "proposes"],
  [/^(?:call|urg|demand|appeal|press)/i, "calls for"],
];
/** The position verbs, whole words only ("urge", not the start of "urgent"). */
const VERB =
  /\b(accept(?:ed|s)?|welcom(?:ed|es|e)|approv(?:ed|es|e)|endors(?:ed|es|e)|prais(?:ed|es|e)|hail(?:ed|s)?|back(?:ed|s)|embrac(?:ed|es|e)|applaud(?:ed|s)?|support(?:ed|s)|agreed to|signed up to|ratifi(?:ed|es)|reject(?:ed|s)?|oppos(?:ed|es|e)|condemn(?:ed|s)?|dismiss(?:ed|es)?|denounc(?:ed|es|e)|criticis(?:ed|es|e)|criticiz(?:ed|es|e)|refus(?:ed|es) to accept|slamm?(?:ed|s)?|veto(?:ed|es)?|rebuff(?:ed|s)?|spurn(?:ed|s)?|propos(?:ed|es|e)|suggest(?:ed|s)|offer(?:ed|s)|unveil(?:ed|s)|broker(?:ed|s)|put forward|call(?:ed|s)? (?:on|for)|urg(?:ed|es|e)|demand(?:ed|s)?|appeal(?:ed|s)? to|call(?:ed|s)? (?:it|this|that|the [\p{L}\s-]{1,40}?) (?:a|an) )(?:(?<=\s)|(?![\p{L}]))/giu;
const POSITIVE =
  /\b(?:great|good|important|positive|welcome|step forward|breakthrough|historic|success|constructive|hopeful|encouraging|milestone|victory)\b/i;
const NEGATIVE =
  /\b(?:mistake|failure|disaster|threat|humiliation|farce|sham|unacceptable|dangerous|betrayal|provocation|blow|setback|violation|illegal|stunt)\b/i;
const NEGATION = /\b(?:not|n't|never|no longer|refused to|declined to|failed to)\s+(?:\w+\s+)?$/i;
/**
 * What stands before the verb and belongs to it when the position is shown: "did not accept",
 * "voted to accept", "refused to accept". Without it "did not accept" would read "accept".
 */
const VERB_LEAD =
  /(?:(?:\b(?:did|does|do|has|have|had|will|would|could|can|may|might|is|was|were|are)\s+)?\b(?:not|never|no longer)\s+|\b\w+n't\s+|\b(?:voted|agreed|decided|promised|pledged|vowed|threatened|refused|declined|failed)\s+to\s+)$/i;
/** "accepted more than 900,000 euros" took money; it is not a position on anything. */
const AMOUNT = /^(?:more than |over |about |nearly |almost |some |up to )?(?:[$€£¥]|\d)/;
/** The heads of phrases that name a group or an office: "the government", "union members". */
const GROUP_HEAD =
  "inspectors|investigators|regulators|prosecutors|lawmakers|voters|doctors|scientists|economists|lenders|firms|companies|governments|ministers|government|ministry|side|parliament|army|opposition|rebels|militias|council|union|states|countries|leaders|officials|company|board|party|parties|coalition|authorities|president|minister|spokesman|spokeswoman|committee|court|regime|administration|alliance|group|groups|movement|bank|firm|unions|residents|protesters|workers|critics|analysts|experts|investors|shareholders|members|fans|players|club|league|federation|team|authority|mediator|management|employers|regulator|agency";
/** Heads that may stand without a determiner: "union members voted to accept". */
const BARE_PLURAL =
  "rebels|militias|states|countries|leaders|officials|parties|authorities|groups|residents|protesters|workers|critics|analysts|experts|investors|shareholders|members|fans|players|employers|unions|inspectors|investigators|regulators|prosecutors|lawmakers|voters|doctors|scientists|economists|lenders|firms|companies|governments|ministers";
const GROUP_NOUN = new RegExp(
  `\\b(?:(the|a|an|its|their|his|her|several|many|some|most|other|both|\\p{Lu}[\\p{L}-]*['’]s)\\s+((?:[\\p{L}-]+\\s+){0,3}(?:${GROUP_HEAD}))|((?:[\\p{L}-]+\\s+){0,2}(?:${BARE_PLURAL})))(?![\\p{L}-])`,
  "giu",
);
const PRONOUN_TARGET = /^(?:it|this|that|them|these|those)$/i;
const RELATIVE = /^(?:which|that|who)\b/i;

export interface StanceContext {
  entities: Entity[];
}

function stanceOf(verb: string, rest: string): string | undefined {
  if (/^call(?:ed|s)? (?:it|this|that|the )/i.test(verb) && !/^call(?:ed|s)? (?:on|for)\b/i.test(verb)) {
    if (NEGATIVE.test(rest)) return "opposes";
    if (POSITIVE.test(rest)) return "supports";
    return undefined;
  }
  for (const [re, stance] of VERBS) if (re.test(verb)) return stance;
  return undefined;
}

/** Named entities and their aliases, longest first, for finding them in a phrase. */
function entityNames(entities: Entity[]): { name: string; surface: string }[] {
  const out: { name: string; surface: string }[] = [];
  for (const e of entities) {
    if (e.type === "other" && e.mentions < 2) continue;
    for (const s of [e.name, ...e.aliases]) out.push({ name: e.name, surface: s });
  }
  return out.sort((a, b) => b.surface.length - a.surface.length);
}

/** The entity named last in a phrase: the head of "Egyptian President Fattah al-Sisi" is al-Sisi. */
function lastEntity(phrase: string, names: { name: string; surface: string }[]): string | undefined {
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
function actorOf(subject: string, names: { name: string; surface: string }[]): string | undefined {
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

/** Where an object phrase ends: a clause break, a comma that is not inside a number, a quotation. */
const OBJECT_END =
  /,(?!\d)|[;:()]|["“”]|\s['‘](?=\p{Lu})|\s(?:while|whereas|but|because|although|after|before|as|which|who|if|since|despite|with|against|during|in|at)\s/u;
/** "… the decision and said …", "… 3 percent and warned …": a second deed of the actor ends the object. */
const SECOND_DEED =
  /,?\s+and\s+(?:(?:then|also|later)\s+)?(?:said|says|was|were|is|are|has|have|had|would|will|could|told|added|warned|called|urged|\p{Ll}+ed)\b/u;
/** Words an object phrase cannot end on: a cut that left them was a cut mid-phrase. */
const DANGLING =
  /\s+(?:to|of|the|a|an|and|or|for|in|on|at|with|by|from|their|its|his|her|that|until|not|than)$/i;
const OBJECT_WORDS = 16;
/** How many words a quotation may add to an object phrase: "called on the parties to \"switch …\"". */
const QUOTE_WORDS = 20;

/**
 * The object phrase: up to the next clause boundary, at most sixteen words and never ending on a
 * dangling word. A quotation that continues it is kept whole; a bare noun keeps the phrase after its
 * preposition ("attempts at mediation").
 */
export function objectOf(rest: string): string {
  const deed = rest.search(SECOND_DEED);
  const text = deed >= 0 ? rest.slice(0, deed) : rest;
  const end = OBJECT_END.exec(text);
  let object = end ? text.slice(0, end.index) : text;
  if (end && object.trim()) {
    const after = text.slice(end.index + end[0].length);
    if (/^["“]$/.test(end[0])) {
      const close = after.search(/["”]/);
      const quoted = close >= 0 ? after.slice(0, close) : "";
      if (quoted && quoted.split(/\s+/).length <= QUOTE_WORDS)
        object = `${object}${end[0]}${quoted}${after[close]}`;
    } else if (/^\s(?:in|at|with|against|during)\s$/.test(end[0]) && /^\s*\p{Ll}+\s*$/u.test(object)) {
      const phrase = OBJECT_END.exec(after);
      const words = (phrase ? after.slice(0, phrase.index) : after).trim().split(/\s+/);
      if (words.length <= 4) object = `${object}${end[0]}${words.join(" ")}`;
    }
  }
  let words = object.trim().split(/\s+/);
  if (words.length > OBJECT_WORDS + (/["“]/.test(object) ? QUOTE_WORDS : 0))
    words = words.slice(0, OBJECT_WORDS);
  let phrase = words.join(" ").replace(/[.!?]+$/, "");
  while (DANGLING.test(phrase)) phrase = phrase.replace(DANGLING, "");
  return phrase;
}

/** The last definite noun phrase of a text, for resolving "it": "the proposal". */
function lastNounPhrase(text: string): string | undefined {
  const all = [
    ...text.matchAll(
      /\b(?:the|a|an|this|its|their|his|her)\s+(?:[\p{L}-]+\s+){0,2}?(?:proposal|plan|initiative|agreement|deal|ceasefire|truce|offer|bill|law|treaty|resolution|decision|move|idea|policy|measure|request|call|demand|talks|accord|package|budget|reform|bid|merger|takeover|vote|ban|strike|motion|scheme|project|election|result|verdict|ruling|sanctions)\b/giu,
    ),
  ];
  return all[all.length - 1]?.[0];
}

/** The first verb of a sentence: its subject stands before it. */
const FIRST_VERB =
  /\b(?:said|says|has|have|had|is|are|was|were|will|would|could|can|may|must|did|does|\p{Ll}+ed)\b/u;

/** Who a sentence is about: "the court" of "The court said the recount must be finished …". */
function sentenceSubject(sentence: string, names: { name: string; surface: string }[]): string | undefined {
  const at = sentence.search(FIRST_VERB);
  return at > 0 ? actorOf(sentence.slice(0, at), names) : undefined;
}

export function findStances(sentences: string[], context: StanceContext): StanceMention[] {
  const names = entityNames(context.entities);
  const people = new Set(context.entities.filter((e) => e.type === "person").map((e) => e.name));
  const out: StanceMention[] = [];
  let previousTarget: string | undefined;
  let previousSentence = "";
  sentences.forEach((sentence, index) => {
    const clauses = sentence.split(/\s*(?:;|,?\s+while\s+|,?\s+whereas\s+|,\s+but\s+|\s+but\s+)\s*/);
    for (const clause of clauses) {
      for (const m of clause.matchAll(VERB)) {
        const verb = (m[1] as string).trim();
        const before = clause.slice(0, m.index);
        const after = clause.slice(m.index + m[0].length);
        let stance = stanceOf(verb, after);
        if (!stance) continue;
        if (/[-‐]$/.test(before)) continue; // "United Nations-backed": an adjective, not a position
        // Passive ("supported by Egypt") names the actor after the verb; leave it to the active clause.
        if (/^\s*by\b/.test(after) || /\b(?:is|was|were|are|been|being|be)\s+$/.test(before)) continue;
        // "support" and "offer" are also nouns: "military support for Turkey".
        if (
          /^(?:support|offer|back|demand|call|appeal)s?$/i.test(verb) &&
          /\b(?:a|an|the|its|their|his|her|military|financial)\s+$/i.test(before)
        )
          continue;
        if (NEGATION.test(before))
          stance = stance === "supports" ? "opposes" : stance === "opposes" ? "supports" : stance;

        let actor: string | undefined;
        let target: string;
        let complement: string | undefined;
        const relative = before.match(
          /^(.*),\s*(?:which|that)\s+([^,]+?)\s+(?:also\s+|had\s+|has\s+|have\s+)?$/,
        );
        if (relative && !/[,]/.test(relative[2] as string)) {
          actor = actorOf(relative[2] as string, names);
          target =
            lastNounPhrase(relative[1] as string) ??
            lastNounPhrase(sentence.slice(0, sentence.indexOf(clause))) ??
            "";
        } else {
          actor = actorOf(before, names);
          // "It rejected the alliance's request" after "The court said …": the last sentence's subject,
          // when the pronoun fits it ("it" and "they" a body, "he" and "she" a person).
          const pronoun = before.trim().toLowerCase();
          const previousSubject =
            !actor && /^(?:it|they|he|she)$/.test(pronoun)
              ? sentenceSubject(previousSentence, names)
              : undefined;
          if (previousSubject && people.has(previousSubject) === /^(?:he|she)$/.test(pronoun))
            actor = previousSubject;
          const verbCallsIt = /^call(?:ed|s)? (it|this|that|the [\p{L}\s-]+?) (?:a|an)$/iu.exec(verb);
          target = verbCallsIt ? (verbCallsIt[1] as string) : objectOf(after);
          if (verbCallsIt) complement = `${/an\s*$/i.test(m[0]) ? "an" : "a"} ${objectOf(after)}`;
        }
        if (stance === "supports" && AMOUNT.test(target)) continue;
        if (RELATIVE.test(before.trim()) && !relative) continue;
        if (PRONOUN_TARGET.test(target.split(" ")[0] ?? "") && target.split(" ").length <= 2) {
          target = lastNounPhrase(sentence.slice(0, sentence.indexOf(clause))) ?? previousTarget ?? target;
        }
        if (!actor || !target) continue;
        if (target.startsWith("the ") || target.startsWith("a ") || target.startsWith("an "))
          previousTarget = target;
        const lead = before.match(VERB_LEAD)?.[0].toLowerCase() ?? "";
        out.push({
          actor,
          stance,
          verb: lead + verb.replace(/\s+(?:it|this|that|the [\p{L}\s-]+?) (?:a|an)$/iu, ""),
          target,
          ...(complement ? { complement } : {}),
          sentenceIndex: index,
        });
      }
    }
    previousTarget = lastNounPhrase(sentence) ?? previousTarget;
    previousSentence = sentence;
  });
  return out;
}
