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
const VERB =
  /\b(accept(?:ed|s)?|welcom(?:ed|es|e)|approv(?:ed|es|e)|endors(?:ed|es|e)|prais(?:ed|es|e)|hail(?:ed|s)?|back(?:ed|s)|embrac(?:ed|es|e)|applaud(?:ed|s)?|support(?:ed|s)|agreed to|signed up to|ratifi(?:ed|es)|reject(?:ed|s)?|oppos(?:ed|es|e)|condemn(?:ed|s)?|dismiss(?:ed|es)?|denounc(?:ed|es|e)|criticis(?:ed|es|e)|criticiz(?:ed|es|e)|refus(?:ed|es) to accept|slamm?(?:ed|s)?|veto(?:ed|es)?|rebuff(?:ed|s)?|spurn(?:ed|s)?|propos(?:ed|es|e)|suggest(?:ed|s)|offer(?:ed|s)|unveil(?:ed|s)|broker(?:ed|s)|put forward|call(?:ed|s)? (?:on|for)|urg(?:ed|es|e)|demand(?:ed|s)?|appeal(?:ed|s)? to|call(?:ed|s)? (?:it|this|that|the [\p{L}\s-]{1,40}?) (?:a|an) )/giu;
const POSITIVE =
  /\b(?:great|good|important|positive|welcome|step forward|breakthrough|historic|success|constructive|hopeful|encouraging|milestone|victory)\b/i;
const NEGATIVE =
  /\b(?:mistake|failure|disaster|threat|humiliation|farce|sham|unacceptable|dangerous|betrayal|provocation|blow|setback|violation|illegal|stunt)\b/i;
const NEGATION = /\b(?:not|n't|never|no longer|refused to|declined to|failed to)\s+(?:\w+\s+)?$/i;
const GROUP_NOUN =
  /\b(?:the|a|an|its|their|his|her)\s+((?:[\p{L}-]+\s+){0,3}(?:government|ministry|side|parliament|army|opposition|rebels|militias|council|union|states|countries|leaders|officials|company|board|party|parties|coalition|authorities|president|minister|spokesman|spokeswoman|committee|court|regime|administration|alliance|group|groups|movement|bank|firm|unions|residents|protesters|workers|critics|analysts|experts|investors|shareholders|members|fans|players|club|league|federation|team|authority|mediator|union|management|employers|regulator|agency))(?![\p{L}-])/iu;
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

/** The subject of a clause: the comma segment before the verb that is not an aside. */
function actorOf(subject: string, names: { name: string; surface: string }[]): string | undefined {
  let segments = subject.split(",");
  const relative = segments.findIndex((s, i) => i > 0 && /^\s*(?:which|who)\b/i.test(s));
  if (relative > 0) segments = segments.slice(0, relative);
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = (segments[i] as string).trim();
    if (!segment || (i > 0 && ASIDE.test(segment))) continue;
    if (/^(?:he|she|they|it|we|i|you|this|that|there)\b/i.test(segment)) return undefined;
    const named = lastEntity(segment, names);
    const group = segment.match(GROUP_NOUN);
    // Whichever is named last is the subject: "… said members would stay out until the port authority".
    if (group && (!named || (group.index ?? 0) > segment.lastIndexOf(named.split(" ").pop() as string)))
      return `the ${(group[1] as string).toLowerCase()}`;
    if (named) return named;
  }
  return undefined;
}

/** The object phrase: up to the next clause boundary, at most ten words. */
function objectOf(rest: string): string {
  const cut =
    rest.split(
      /[,;:()"“”]|\s(?:while|whereas|but|because|although|after|before|as|which|who|if|since|despite|with|against|during|in|at)\s/,
    )[0] ?? "";
  return cut
    .trim()
    .split(/\s+/)
    .slice(0, 10)
    .join(" ")
    .replace(/[.!?]+$/, "");
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
  const out: StanceMention[] = [];
  let previousTarget: string | undefined;
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
          const verbCallsIt = /^call(?:ed|s)? (it|this|that|the [\p{L}\s-]+?) (?:a|an)$/iu.exec(verb);
          target = verbCallsIt ? (verbCallsIt[1] as string) : objectOf(after);
        }
        if (RELATIVE.test(before.trim()) && !relative) continue;
        if (PRONOUN_TARGET.test(target.split(" ")[0] ?? "") && target.split(" ").length <= 2) {
          target = lastNounPhrase(sentence.slice(0, sentence.indexOf(clause))) ?? previousTarget ?? target;
        }
        if (!actor || !target) continue;
        if (target.startsWith("the ") || target.startsWith("a ") || target.startsWith("an "))
          previousTarget = target;
        out.push({
          actor,
          stance,
          verb: verb.replace(/\s+(?:it|this|that|the [\p{L}\s-]+?) (?:a|an)$/iu, ""),
          target,
          sentenceIndex: index,
        });
      }
    }
    previousTarget = lastNounPhrase(sentence) ?? previousTarget;
  });
  return out;
}
