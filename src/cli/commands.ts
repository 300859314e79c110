/** The CLI's commands. Each returns an exit code; errors a user can act on are thrown as UsageError/UserFacingError. */
import fs from "node:fs";
import { parseArgs } from "node:util";
import type { App } from "../app.js";
import { summarizeText } from "../briefing/summarize-text.js";
import { UsageError, UserFacingError } from "../core/errors.js";
import { listArticleFiles, readArticleFile } from "../corpus/files.js";
import { isTopicId } from "../corpus/frontmatter.js";
import type { IngestOutcome } from "../corpus/ingest.js";
import { renderAnswer, renderBriefing, renderTimeline } from "../render/text.js";
import { isWebAddress } from "../sources/ingest-url.js";
import { inputLines, printJson, printLine, readAll, writeJsonLine } from "./io.js";
import { ingestWebArticle } from "./sources.js";

type Options = Record<string, { type: "string" | "boolean" }>;

export function parse(args: string[], options: Options, positionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function topicOption(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  if (!isTopicId(value))
    throw new UsageError(
      `--topic must be a topic id of lower-case letters, digits and dashes (got '${value}')`,
    );
  return value;
}

export async function ingestCommand(app: App, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { topic: { type: "string" }, json: { type: "boolean" } }, true);
  if (positionals.length === 0)
    throw new UsageError(
      "ingest needs at least one file, folder or web address: newsbrief ingest PATH|URL... [--topic ID]",
    );
  const topic = topicOption(values.topic);
  const { files, missing } = listArticleFiles(positionals.filter((p) => !isWebAddress(p)));
  const outcomes: IngestOutcome[] = missing.map((p) => ({
    origin: p,
    status: "rejected",
    reason: "no such file or folder",
  }));
  for (const url of positionals.filter(isWebAddress))
    outcomes.push(await ingestWebArticle(app, url, topic ?? app.config.defaultTopic));
  for (const file of files) {
    const read = readArticleFile(file);
    if (read.kind === "rejected") {
      outcomes.push({ origin: file, status: "rejected", reason: read.reason });
      continue;
    }
    const topicId = read.article.topicId ?? topic ?? app.config.defaultTopic;
    if (!topicId) {
      outcomes.push({
        origin: file,
        status: "rejected",
        reason: "no topic: add a 'topic' field or pass --topic ID",
      });
      continue;
    }
    outcomes.push(await app.core.ingest({ ...read.article, topicId }));
  }
  const count = (s: IngestOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
  const totals = { added: count("added"), duplicate: count("duplicate"), rejected: count("rejected") };
  if (values.json) printJson({ ...totals, files: outcomes });
  else {
    for (const o of outcomes) {
      printLine(
        o.status === "rejected"
          ? `rejected   ${o.origin}: ${o.reason}`
          : `${o.status.padEnd(10)} ${o.origin} → ${o.topicId} (${o.articleId})`,
      );
    }
    printLine(`${totals.added} added, ${totals.duplicate} duplicate, ${totals.rejected} rejected`);
  }
  return totals.rejected > 0 && totals.added + totals.duplicate === 0 ? 1 : 0;
}

export async function topicsCommand(app: App, args: string[]): Promise<number> {
  const { values } = parse(args, { json: { type: "boolean" } });
  const topics = await app.core.topics();
  if (values.json) printJson({ topics });
  else if (topics.length === 0) printLine("No topics yet.");
  else
    for (const t of topics)
      printLine(`${t.id}\t${t.title}\t${t.articles} article${t.articles === 1 ? "" : "s"}`);
  return 0;
}

export async function briefCommand(app: App, args: string[], digest = false): Promise<number> {
  const spec: Options = { topic: { type: "string" }, json: { type: "boolean" } };
  if (digest) spec.since = { type: "string" };
  const { values } = parse(args, spec);
  let since: string | undefined;
  if (digest) {
    if (typeof values.since !== "string")
      throw new UsageError("digest needs --since ISO-DATE, e.g. --since 2020-06-01");
    const parsed = new Date(values.since);
    if (!/^\d{4}-\d{2}-\d{2}/.test(values.since) || Number.isNaN(parsed.getTime())) {
      throw new UsageError(`--since must be an ISO date such as 2020-06-01 (got '${values.since}')`);
    }
    since = parsed.toISOString();
  }
  const briefing = await app.core.brief(topicOption(values.topic), { since });
  if (values.json) printJson(briefing);
  else printLine(renderBriefing(briefing));
  return 0;
}

export async function timelineCommand(app: App, args: string[]): Promise<number> {
  const { values } = parse(args, { topic: { type: "string" }, json: { type: "boolean" } });
  const timeline = await app.core.timeline(topicOption(values.topic));
  if (values.json) printJson({ topic: timeline.topic, events: timeline.events });
  else printLine(renderTimeline(timeline));
  return 0;
}

export async function askCommand(app: App, args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      topic: { type: "string" },
      json: { type: "boolean" },
      jsonl: { type: "boolean" },
      "always-answer": { type: "boolean" },
    },
    true,
  );
  const options = { alwaysAnswer: values["always-answer"] === true };
  if (values.jsonl) {
    if (positionals.length > 0)
      throw new UsageError("ask --jsonl reads questions from stdin; give no question on the command line");
    let failed = 0;
    for await (const { line, number } of inputLines(process.stdin)) {
      try {
        const item = JSON.parse(line) as { question?: unknown; topic?: unknown };
        if (typeof item.question !== "string") throw new UserFacingError("'question' must be a string");
        const topic = typeof item.topic === "string" ? item.topic : topicOption(values.topic);
        await writeJsonLine(await app.core.ask(item.question, topic, undefined, options));
      } catch (error) {
        failed++;
        const message = error instanceof SyntaxError ? "not valid JSON" : (error as Error).message;
        await writeJsonLine({ line: number, error: message });
      }
    }
    return failed > 0 ? 1 : 0;
  }
  const question = positionals.join(" ");
  if (!question.trim())
    throw new UsageError('ask needs a question: newsbrief ask "Who brokered the ceasefire?"');
  const answer = await app.core.ask(question, topicOption(values.topic), undefined, options);
  if (values.json) printJson(answer);
  else printLine(renderAnswer(answer));
  return 0;
}

