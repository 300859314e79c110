/** One article from its web address (`newsbrief ingest URL`): fetched safely, extracted, stored like a feed's. */
import type { IngestOutcome } from "../corpus/ingest.js";
import type { Store } from "../store/store.js";
import { FetchError, type FetchPolicy, safeFetch } from "./fetch.js";
import { extractPage } from "./page.js";
import { storeStory } from "./story.js";
import { canonicalUrl } from "./url.js";

export function isWebAddress(arg: string): boolean {
  return /^https?:\/\//i.test(arg.trim());
}

export async function ingestUrl(
  store: Store,
  url: string,
  topicId: string,
  policy: FetchPolicy,
  now = new Date(),
): Promise<IngestOutcome> {
  let fetched: Awaited<ReturnType<typeof safeFetch>>;
  try {
    fetched = await safeFetch({ url, expect: "page" }, policy);
  } catch (error) {
    if (error instanceof FetchError) return { origin: url, status: "rejected", reason: error.message };
    throw error;
  }
  if (fetched.status !== "ok") return { origin: url, status: "rejected", reason: "the server sent no page" };
  const page = extractPage(fetched.text, fetched.url);
  if (!page.text) return { origin: url, status: "rejected", reason: "no article text found on the page" };
  const address = page.canonicalUrl ?? canonicalUrl(fetched.url) ?? fetched.url;
  const outcome = await storeStory(
    store,
    {
      title: page.title ?? address,
      body: page.text,
      published: page.published,
      topicId,
      url: address,
      outlet: page.siteName ?? new URL(fetched.url).hostname,
      sourceId: null,
      language: page.language,
    },
    now,
  );
  if (outcome.status === "rejected") return { origin: url, status: "rejected", reason: outcome.reason };
  return {
    origin: url,
    status: outcome.status === "added" ? "added" : "duplicate",
    articleId: outcome.articleId,
    title: outcome.title,
    topicId,
    reason: outcome.reason,
  };
}
