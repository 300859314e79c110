import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildBriefing } from "../../src/briefing/brief.js";
import { summarizeText } from "../../src/briefing/summarize-text.js";
import type { Article, Topic } from "../../src/core/model.js";
import { buildArticle } from "../../src/corpus/ingest.js";
import { renderBriefing } from "../../src/render/text.js";

const dir = "test/fixtures/articles/harbor-strike";
const topic: Topic = {
  id: "harbor-strike",
  title: "Harbor strike",
  description: "",
  keywords: ["strike", "port"],
};

function load(): Article[] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const raw = fs.readFileSync(path.join(dir, name), "utf8");
      const title = raw.match(/^title: "(.*)"$/m)?.[1] ?? name;
      const published = raw.match(/^published: (.*)$/m)?.[1];
      const body = raw.replace(/^---\n[\s\S]*?\n---\n/, "");
      const a = buildArticle({ title, body, published, topicId: topic.id }, new Date("2023-10-01T00:00:00Z"));
      if ("error" in a) throw new Error(a.error);
      return a;
    });
}

describe("briefing on an unseen topic", () => {
  const articles = load();

  it("summarizes within the budget, citing articles, newest first", () => {
    const b = buildBriefing(topic, articles, { sentences: 4, now: new Date("2023-10-01T00:00:00Z") });
    expect(b.summary).toHaveLength(4);
    const ids = new Set(articles.map((a) => a.id));
    for (const line of b.summary) expect(ids.has(line.articleId)).toBe(true);
    expect(b.summary[0]?.articleId).toBe(articles[2]?.id);
  });

  it("ranks the people with roles, merging a surname alone in one article into the full name in another", () => {
    const b = buildBriefing(topic, articles);
    const vasquez = b.entities.find((e) => e.name === "Henrik Vasquez");
    expect(vasquez?.type).toBe("person");
    expect(vasquez?.aliases).toContain("Vasquez");
    expect(b.entities.find((e) => e.name === "Marisol Okonkwo-Reyes")?.role).toBe("Union leader");
    expect(b.entities.some((e) => e.name === "Vasquez")).toBe(false);
  });

  it("lists positions with their evidence sentence", () => {
    const b = buildBriefing(topic, articles);
    const rejected = b.positions?.find((p) => p.stance === "opposes");
    expect(rejected?.target).toBe("the union's demand");
    expect(rejected?.evidence.sentence).toContain("rejected the union's demand");
  });

  it("shows what a position called its target", () => {
    const article = buildArticle(
      {
        title: "Port plan",
        body: "The harbour council called the plan a costly mistake.",
        topicId: topic.id,
      },
      new Date("2023-10-01T00:00:00Z"),
    );
    if ("error" in article) throw new Error(article.error);
    const b = buildBriefing(topic, [article]);
    expect(b.positions?.[0]).toMatchObject({
      stance: "opposes",
      target: "the plan",
      complement: "a costly mistake",
    });
    expect(renderBriefing(b)).toContain("the harbour council called the plan a costly mistake [1]");
  });

  it("orders the timeline oldest first with day, month and year granularity", () => {
    const timeline = buildBriefing(topic, articles).timeline;
    const dates = timeline.map((t) => t.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates).toEqual(expect.arrayContaining(["2019-03", "2021", "2023-09-04"]));
    // A span of days (a weekend) keeps the contract's day format and says where it ends.
    expect(timeline).toEqual(
      expect.arrayContaining([expect.objectContaining({ date: "2023-09-02", until: "2023-09-03" })]),
    );
  });

  it("digests only what is new, with one line of background, or says there is nothing new", () => {
    const digest = buildBriefing(topic, articles, { since: "2023-09-12T00:00:00.000Z" });
    expect(new Set(digest.summary.map((s) => s.articleId))).toEqual(new Set([articles[2]?.id]));
    expect(digest.context).toBeDefined();
    expect([articles[0]?.id, articles[1]?.id]).toContain(digest.context?.articleId);
    const none = buildBriefing(topic, articles, { since: "2023-09-20T00:00:00.000Z" });
    expect(none.notice).toMatch(/No new developments/);
    expect(none.summary).toEqual([]);
  });

  it("briefs from bad input or says there is not enough, never throwing", () => {
    const now = new Date("2023-10-01T00:00:00Z");
    const html = buildArticle(
      { title: "Page", body: "<p>The port <b>reopened</b> on Friday.</p><script>x()</script>", topicId: "t" },
      now,
    );
    expect("error" in html).toBe(false);
    if (!("error" in html)) {
      expect(html.publishedEstimated).toBe(true);
      expect(html.body).not.toContain("<");
      expect(buildBriefing(topic, [html]).summary[0]?.text).toBe("The port reopened on Friday.");
    }
    const titleOnly = buildArticle({ title: "Only a headline", body: "", topicId: "t" }, now);
    expect("error" in titleOnly).toBe(true);
    const foreign = buildArticle(
      { title: "Fremd", body: "这是一个测试。这是另一个句子。", topicId: "t" },
      now,
    );
    if (!("error" in foreign)) expect(() => buildBriefing(topic, [foreign])).not.toThrow();
    expect(buildBriefing(topic, []).notice).toMatch(/Not enough to brief/);
  });

  it("summarizes a single text in reading order", () => {
    const text = fs
      .readFileSync(path.join(dir, "2023-09-04-dockworkers-walk-out.md"), "utf8")
      .replace(/^---\n[\s\S]*?\n---\n/, "");
    const summary = summarizeText(text, 2);
    expect(summary).toHaveLength(2);
    expect(text.indexOf(summary[0] as string)).toBeLessThan(text.indexOf(summary[1] as string));
  });
});
