/** The built-in corpus: `briefings/<topic>/topic.yaml` and `briefings/<topic>/articles/*.md`. */
import fs from "node:fs";
import path from "node:path";
import type { Store } from "../store/store.js";
import { listArticleFiles, readArticleFile, readTopicFile } from "./files.js";
import { type IngestOutcome, ingestArticle } from "./ingest.js";

export async function loadBriefings(store: Store, dir: string): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = [];
  if (!fs.existsSync(dir)) return outcomes;
  for (const entry of fs.readdirSync(dir).sort()) {
    const topicFile = path.join(dir, entry, "topic.yaml");
    if (!fs.existsSync(topicFile)) continue;
    const topic = readTopicFile(topicFile);
    if (!topic.ok) {
      outcomes.push({ origin: topicFile, status: "rejected", reason: topic.error });
      continue;
    }
    await store.upsertTopic(topic.topic);
    const { files } = listArticleFiles([path.join(dir, entry, "articles")]);
    for (const file of files) {
      const read = readArticleFile(file);
      if (read.kind === "rejected") {
        outcomes.push({ origin: file, status: "rejected", reason: read.reason });
        continue;
      }
      outcomes.push(
        await ingestArticle(store, { ...read.article, topicId: read.article.topicId ?? topic.topic.id }),
      );
    }
  }
  return outcomes;
}

/** Seed an empty store once, on first use. */
export async function seedIfEmpty(store: Store, dir: string): Promise<IngestOutcome[] | undefined> {
  if ((await store.getMeta("seeded")) !== undefined) return undefined;
  if ((await store.countArticles()) > 0) {
    await store.setMeta("seeded", "existing");
    return undefined;
  }
  const outcomes = await loadBriefings(store, dir);
  await store.setMeta("seeded", new Date().toISOString());
  return outcomes;
}
