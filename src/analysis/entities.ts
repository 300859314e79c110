/**
 * Named entities from capitalized word chunks, typed by cues in the text (titles and roles
 * before a name, organization words inside it). Each name is counted and its short forms
 * ("Haftar" for "Chalifa Haftar") are clustered under the full name.
 */
import type { Entity, EntityType } from "../core/model.js";

const PERSON_TITLES =
  /\b(?:President|Prime Minister|Minister|General|Gen\.|Commander|commander|Chancellor|King|Queen|Prince|Senator|Sen\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Judge|Secretary|Spokesman|spokesman|spokeswoman|expert|ruler|leader|Chief|Ambassador|Governor|Mayor|Pope|Archbishop|Bishop|Lord|Sir|Professor|Prof\.|Colonel|Col\.|Captain|Marshal|Field Marshal)\s+$/;
const ORG_WORDS =
  /\b(?:Foundation|Institute|University|Ministry|Office|Council|Parliament|Party|Army|Forces|Force|Agency|Bank|Company|Corporation|Corp|Inc|Ltd|Group|Union|Organization|Organisation|Association|Committee|Commission|Court|Department|Network|News|Times|Post|Airlines|Association|Federation|League|Club|Church|State|Nations)\b/;
const CONNECTORS = new Set([
  "al",
  "el",
  "bin",
  "ibn",
  "de",
  "da",
  "van",
  "von",
  "der",
  "of",
  "the",
  "and",
  "la",
  "le",
  "du",
]);
const NOT_NAMES = new Set(
  (
    "The A An He She It They We I You His Her Its Their This That These Those There Here But And Or So Yet In On At For " +
    "After Before When While If Although Though However Meanwhile Still Now Then Also As By From With Without During " +
    "Since Until Some Many Most Several One Two Three No Not Last Next Despite Finally Well Before Reconquering " +
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August " +
    "September October November December"
  ).split(" "),
);

interface Mention {
  name: string;
  type: EntityType;
  role?: string;
}

/** Capitalized chunks that are not sentence openers or calendar words. */
export function nameChunks(sentence: string): { text: string; start: number }[] {
  const chunks: { text: string; start: number }[] = [];
  const re =
    /[\p{Lu}][\p{L}\p{M}'’.-]*(?:\s+(?:(?:al|el|bin|ibn|de|da|van|von|der|of|the|and|la|le|du)[\s-]+)?[\p{Lu}][\p{L}\p{M}'’.-]*)*/gu;
  for (const m of sentence.matchAll(re)) {
    let text = m[0].replace(/['’]s$/, "").replace(/[.,]$/, "");
    let start = m.index ?? 0;
    let parts = text.split(/\s+/);
    while (parts.length > 0 && NOT_NAMES.has(parts[0] as string)) {
      start += (parts[0] as string).length + 1;
      parts = parts.slice(1);
    }
    while (parts.length > 0 && CONNECTORS.has((parts[parts.length - 1] as string).toLowerCase())) parts.pop();
    text = parts.join(" ");
    if (text.length < 2 || NOT_NAMES.has(text)) continue;
    chunks.push({ text, start });
  }
  return chunks;
}

function classify(name: string, before: string): Mention {
  const title = before.match(PERSON_TITLES);
  if (title) return { name, type: "person", role: title[0].trim() };
  if (ORG_WORDS.test(name)) return { name, type: "organization" };
  return { name, type: "other" };
}

export function extractEntities(sentences: string[]): Entity[] {
  const byName = new Map<string, Entity>();
  for (const sentence of sentences) {
    for (const chunk of nameChunks(sentence)) {
      const mention = classify(chunk.text, sentence.slice(Math.max(0, chunk.start - 40), chunk.start));
      const existing = byName.get(mention.name);
      if (existing) {
        existing.mentions++;
        if (existing.type === "other" && mention.type !== "other") existing.type = mention.type;
        if (!existing.role && mention.role) existing.role = mention.role;
      } else {
        byName.set(mention.name, {
          name: mention.name,
          type: mention.type,
          aliases: [],
          mentions: 1,
          role: mention.role,
        });
      }
    }
  }
  return clusterAliases([...byName.values()]);
}

/** Fold a one-word name into the longer name that ends with it: "Haftar" into "Chalifa Haftar". */
function clusterAliases(entities: Entity[]): Entity[] {
  const multi = entities.filter((e) => e.name.includes(" "));
  const kept: Entity[] = [];
  for (const e of entities) {
    if (!e.name.includes(" ")) {
      const owner = multi.find(
        (m) => m.name.split(/[\s-]+/).slice(-1)[0] === e.name && m.type !== "organization",
      );
      if (owner) {
        owner.mentions += e.mentions;
        owner.aliases.push(e.name);
        if (owner.type === "other" && e.type === "person") owner.type = "person";
        continue;
      }
    }
    kept.push(e);
  }
  return kept.sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
}
