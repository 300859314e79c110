/** The SQLite store on a real file: migrations, content-hash identity, filters, conversations with expiry. */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Article } from "../../src/core/model.js";
import { buildArticle } from "../../src/corpus/ingest.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite.js";
import { tempDir } from "../helpers/cli.js";

let dir: string;
let store: SqliteStore;

function article(body: string, published: string, topicId = "t"): Article {
  const a = buildArticle(
    { title: body.slice(0, 20), body, published, topicId },
    new Date("2024-01-01T00:00:00Z"),
  );
  if ("error" in a) throw new Error(a.error);
  return a;
}

beforeEach(async () => {
  dir = tempDir();
  store = openSqliteStore(dir);
  await store.upsertTopic({ id: "t", title: "T", description: "", keywords: ["x"] });
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("SQLite store", () => {
  it("records every migration once, also when opened again", async () => {
    await store.close();
    store = openSqliteStore(dir);
    const Database = (await import("better-sqlite3")).default;
    const db = new Database(path.join(dir, "newsbrief.db"), { readonly: true });
    const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").all() as {
      version: number;
    }[];
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
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
  });

  it("filters by topic and publication date, oldest first, and moves the revision on every addition", async () => {
    await store.upsertTopic({ id: "u", title: "U", description: "", keywords: [] });
    const r0 = await store.revision();
    await store.addArticle(article("Second story about the harbour. It reopened.", "2024-05-03"));
    await store.addArticle(article("First story about the harbour. It closed.", "2024-05-01"));
    await store.addArticle(article("Other topic entirely. Nothing here.", "2024-05-02", "u"));
    expect(await store.revision()).toBeGreaterThan(r0);
    const all = await store.listArticles({ topicId: "t" });
    expect(all.map((a) => a.published.slice(0, 10))).toEqual(["2024-05-01", "2024-05-03"]);
    const recent = await store.listArticles({ topicId: "t", since: "2024-05-02T00:00:00.000Z" });
    expect(recent.map((a) => a.published.slice(0, 10))).toEqual(["2024-05-03"]);
    expect(await store.countArticles()).toBe(3);
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
