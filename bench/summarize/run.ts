/**
 * Summarization speed, on one core:
 * - one article summarized on its own (`newsbrief summarize`, summarizeText: sentence splitting,
 *   terms, LexRank and MMR), 3 sentences, over every BBC News Summary and CNN/DailyMail article;
 * - briefings and digests composed from stored (already analysed) articles (buildBriefing, as /brief
 *   and the digest composer call it): a topic's full briefing of 5 sentences over all its articles,
 *   and later digests over the 20 articles that arrived since the last one.
 * Topics: the five BBC categories and the CNN/DailyMail set. Reports summaries per second and p50/p99
 * milliseconds per summary. Usage: node dist/bench/summarize/run.js [DATA_DIR]; writes
 * bench/results/summarize.json.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildBriefing, summarizeArticles } from "../../src/briefing/brief.js";
import { summarizeText } from "../../src/briefing/summarize-text.js";
import type { Article, ArticleInput, Topic } from "../../src/core/model.js";
import { buildArticle } from "../../src/corpus/ingest.js";
import { benchArticles } from "../qa/corpus.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const dataDir = path.resolve(process.argv[2] ?? "../shared/data");
/** Articles in one "what's new" digest. */
const DIGEST_WINDOW = 20;
/** Each topic is one sample, so it is repeated enough for a p99 that is not just the slowest run. */
const SUMMARY_REPEATS = 10;
const BRIEFING_REPEATS = 10;

function log(text: string): void {
  process.stdout.write(`${text}\n`);
}

interface Timing {
  what: string;
  summaries: number;
  /** Articles each summary was made from: one, or the range over the samples. */
  articlesPerSummary: string;
  seconds: number;
  summariesPerSecond: number;
  ms: { p50: number; p99: number; max: number };
}

function percentile(sorted: number[], p: number): number {
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[at] as number;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/** Time `run` on every sample; the first few calls warm the JIT and are not counted. */
function time<T>(
  what: string,
  samples: T[],
  sizeOf: (s: T) => number,
  run: (s: T) => unknown,
  warmUp = 20,
): Timing {
  for (const s of samples.slice(0, Math.min(warmUp, samples.length))) run(s);
  const ms: number[] = [];
  const started = performance.now();
  for (const s of samples) {
    const t = performance.now();
    run(s);
    ms.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  ms.sort((a, b) => a - b);
  const sizes = samples.map(sizeOf);
  const low = Math.min(...sizes);
  const high = Math.max(...sizes);
  const timing: Timing = {
    what,
    summaries: samples.length,
    articlesPerSummary: low === high ? String(low) : `${low}–${high}`,
    seconds: r2(seconds),
    summariesPerSecond: r2(samples.length / seconds),
    ms: { p50: r2(percentile(ms, 50)), p99: r2(percentile(ms, 99)), max: r2(ms.at(-1) as number) },
  };
  log(
    `${what}: ${timing.summaries} summaries, ${timing.summariesPerSecond}/s, p50 ${timing.ms.p50} ms, p99 ${timing.ms.p99} ms`,
  );
  return timing;
}

function topicOf(id: string): Topic {
  return { id, title: id, description: "", keywords: [] };
}

function main(): void {
  const inputs = benchArticles(dataDir).filter((a) => a.topicId.startsWith("bbc-") || a.topicId === "cnndm");
  const bbc = inputs.filter((a) => a.topicId.startsWith("bbc-"));
  const cnndm = inputs.filter((a) => a.topicId === "cnndm");
  const text = (a: ArticleInput) => `${a.title}\n\n${a.body}`;
  const results: Timing[] = [
    time(
      "one BBC article (3 sentences)",
      bbc,
      () => 1,
      (a) => summarizeText(text(a), 3),
    ),
    time(
      "one CNN/DailyMail article (3 sentences)",
      cnndm,
      () => 1,
      (a) => summarizeText(text(a), 3),
    ),
  ];

  // Stored articles, analysed once as at ingest (not timed), an hour apart.
  const analysed = new Map<string, Article[]>();
  const start = Date.parse("2015-01-01T00:00:00Z");
  inputs.forEach((input, i) => {
    const published = new Date(start + i * 3_600_000).toISOString();
    const article = buildArticle({ ...input, published }, new Date(published));
    // The store keeps one copy of an article that appears twice (the BBC set has duplicates).
    if ("error" in article || analysed.get(input.topicId)?.some((a) => a.id === article.id)) return;
    analysed.set(input.topicId, [...(analysed.get(input.topicId) ?? []), article]);
  });
  const topics = [...analysed.entries()];
  log(`analysed ${topics.reduce((n, [, a]) => n + a.length, 0)} articles in ${topics.length} topics`);

  const repeat = (times: number) =>
    topics.flatMap(([id, articles]) =>
      Array.from({ length: times }, () => ({ topic: topicOf(id), articles })),
    );
  results.push(
    time(
      "topic summary, all its articles (5 sentences)",
      repeat(SUMMARY_REPEATS),
      (b) => b.articles.length,
      (b) => summarizeArticles(b.articles, 5),
    ),
  );
  // The whole briefing adds key entities, positions, the timeline and sources to the summary.
  const briefings = repeat(BRIEFING_REPEATS);
  results.push(
    time(
      "topic briefing, all its articles (5 sentences)",
      briefings,
      (b) => b.articles.length,
      (b) => buildBriefing(b.topic, b.articles, { sentences: 5 }),
    ),
  );
  // A later digest is composed from the articles that arrived since the last one alone (src/digests/compose.ts).
  const digests = topics.flatMap(([id, articles]) => {
    const out = [];
    for (let end = DIGEST_WINDOW; end <= articles.length; end += DIGEST_WINDOW)
      out.push({ topic: topicOf(id), fresh: articles.slice(end - DIGEST_WINDOW, end) });
    return out;
  });
  results.push(
    time(
      `digest of ${DIGEST_WINDOW} new articles (5 sentences)`,
      digests,
      (d) => d.fresh.length,
      (d) => buildBriefing(d.topic, d.fresh, { sentences: 5 }),
    ),
  );

  const result = {
    generatedAt: new Date().toISOString(),
    what: "summarizeText per article; buildBriefing per topic briefing and per digest, on stored analysed articles; one process, one core",
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
    // The machine is shared: its load (1, 5 and 15 minutes) when the run ended, to read the figures by.
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    results,
  };
  const outDir = path.join(root, "bench/results");
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "summarize.json"), `${JSON.stringify(result, null, 2)}\n`);
}

main();
