/** Summarizing one text on its own (the `summarize` command): the best sentences in reading order. */
import { splitSentences } from "../analysis/sentences.js";
import { contentTerms } from "../analysis/terms.js";
import { cleanArticleText } from "../corpus/clean.js";
import { type Candidate, type SummaryWeights, selectSentences } from "./summarize.js";

/** A single text has no recency; a headline line, when the text opens with one, guides the choice. */
export function summarizeText(text: string, sentences = 3, weights: Partial<SummaryWeights> = {}): string[] {
  const all = splitSentences(cleanArticleText(text));
  const headline = all[0]?.heading ? all[0].text : undefined;
  const body = all.filter((s) => !s.heading);
  const candidates: Candidate[] = body.map((s, i) => ({
    text: s.text,
    terms: contentTerms(s.text),
    position: i,
    recencyRank: 0,
    ref: { articleId: "", sentenceIndex: i },
  }));
  return selectSentences(candidates, {
    sentences,
    headlineTerms: headline ? contentTerms(headline) : undefined,
    weights: { recency: 0, ...weights },
  })
    .sort((a, b) => a.ref.sentenceIndex - b.ref.sentenceIndex)
    .map((c) => c.text);
}
