/** Summarizing one text on its own (the `summarize` command): the best sentences in reading order. */
import { splitSentences } from "../analysis/sentences.js";
import { contentTerms } from "../analysis/terms.js";
import { cleanArticleText } from "../corpus/clean.js";
import { type Candidate, selectSentences } from "./summarize.js";

export function summarizeText(text: string, sentences = 3): string[] {
  const body = splitSentences(cleanArticleText(text)).filter((s) => !s.heading);
  const candidates: Candidate[] = body.map((s, i) => ({
    text: s.text,
    terms: contentTerms(s.text),
    position: i,
    recencyRank: 0,
    ref: { articleId: "", sentenceIndex: i },
  }));
  return selectSentences(candidates, { sentences, recencyWeight: 0 })
    .sort((a, b) => a.ref.sentenceIndex - b.ref.sentenceIndex)
    .map((c) => c.text);
}
