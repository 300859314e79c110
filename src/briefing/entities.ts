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
  const keyOf: AliasMap = new Map();
  const spelling = (n: string) => `~${nameKey(n)}`;
  for (const article of articles) {
    for (const e of article.analysis.entities) {
      const names = [e.name, ...e.aliases];
      const multiWord = names.filter((n) => n.includes(" ") && e.type === "person");
      const key =
        names.map((n) => keyOf.get(n)).find(Boolean) ??
        multiWord.map((n) => keyOf.get(spelling(n))).find(Boolean) ??
        e.name;
      const first = e.sentences?.[0] ?? 0;
      const existing = merged.get(key);
      if (existing) {
        existing.mentions += e.mentions;
        for (const alias of names)
          if (alias !== existing.name && !existing.aliases.includes(alias)) existing.aliases.push(alias);
        if (existing.type === "other") existing.type = e.type;
        if (e.role && (!existing.role || e.role.length > existing.role.length)) existing.role = e.role;
        existing.affiliation ??= e.affiliation;
        existing.country ??= e.country;
        existing.articles.add(article.id);
        existing.earliest = Math.min(existing.earliest, first);
      } else {
        merged.set(key, { ...e, aliases: [...e.aliases], articles: new Set([article.id]), earliest: first });
      }
      for (const n of names) keyOf.set(n, key);
      for (const n of multiWord) keyOf.set(spelling(n), key);
    }
  }
  // A surname alone in one article ("Vasquez") is the person named in full in another.
  const people = [...merged.values()].filter((e) => e.type === "person" && e.name.includes(" "));
  for (const [key, e] of merged) {
    if (e.name.includes(" ") || (e.type !== "person" && e.type !== "other")) continue;
    const full = people.find((p) => p !== e && skeleton(surname(p.name)) === skeleton(e.name));
    if (!full) continue;
    full.mentions += e.mentions;
    full.aliases.push(e.name, ...e.aliases.filter((a) => !full.aliases.includes(a)));
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
  const { entities } = mergeTopicEntities(articles);
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
