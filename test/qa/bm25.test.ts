import { describe, expect, it } from "vitest";
import { contentTerms } from "../../src/analysis/terms.js";
import type { Article } from "../../src/core/model.js";
import { nameKey } from "../../src/qa/aliases.js";
import { SentenceIndex } from "../../src/qa/bm25.js";

function article(id: string, topicId: string, published: string, sentences: string[]): Article {
  return {
    id,
    topicId,
    title: `Title ${id}`,
    body: sentences.join(" "),
    published,
    publishedEstimated: false,
    source: null,
    url: `https://example.org/${id}`,
    language: "en",
    ingestedAt: published,
    analysis: {
      version: 1,
      sentences: sentences.map((text, index) => ({
        index,
        text,
        paragraph: 0,
        heading: false,
        terms: contentTerms(text),
      })),
      entities: [],
      events: [],
    },
  };
}

const q = (text: string) => contentTerms(text).map((term) => ({ term, weight: 1 }));

describe("sentence index", () => {
  const index = new SentenceIndex([
    article("old", "libya", "2020-06-01T00:00:00Z", ["Egypt proposed a ceasefire.", "The weather was mild."]),
    article("new", "libya", "2020-06-09T00:00:00Z", ["Egypt proposed a ceasefire.", "Markets were calm."]),
    article("bridge", "riverton", "2024-03-04T00:00:00Z", [
      "The bridge closed after inspectors found cracks.",
    ]),
  ]);

  it("ranks the sentence that holds the question's words first", () => {
    expect(index.search(q("inspectors cracks"))[0]?.article.id).toBe("bridge");
  });

  it("filters by topic and returns nothing for a topic it does not know", () => {
    expect(index.search(q("inspectors cracks"), { topicId: "libya" })).toEqual([]);
    expect(index.search(q("ceasefire"), { topicId: "nowhere" })).toEqual([]);
  });

  it("breaks a tie between the same sentence in two articles in favour of the newer one", () => {
    const hits = index.search(q("Egypt ceasefire"), { limit: 2 });
    expect(hits.map((h) => h.article.id)).toEqual(["new", "old"]);
    expect(hits[0]?.score).toBe(hits[1]?.score);
  });

  it("finds other spellings of a name", () => {
    const names = new SentenceIndex([
      article("a", "t", "2020-01-01T00:00:00Z", ["Chalifa Haftar accepted the proposal."]),
    ]);
    expect(names.spellings("khalifa")).toEqual(["chalifa"]);
    expect(nameKey("sarraj")).toBe(nameKey("sarradsch"));
    expect(nameKey("ship")).toBe("");
  });

  it("lets a sentence borrow from its neighbours", () => {
    const windowed = new SentenceIndex([
      article("w", "t", "2020-01-01T00:00:00Z", [
        "The council met in Berlin.",
        "It agreed on elections.",
        "Nothing else.",
      ]),
    ]);
    const hits = windowed.search(q("council elections"), { limit: 3 });
    expect(hits[0]?.sentenceIndex).not.toBe(2);
    expect(hits.find((h) => h.sentenceIndex === 1)?.score).toBeGreaterThan(
      hits.find((h) => h.sentenceIndex === 1)?.own ?? 0,
    );
  });
});
