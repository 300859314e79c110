/**
 * Storing one story from the web: the article through the corpus's ingest (content-hash id, analysis),
 * unless its text is a near-duplicate of a stored story, in which case the outlet is recorded as one
 * more source of that story. Either way the outlet's URL is kept with the story.
 */
import { cleanArticleText } from "../corpus/clean.js";
import { contentHash, ingestArticle } from "../corpus/ingest.js";
import type { Store } from "../store/store.js";
import { hammingDistance, NEAR_DUPLICATE_BITS, simhash } from "./simhash.js";

export interface StoryInput {
  title: string;
  body: string;
  published: string | null;
  topicId: string;
  url: string | null;
  /** The outlet's name ("Reuters"), shown with the article. */
  outlet: string | null;
  sourceId: string | null;
  language?: string | null;
}

export interface StoryOutcome {
  status: "added" | "duplicate" | "near-duplicate" | "rejected";
  /** The stored article: the new one, or the one it duplicates. */
  articleId?: string;
  title?: string;
  reason?: string;
}

export async function storeStory(store: Store, input: StoryInput, now: Date): Promise<StoryOutcome> {
  // The same text is the same article (its id is the hash of the text): reported as a duplicate.
  const same = await store.getArticle(contentHash(cleanArticleText(input.body)));
  if (same) {
    await recordOutlet(store, same.id, input, now);
    return {
      status: "duplicate",
      articleId: same.id,
      title: same.title,
      reason: `the same text as "${same.title}"`,
    };
  }
  const fingerprint = simhash(input.body);
  if (fingerprint !== undefined) {
    for (const candidate of await store.sources.fingerprintCandidates(fingerprint)) {
      if (hammingDistance(candidate.simhash, fingerprint) > NEAR_DUPLICATE_BITS) continue;
      // The same story must stay in one topic: a near-copy routed elsewhere is a different use of it.
      const existing = await store.getArticle(candidate.articleId);
      if (!existing || existing.topicId !== input.topicId) continue;
      await recordOutlet(store, candidate.articleId, input, now);
      return {
        status: "near-duplicate",
        articleId: candidate.articleId,
        title: existing.title,
        reason: `the same story as "${existing.title}"`,
      };
    }
  }
  const outcome = await ingestArticle(
    store,
    {
      title: input.title,
      body: input.body,
      published: input.published ?? undefined,
      source: input.outlet ?? undefined,
      url: input.url ?? undefined,
      topicId: input.topicId,
      language: input.language ?? undefined,
      origin: input.url ?? input.title,
    },
    now,
  );
  if (outcome.status === "rejected" || !outcome.articleId)
    return { status: "rejected", reason: outcome.reason ?? "not stored" };
  if (outcome.status === "added" && fingerprint !== undefined)
    await store.sources.addFingerprint(outcome.articleId, fingerprint, now);
  await recordOutlet(store, outcome.articleId, input, now);
  return { status: outcome.status, articleId: outcome.articleId, title: outcome.title };
}

async function recordOutlet(store: Store, articleId: string, input: StoryInput, now: Date): Promise<void> {
  if (!input.url) return;
  await store.sources.addStorySource({
    articleId,
    url: input.url,
    outlet: input.outlet,
    title: input.title,
    sourceId: input.sourceId,
    seenAt: now.toISOString(),
  });
}
