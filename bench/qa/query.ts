/**
 * One benchmark point, in a process of its own so that its peak memory is the bot's: open the store
 * as a restarted bot would, build the sentence index from stored terms (no article is analysed
 * again), then time questions through Core.ask. Prints one JSON line.
 * Usage: node dist/bench/qa/query.js STORE_DIR DATA_DIR QUESTIONS
 */
import { pino } from "pino";
import { Core } from "../../src/core/core.js";
import { openSqliteStore } from "../../src/store/sqlite.js";
import { benchQuestions } from "./corpus.js";

const [storeDir = "", dataDir = "", count = "300"] = process.argv.slice(2);
const store = openSqliteStore(storeDir);
const core = new Core({ store, logger: pino({ level: "silent" }) });
const articles = await store.countArticles();

const buildStarted = performance.now();
const index = await core.indexFor();
const buildMs = performance.now() - buildStarted;
const peakAfterBuildMb = Math.round(process.resourceUsage().maxRSS / 1024);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const questions = benchQuestions(dataDir, Number(count));
const timings = { topic: [] as number[], all: [] as number[] };
// Warm-up: the tagger loads on the first question.
await core.ask("Who is this about?");
for (const [i, q] of questions.entries()) {
  const withTopic = i % 2 === 0;
  const started = performance.now();
  await core.ask(q.question, withTopic && index.hasTopic(q.topic) ? q.topic : undefined);
  (withTopic ? timings.topic : timings.all).push(performance.now() - started);
}
const all = [...timings.topic, ...timings.all].sort((a, b) => a - b);
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: Math.round(percentile(s, 50) * 10) / 10, p99: Math.round(percentile(s, 99) * 10) / 10 };
};
process.stdout.write(
  `${JSON.stringify({
    articles,
    sentences: index.size,
    indexBuildSeconds: Math.round(buildMs / 100) / 10,
    questions: all.length,
    latencyMs: summary(all),
    latencyMsWithTopic: summary(timings.topic),
    latencyMsAllTopics: summary(timings.all),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    peakRssAfterBuildMb: peakAfterBuildMb,
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
  })}\n`,
);
await store.close();
