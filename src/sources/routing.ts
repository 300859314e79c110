/**
 * Topic routing for feeds shared by several topics (or added with --route): each item is scored
 * against every candidate topic's profile (its keywords and title, and the people, organizations and
 * places its articles mention most) and goes to the best topic, or nowhere when no topic reaches the
 * threshold. A feature counts once: 2 points when the headline has it, 1 when only the text does.
 */
import { contentTerms, words } from "../analysis/terms.js";
import type { Store } from "../store/store.js";

/** The least score that routes an item: one feature in the headline, or two in the text. */
export const ROUTE_THRESHOLD = 2;
/** Entities of a topic's articles used in its profile, most mentioned first. */
const PROFILE_ENTITIES = 25;
/** Only the start of the text is read: a story's subject is stated early. */
const TEXT_WINDOW = 4000;

interface Feature {
  /** Stemmed terms that must all appear. */
  terms: string[];
  label: string;
}

export interface TopicProfile {
  topicId: string;
  features: Feature[];
}

function feature(label: string): Feature | undefined {
  const terms = [...new Set(contentTerms(label))];
  return terms.length > 0 ? { terms, label } : undefined;
}

export async function buildProfile(store: Store, topicId: string): Promise<TopicProfile> {
  const topic = await store.getTopic(topicId);
  const labels = new Set<string>();
  if (topic) {
    for (const k of topic.keywords) labels.add(k);
    // A generated title such as "libya-ceasefire" still names the subject.
    for (const w of words(topic.title.replace(/-/g, " "))) if (w.length > 3) labels.add(w);
  }
  const mentions = new Map<string, number>();
  for (const article of await store.listArticles({ topicId })) {
    for (const e of article.analysis.entities) {
      if (e.type === "other") continue;
      mentions.set(e.name, (mentions.get(e.name) ?? 0) + e.mentions);
    }
  }
  const top = [...mentions].sort((a, b) => b[1] - a[1]).slice(0, PROFILE_ENTITIES);
  for (const [name] of top) labels.add(name);
  const seen = new Set<string>();
  const features: Feature[] = [];
  for (const label of labels) {
    const f = feature(label);
    if (!f) continue;
    const key = f.terms.join(" ");
    if (seen.has(key)) continue;
    seen.add(key);
    features.push(f);
  }
  return { topicId, features };
}

export function scoreItem(profile: TopicProfile, title: string, text: string): number {
  const inTitle = new Set(contentTerms(title));
  const inText = new Set(contentTerms(text.slice(0, TEXT_WINDOW)));
  let score = 0;
  for (const f of profile.features) {
    if (f.terms.every((t) => inTitle.has(t))) score += 2;
    else if (f.terms.every((t) => inTitle.has(t) || inText.has(t))) score += 1;
  }
  return score;
}

/** The best topic for an item, or undefined when none reaches the threshold. Ties go to the first profile. */
export function routeItem(
  profiles: TopicProfile[],
  title: string,
  text: string,
): { topicId: string; score: number } | undefined {
  let best: { topicId: string; score: number } | undefined;
  for (const p of profiles) {
    const score = scoreItem(p, title, text);
    if (score >= ROUTE_THRESHOLD && (!best || score > best.score)) best = { topicId: p.topicId, score };
  }
  return best;
}
