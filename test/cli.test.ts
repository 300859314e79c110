/** The CLI contract, through the built CLI: every command, its JSON shape, exit codes and messages. */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers/cli.js";
import { SECRET_MARKER } from "./helpers/fake-secrets.js";

let dataDir: string;
let work: string;

beforeAll(() => {
  dataDir = tempDir();
  work = tempDir("newsbrief-files-");
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[], input?: string) => runCli(["--data-dir", dataDir, ...args], { input });

describe("newsbrief CLI on the built-in corpus", () => {
  it("seeds an empty store and lists the topic", async () => {
    const r = await cli(["topics", "--json"]);
    expect(r.code).toBe(0);
    const { topics } = JSON.parse(r.stdout);
    expect(topics.map((t: { id: string }) => t.id)).toEqual(["libya-ceasefire"]);
    expect(topics[0].articles).toBe(1);
    expect(fs.existsSync(path.join(dataDir, "newsbrief.db"))).toBe(true);
  });

  it("briefs with cited summary lines, entities, timeline and sources", async () => {
    const r = await cli(["brief", "--json"]);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout);
    expect(b.topic).toBe("libya-ceasefire");
    expect(typeof b.title).toBe("string");
    expect(Number.isNaN(Date.parse(b.generatedAt))).toBe(false);
    expect(b.summary.length).toBeGreaterThan(0);
    const sourceIds = new Set(b.sources.map((s: { articleId: string }) => s.articleId));
    const seed = fs.readFileSync(
      path.join(process.cwd(), "briefings/libya-ceasefire/articles/2020-06-08-egypt-ceasefire-initiative.md"),
      "utf8",
    );
    for (const line of b.summary) {
      expect(sourceIds.has(line.articleId)).toBe(true);
      expect(seed.replace(/\s+/g, " ")).toContain(line.text);
    }
    expect(b.entities.some((e: { name: string }) => /Haftar/.test(e.name))).toBe(true);
    for (const e of b.entities) expect(["person", "organization", "place", "other"]).toContain(e.type);
    for (const t of b.timeline) expect(t.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    const dates = b.timeline.map((t: { date: string }) => t.date);
    expect([...dates].sort()).toEqual(dates);
    expect(b.sources[0]).toMatchObject({
      published: expect.stringMatching(/^2020-06-08/),
      title: expect.any(String),
    });
  });

  it("answers a question with its evidence sentence and abstains when the corpus is silent", async () => {
    const answered = JSON.parse((await cli(["ask", "Who brokered the ceasefire?", "--json"])).stdout);
    expect(answered.abstained).toBe(false);
    expect(answered.answer).toMatch(/al-Sisi/);
    expect(answered.evidence[0].sentence).toMatch(/brokered the ceasefire/);
    expect(answered.evidence[0]).toMatchObject({
      title: expect.any(String),
      published: expect.stringMatching(/^2020-06-08/),
    });
    expect(answered.confidence).toBeGreaterThan(0);
    expect(answered.confidence).toBeLessThanOrEqual(1);

    const silent = JSON.parse((await cli(["ask", "What is the population of Brazil?", "--json"])).stdout);
    expect(silent).toMatchObject({ answer: null, abstained: true, evidence: [] });

    // Forced, it answers from the closest sentence it has, still saying how unsure that is.
    const unsure = ["ask", "How many people died in the fighting in Sirte?", "--json"];
    const declined = JSON.parse((await cli(unsure)).stdout);
    const forced = JSON.parse((await cli([...unsure, "--always-answer"])).stdout);
    expect(declined.abstained).toBe(true);
    expect(forced.abstained).toBe(false);
    expect(forced.evidence[0].sentence).toContain(forced.answer);
    expect(forced.confidence).toBe(declined.confidence);
  });

  it("answers many questions from stdin, one JSON line each, and says which line was bad", async () => {
    const input = [
      JSON.stringify({ question: "Who brokered the ceasefire?" }),
      "not json",
      JSON.stringify({ question: "When did Haftar's troops capture Sirte?", topic: "libya-ceasefire" }),
    ].join("\n");
    const r = await cli(["ask", "--jsonl"], input);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].question).toBe("Who brokered the ceasefire?");
    expect(lines[1]).toMatchObject({ line: 2, error: "not valid JSON" });
    expect(lines[2].evidence[0]?.sentence ?? "").toMatch(/Sirte/);
    expect(r.code).toBe(1);
  });

  it("lists a timeline oldest first", async () => {
    const r = await cli(["timeline", "--json"]);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout);
    expect(t.topic).toBe("libya-ceasefire");
    expect(t.events.length).toBeGreaterThan(2);
    expect(
      t.events.some(
        (e: { date: string; text: string }) => e.date === "2020-01" && /captured Sirte/.test(e.text),
      ),
    ).toBe(true);
  });

  it("digests only what was published after the date", async () => {
    const before = JSON.parse((await cli(["digest", "--since", "2020-06-01", "--json"])).stdout);
    expect(before.since).toMatch(/^2020-06-01/);
    expect(before.sources).toHaveLength(1);
    const after = JSON.parse((await cli(["digest", "--since", "2020-06-09", "--json"])).stdout);
    expect(after.summary).toEqual([]);
    expect(after.sources).toEqual([]);
    const text = await cli(["digest", "--since", "2020-06-09"]);
    expect(text.stdout).toMatch(/No new developments/);
  });

  it("ingests files and folders, reporting added, duplicate and rejected with file and field", async () => {
    const folder = path.join(work, "storm");
    fs.mkdirSync(folder);
    fs.writeFileSync(
      path.join(folder, "good.md"),
      "---\ntitle: Storm hits the coast\npublished: 2024-10-09\nsource: Test Wire\nurl: https://news.test/storm\n---\nA storm hit the coast on Wednesday. Thousands lost power, officials said.\n",
    );
    fs.writeFileSync(
      path.join(folder, "broken.md"),
      "---\ntitle: Broken\npublished: next tuesday\n---\nSome text here.\n",
    );
    fs.writeFileSync(
      path.join(folder, "plain.txt"),
      "Power restored\n\nPower was restored to most homes by Friday, the utility said.\n",
    );
    const r = await cli(["ingest", folder, "--topic", "storm", "--json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ added: 2, duplicate: 0, rejected: 1 });
    const rejected = report.files.find((f: { status: string }) => f.status === "rejected");
    expect(rejected.origin).toMatch(/broken\.md$/);
    expect(rejected.reason).toMatch(/published/);

    const again = JSON.parse(
      (await cli(["ingest", path.join(folder, "good.md"), "--topic", "storm", "--json"])).stdout,
    );
    expect(again).toMatchObject({ added: 0, duplicate: 1 });

    const topics = JSON.parse((await cli(["topics", "--json"])).stdout).topics;
    expect(topics.find((t: { id: string }) => t.id === "storm")?.articles).toBe(2);
    // A topic an article names first is titled from its id until a topic file gives it a title.
    expect(topics.find((t: { id: string }) => t.id === "storm")?.title).toBe("Storm");
    // With two topics, a briefing must name one.
    const ambiguous = await cli(["brief"]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/topic/);
    const storm = JSON.parse((await cli(["brief", "--topic", "storm", "--json"])).stdout);
    expect(storm.sources.map((s: { title: string }) => s.title).sort()).toEqual([
      "Power restored",
      "Storm hits the coast",
    ]);
  });

  it("summarizes a file and a JSON-lines stream", async () => {
    const file = path.join(work, "article.txt");
    const sentences = [
      "The city council approved the new budget on Monday after a long debate.",
      "The budget raises spending on schools by ten percent.",
      "Critics said the plan ignores the rising cost of housing in the city.",
      "The mayor defended the budget as balanced and fair to every district.",
      "A final vote on the housing plan is expected next month.",
    ];
    fs.writeFileSync(file, sentences.join(" "));
    const one = JSON.parse((await runCli(["summarize", file, "--sentences", "2", "--json"])).stdout);
    expect(one.summary).toHaveLength(2);
    for (const s of one.summary) expect(sentences).toContain(s);

    const input = `${JSON.stringify({ id: "a", text: sentences.join(" "), sentences: 1 })}\n${JSON.stringify({ id: "b", text: sentences.slice(0, 3).join(" ") })}\n`;
    const r = await runCli(["summarize", "--jsonl"], { input });
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(["a", "b"]);
    expect(out[0].summary).toHaveLength(1);
    expect(out[1].summary).toHaveLength(3);
  });
});

