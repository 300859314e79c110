/** Key people, organizations and places across a topic's articles: merged by alias and spelling, ranked by salience. */
import { nameKey, skeleton, surname } from "../analysis/names.js";
import type { Article, Entity } from "../core/model.js";
import type { EntitySummary } from "../core/reply.js";

const TYPE_WEIGHT: Record<Entity["type"], number> = {
  person: 1.5,
  organization: 1.2,
  place: 0.8,
  other: 0.3,
};

interface Merged extends Entity {
  articles: Set<string>;
  earliest: number;
}

/** A lookup from every name and alias (and its spelling key) to the merged entity's name. */
export type AliasMap = Map<string, string>;

export function mergeTopicEntities(articles: Article[]): { entities: Merged[]; aliases: AliasMap } {
  const merged = new Map<string, Merged>();
  // Each merged entity's aliases as a set, so growing an alias list of hundreds stays linear.
  const aliasSets = new Map<Merged, Set<string>>();
  const keyOf: AliasMap = new Map();
  // A topic names the same people in article after article: each spelling key is worked out once.
  const spellings = new Map<string, string>();
  const spelling = (n: string) => {
    let key = spellings.get(n);
    if (key === undefined) {
      key = `~${nameKey(n)}`;
      spellings.set(n, key);
    }
    return key;
  };
  for (const article of articles) {
    for (const e of article.analysis.entities) {
      const names = [e.name, ...e.aliases];
      const multiWord = e.type === "person" ? names.filter((n) => n.includes(" ")).map(spelling) : [];
      const key =
        names.map((n) => keyOf.get(n)).find(Boolean) ??
        multiWord.map((k) => keyOf.get(k)).find(Boolean) ??
        e.name;
      const first = e.sentences?.[0] ?? 0;
      const existing = merged.get(key);
      if (existing) {
        const known = aliasSets.get(existing) as Set<string>;
        existing.mentions += e.mentions;
        for (const alias of names)
          if (alias !== existing.name && !known.has(alias)) {
            existing.aliases.push(alias);
            known.add(alias);
          }
        if (existing.type === "other") existing.type = e.type;
        if (e.role && (!existing.role || e.role.length > existing.role.length)) existing.role = e.role;
        existing.affiliation ??= e.affiliation;
        existing.country ??= e.country;
        existing.articles.add(article.id);
        existing.earliest = Math.min(existing.earliest, first);
      } else {
        const entity: Merged = {
          ...e,
          aliases: [...e.aliases],
          articles: new Set([article.id]),
          earliest: first,
        };
        merged.set(key, entity);
        aliasSets.set(entity, new Set(e.aliases));
      }
      for (const n of names) keyOf.set(n, key);
      for (const k of multiWord) keyOf.set(k, key);
    }
  }
  // A surname alone in one article ("Vasquez") is the person named in full in another: the first person,
  // in order of appearance, whose surname has the same spelling key.
  const bySurname = new Map<string, Merged>();
  for (const p of merged.values()) {
    if (p.type !== "person" || !p.name.includes(" ")) continue;
    const k = skeleton(surname(p.name));
    if (!bySurname.has(k)) bySurname.set(k, p);
  }
  for (const [key, e] of merged) {
    if (e.name.includes(" ") || (e.type !== "person" && e.type !== "other")) continue;
    const full = bySurname.get(skeleton(e.name));
    if (!full) continue;
    const known = aliasSets.get(full) as Set<string>;
    full.mentions += e.mentions;
    const added = [e.name, ...e.aliases.filter((a) => !known.has(a))];
    full.aliases.push(...added);
    for (const a of added) known.add(a);
    for (const a of e.articles) full.articles.add(a);
    full.role ??= e.role;
    merged.delete(key);
    for (const n of [e.name, ...e.aliases]) keyOf.set(n, full.name);
  }
  return { entities: [...merged.values()], aliases: keyOf };
}

/** Salience: mentions, spread across articles, an early first mention, and people and organizations first. */
function salience(e: Merged): number {
  return (
    (e.mentions + 2 * (e.articles.size - 1) + (e.earliest < 3 ? 1 : 0) + (e.role ? 1 : 0)) *
    TYPE_WEIGHT[e.type]
  );
}

export function keyEntities(articles: Article[], limit = 12): EntitySummary[] {
  return rankEntities(mergeTopicEntities(articles).entities, limit);
}

/** The most salient of entities already merged across a topic, as a briefing lists them. */
export function rankEntities(entities: Merged[], limit = 12): EntitySummary[] {
  return entities
    .filter((e) => e.type !== "other" || e.mentions > 2)
    .sort((a, b) => salience(b) - salience(a) || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((e) => ({
      name: e.name,
      type: e.type,
      aliases: e.aliases,
      mentions: e.mentions,
      ...(e.role ? { role: e.role } : {}),
      ...(e.affiliation ? { affiliation: e.affiliation } : {}),
      ...(e.country ? { country: e.country } : {}),
    }));
}
