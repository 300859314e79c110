/**
 * When the analysis improves (ANALYSIS_VERSION goes up), articles stored by an older version are
 * analysed again, once: the store remembers the version it is at, so a normal restart does nothing.
 */
import { ANALYSIS_VERSION, analyzeArticle } from "../analysis/analyze.js";
import type { Store } from "../store/store.js";

const META_KEY = "analysis_version";

export async function reanalyseIfOutdated(store: Store): Promise<number> {
  const stored = Number((await store.getMeta(META_KEY)) ?? 0);
  if (stored >= ANALYSIS_VERSION) return 0;
  let updated = 0;
  for (const article of await store.listArticles()) {
    if ((article.analysis.version ?? 0) >= ANALYSIS_VERSION) continue;
    await store.replaceAnalysis(article.id, analyzeArticle(article.body, new Date(article.published)));
    updated++;
  }
  await store.setMeta(META_KEY, String(ANALYSIS_VERSION));
  return updated;
}