describe("newsbrief CLI on bad input", () => {
  it("shows help for an unknown command and exits 2", async () => {
    const r = await cli(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown command 'frobnicate'/);
    expect(r.stderr).toMatch(/Usage: newsbrief/);
  });

  it("rejects unknown options and bad values with exit 2 and no stack trace", async () => {
    for (const args of [
      ["brief", "--colour"],
      ["digest"],
      ["digest", "--since", "yesterday"],
      ["summarize", "--sentences", "0", "-"],
      ["brief", "--topic", "Bad Topic!"],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^newsbrief: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("gives a clear message for an empty or a 2,000-character question", async () => {
    const empty = await cli(["ask", "   "]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/needs a question/);
    const long = await cli(["ask", "x".repeat(2000)]);
    expect(long.code).toBe(1);
    expect(long.stderr).toMatch(/2000 characters long/);
  });

  it("names an unusable data directory and exits 2", async () => {
    const file = path.join(work, "not-a-dir");
    fs.writeFileSync(file, "x");
    const r = await runCli(["--data-dir", file, "topics"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(file);
  });

  it("names a corrupt database and exits 2", async () => {
    const dir = path.join(work, "corrupt");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "newsbrief.db"),
      "this is not an SQLite database, just text ".repeat(200),
    );
    const r = await runCli(["--data-dir", dir, "topics"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(path.join(dir, "newsbrief.db"));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("lists every invalid environment value at once", async () => {
    // A secret that fails validation is still a secret: the error names the variable, not the value.
    const BAD_TOKEN = `${SECRET_MARKER}-not-a-slack-bot-token`;
    const r = await runCli(["--data-dir", dataDir, "topics"], {
      env: {
        LOG_LEVEL: "loud",
        NEWSBRIEF_TIMEZONE: "Mars/Olympus",
        SLACK_BOT_TOKEN: BAD_TOKEN,
        PORT: "99999",
      },
    });
    expect(r.code).toBe(2);
    for (const name of ["LOG_LEVEL", "NEWSBRIEF_TIMEZONE", "SLACK_BOT_TOKEN", "PORT"])
      expect(r.stderr).toContain(name);
    expect(r.stderr).not.toContain(BAD_TOKEN);
  });
});
