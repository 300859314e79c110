/** Lead-N: the first N sentences of the article, split by the same sentence splitter the system uses. */
import { splitSentences } from "../../src/analysis/sentences.js";
import { cleanArticleText } from "../../src/corpus/clean.js";

export function lead(text: string, n: number): string[] {
  return splitSentences(cleanArticleText(text))
    .filter((s) => !s.heading)
    .slice(0, n)
    .map((s) => s.text);
}