function sentenceCount(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw new UsageError(`--sentences must be a whole number from 1 to 100 (got '${value}')`);
  return n;
}

export async function summarizeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    { sentences: { type: "string" }, json: { type: "boolean" }, jsonl: { type: "boolean" } },
    true,
  );
  const defaultCount = sentenceCount(values.sentences, 3);
  if (values.jsonl) {
    let failed = 0;
    for await (const { line, number } of inputLines(process.stdin)) {
      let id: unknown = null;
      try {
        const item = JSON.parse(line) as { id?: unknown; text?: unknown; sentences?: unknown };
        id = item.id ?? null;
        if (typeof item.text !== "string") throw new UserFacingError("'text' must be a string");
        const n = sentenceCount(item.sentences, defaultCount);
        await writeJsonLine({ id, summary: summarizeText(item.text, n) });
      } catch (error) {
        failed++;
        await writeJsonLine({
          id,
          line: number,
          error: error instanceof SyntaxError ? "not valid JSON" : (error as Error).message,
        });
      }
    }
    return failed > 0 ? 1 : 0;
  }
  if (positionals.length > 1) throw new UsageError("summarize takes one FILE (or - for stdin)");
  const file = positionals[0] ?? "-";
  let text: string;
  if (file === "-") text = await readAll(process.stdin);
  else {
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
    }
    text = text.replace(/^---\n[\s\S]*?\n---\n/, "");
  }
  const summary = summarizeText(text, defaultCount);
  if (values.json) printJson({ summary });
  else if (summary.length === 0) printLine("Not enough text to summarize.");
  else for (const s of summary) printLine(s);
  return 0;
}
