/** SQuAD paragraphs as articles, and the in-process engines the CLI results are compared with. */
import { contentTerms } from "../../src/analysis/terms.js";
import type { Article } from "../../src/core/model.js";
import { buildArticle } from "../../src/corpus/ingest.js";
import type { SentenceIndex } from "../../src/qa/bm25.js";
import type { ArticleFile } from "./cli.js";
import type { SquadParagraph } from "./squad.js";

const NOW = new Date("2024-01-01T00:00:00Z");

/** The topic of the k-th paragraph: each paragraph is a topic of its own. */
export function topicOf(k: number): string {
  return `sq-${k}`;
}

export function paragraphFiles(paragraphs: SquadParagraph[], sharedTopic?: string): ArticleFile[] {
  return paragraphs.map((p, k) => ({
    name: `p${String(k).padStart(5, "0")}`,
    title: `${p.title.replace(/_/g, " ")} (paragraph ${p.number + 1})`,
    topic: sharedTopic ?? topicOf(k),
    body: p.context,
  }));
}

/** The same article the CLI stores for a paragraph (same cleaning and analysis). */
export function paragraphArticle(p: SquadParagraph, topicId = "p"): Article | undefined {
  const a = buildArticle({ title: p.title, body: p.context, topicId }, NOW);
  return "error" in a ? undefined : a;
}

/** The baseline: plain BM25 over the question's content terms, answering with the whole best sentence. */
export async function bestSentence(
  index: SentenceIndex,
  question: string,
  topicId?: string,
): Promise<string> {
  const terms = contentTerms(question).map((term) => ({ term, weight: 1 }));
  const [hit] = await index.passages(index.search(terms, { topicId, limit: 1 }));
  return hit?.text ?? "";
}
