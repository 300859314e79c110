/**
 * The lean listing the sentence index is built from, on every store: each article once, in pages,
 * with its sentences' terms and heading flags but none of their texts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Article } from "../../src/core/model.js";
import { buildArticle } from "../../src/corpus/ingest.js";
import type { ArticleTerms, Store } from "../../src/store/store.js";
import { openTestStore, type StoreFixture, storeKinds } from "../helpers/stores.js";

const kinds = await storeKinds();

function article(body: string, topicId: string): Article {
  const a = buildArticle(
    {
      title: `About ${body.slice(0, 12)}`,
      body,
      published: "2024-05-01",
      topicId,
      url: "https://example.org/a",
    },
    new Date("2024-06-01T00:00:00Z"),
  );
  if ("error" in a) throw new Error(a.error);
  return a;
}

async function listAll(store: Store, limit: number): Promise<{ pages: number; items: ArticleTerms[] }> {
  const items: ArticleTerms[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await store.listArticleTerms({ after, limit });
    pages++;
    items.push(...page.items);
    if (!page.next) return { pages, items };
    after = page.next;
  }
}

describe.each(kinds)("%s store: article terms for the sentence index", (kind) => {
  let fixture: StoreFixture;
  let store: Store;
  const stored: Article[] = [];

  beforeEach(async () => {
    fixture = await openTestStore(kind);
    store = fixture.store;
    stored.length = 0;
    for (const topic of ["bridge", "harbour"])
      await store.upsertTopic({ id: topic, title: topic, description: "", keywords: [] });
    for (let i = 0; i < 7; i++) {
      const a = article(
        `Inspectors found ${i + 2} cracks in the bridge pier number ${i}. The council closed the road on day ${i}.`,
        i % 2 === 0 ? "bridge" : "harbour",
      );
      await store.addArticle(a);
      stored.push(a);
    }
  });
  afterEach(async () => {
    await fixture.dispose();
  });

  it("lists every article exactly once across pages, with terms and headings but no texts", async () => {
    const { pages, items } = await listAll(store, 3);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(items.map((a) => a.id)).toEqual(stored.map((a) => a.id).sort());
    for (const item of items) {
      const original = stored.find((a) => a.id === item.id) as Article;
      expect(item.topicId).toBe(original.topicId);
      expect(item.title).toBe(original.title);
      expect(item.url).toBe(original.url);
      expect(item.published).toBe(original.published);
      expect(item.sentences).toEqual(
        original.analysis.sentences.map((s) => ({ terms: s.terms, heading: s.heading })),
      );
      expect(JSON.stringify(item)).not.toContain("Inspectors found");
    }
  });

  it("returns an empty last page and no next page when the store is empty or exhausted", async () => {
    const { items } = await listAll(store, 7);
    expect(items).toHaveLength(7);
    const after = items[items.length - 1]?.id;
    expect(await store.listArticleTerms({ after, limit: 7 })).toEqual({ items: [] });
  });
});
