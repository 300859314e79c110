/** Who stands where across a topic: the stances stated in its articles, actors merged by alias, grouped by target. */
import type { Article } from "../core/model.js";
import type { Position } from "../core/reply.js";
import type { AliasMap } from "./entities.js";

/** The head word of a target phrase, for grouping "the proposal" with "Egypt's proposal". */
function targetHead(target: string): string {
  const words = target
    .toLowerCase()
    .replace(/\b(?:to|for|of|on|at|in|with)\b.*$/, "")
    .trim()
    .split(/\s+/);
  return words[words.length - 1] ?? target;
}

export function topicPositions(articles: Article[], aliases: AliasMap, limit = 12): Position[] {
  const seen = new Set<string>();
  const positions: (Position & { published: string; order: number })[] = [];
  for (const article of articles) {
    for (const s of article.analysis.stances ?? []) {
      const sentence = article.analysis.sentences[s.sentenceIndex];
      if (!sentence) continue;
      const actor = aliases.get(s.actor) ?? s.actor;
      const key = `${actor}|${s.stance}|${targetHead(s.target)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      positions.push({
        actor,
        stance: s.stance,
        target: s.target,
        verb: s.verb,
        ...(s.complement ? { complement: s.complement } : {}),
        evidence: { articleId: article.id, sentence: sentence.text },
        published: article.published,
        order: s.sentenceIndex,
      });
    }
  }
  const groupSize = new Map<string, number>();
  for (const p of positions)
    groupSize.set(targetHead(p.target), (groupSize.get(targetHead(p.target)) ?? 0) + 1);
  return positions
    .sort(
      (a, b) =>
        (groupSize.get(targetHead(b.target)) ?? 0) - (groupSize.get(targetHead(a.target)) ?? 0) ||
        targetHead(a.target).localeCompare(targetHead(b.target)) ||
        b.published.localeCompare(a.published) ||
        a.order - b.order,
    )
    .slice(0, limit)
    .map(({ published: _p, order: _o, ...p }) => p);
}
