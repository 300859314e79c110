/**
 * Positions stated in a sentence: who (the clause's subject) accepts, rejects, welcomes,
 * proposes or calls for what (the verb's object), found with a verb lexicon and the clause
 * structure: clauses split at "while", "but", ";"; asides between commas dropped; relative
 * clauses ("the initiative, which the UN also approved") read with their antecedent.
 */
import type { Entity, StanceMention } from "../core/model.js";
import { actorOf, entityNames, sentenceSubject } from "./stance-actors.js";

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
function objectOf(rest: string): string {
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
