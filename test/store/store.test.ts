/**
 * The store contract on every store: a real SQLite file and a real PostgreSQL. Migrations,
 * content-hash identity, filters, revisions seen across connections, conversations with expiry.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Article } from "../../src/core/model.js";
import { buildArticle } from "../../src/corpus/ingest.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import type { Store } from "../../src/store/store.js";
import { openTestStore, type StoreFixture, storeKinds } from "../helpers/stores.js";

const kinds = await storeKinds();

function article(body: string, published: string, topicId = "t"): Article {
  const a = buildArticle(
    { title: body.slice(0, 20), body, published, topicId },
    new Date("2024-01-01T00:00:00Z"),
  );
  if ("error" in a) throw new Error(a.error);
  return a;
}

describe.each(kinds)("%s store", (kind) => {
  let fixture: StoreFixture;
  let store: Store;

  beforeEach(async () => {
    fixture = await openTestStore(kind);
    store = fixture.store;
    await store.upsertTopic({ id: "t", title: "T", description: "", keywords: ["x"] });
  });
  afterEach(async () => {
    await fixture.dispose();
  });

  it("applies every migration once, also when opened again, and keeps the data", async () => {
    await store.addArticle(article("Kept across reopening. Yes indeed.", "2024-05-01"));
    const second = await fixture.reopen();
    expect(await second.countArticles()).toBe(1);
    expect((await second.getTopic("t"))?.keywords).toEqual(["x"]);
    expect(await second.appliedMigrations()).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it("sees another connection's additions in its revision", async () => {
    const second = await fixture.reopen();
    const before = await store.revision();
    await second.addArticle(article("Written by another process. It counts.", "2024-05-01"));
    expect(await store.revision()).not.toBe(before);
  });

  it("treats the same text as the same article", async () => {
    const a = article("Rain fell on the city all day. Roads were closed.", "2024-05-01");
    expect(await store.addArticle(a)).toBe("added");
    const again = article("Rain fell on the city   all day.\nRoads were closed.", "2024-05-02");
    expect(again.id).toBe(a.id);
    expect(await store.addArticle(again)).toBe("duplicate");
    expect(await store.countArticles("t")).toBe(1);
    const stored = await store.getArticle(a.id);
    expect(stored?.analysis.sentences.map((s) => s.text)).toEqual([
      "Rain fell on the city all day.",
      "Roads were closed.",
    ]);
    expect(stored?.publishedEstimated).toBe(false);
  });

  it("filters by topic and publication date, oldest first", async () => {
    await store.upsertTopic({ id: "u", title: "U", description: "", keywords: [] });
    await store.addArticle(article("Second story about the harbour. It reopened.", "2024-05-03"));
    await store.addArticle(article("First story about the harbour. It closed.", "2024-05-01"));
    await store.addArticle(article("Other topic entirely. Nothing here.", "2024-05-02", "u"));
    const all = await store.listArticles({ topicId: "t" });
    expect(all.map((a) => a.published.slice(0, 10))).toEqual(["2024-05-01", "2024-05-03"]);
    const recent = await store.listArticles({ topicId: "t", since: "2024-05-02T00:00:00.000Z" });
    expect(recent.map((a) => a.published.slice(0, 10))).toEqual(["2024-05-03"]);
    expect(await store.countArticles()).toBe(3);
    expect((await store.listTopics()).map((t) => t.id)).toEqual(["t", "u"]);
  });

  it("keeps conversations until they expire", async () => {
    const now = new Date("2024-05-01T10:00:00Z");
    await store.saveConversation({
      id: "c1",
      state: { lastAnswer: "Haftar" },
      expiresAt: "2099-01-01T00:00:00.000Z",
    });
    expect((await store.getConversation("c1", now))?.state).toEqual({ lastAnswer: "Haftar" });
    expect(await store.getConversation("c1", new Date("2099-01-02T00:00:00Z"))).toBeUndefined();
    expect(await store.getConversation("missing", now)).toBeUndefined();
  });

  it("stores and reads meta values", async () => {
    expect(await store.getMeta("k")).toBeUndefined();
    await store.setMeta("k", "1");
    await store.setMeta("k", "2");
    expect(await store.getMeta("k")).toBe("2");
  });
});

describe.each(kinds)("re-analysis on the %s store", (kind) => {
  it("re-analyses articles of an older analysis version once, and not on a normal restart", async () => {
    const { reanalyseIfOutdated } = await import("../../src/corpus/reanalyse.js");
    const fixture = await openTestStore(kind);
    try {
      const store = fixture.store;
      await store.upsertTopic({ id: "t", title: "T", description: "", keywords: [] });
      const a = article("Officials met in Geneva on Monday. They agreed to talk again.", "2024-05-01");
      await store.addArticle({ ...a, analysis: { ...a.analysis, version: 0, sentences: [] } });
      expect(await reanalyseIfOutdated(store)).toBe(1);
      expect((await store.getArticle(a.id))?.analysis.sentences).toHaveLength(2);
      expect(await reanalyseIfOutdated(store)).toBe(0);
    } finally {
      await fixture.dispose();
    }
  });
});
