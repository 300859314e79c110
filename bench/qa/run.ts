/**
 * `npm run bench` (qa): question latency, peak memory and index build time at the size of the public
 * data (~5,700 articles: BBC + CNN/DailyMail + SQuAD paragraphs) and at 50,000 articles recombined
 * from them. Each point is measured in a fresh process that opens the stored articles as a restarted
 * bot would (bench/qa/query.ts). Results go to bench/results/qa.json.
 * Usage: node dist/bench/qa/run.js [DATA_DIR] [--large N]
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { Core } from "../../src/core/core.js";
import type { Article } from "../../src/core/model.js";
import { openSqliteStore } from "../../src/store/sqlite.js";
import { benchArticles } from "./corpus.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const args = process.argv.slice(2);
const dataDir = path.resolve(args.find((a) => !a.startsWith("--")) ?? "../shared/data");
const largeAt = args.indexOf("--large");
const LARGE = largeAt >= 0 ? Number(args[largeAt + 1]) : 50_000;
const QUESTIONS = 400;

function log(text: string) {
  process.stdout.write(`${text}\n`);
}

function measure(storeDir: string) {
  const run = spawnSync(
    process.execPath,
    [path.join(here, "query.js"), storeDir, dataDir, String(QUESTIONS)],
    {
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (run.status !== 0) throw new Error(`query process failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop() as string);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsbrief-bench-qa-"));
try {
  // The public-data point: every article analysed once, at ingest.
  const smallDir = path.join(work, "small");
  const store = openSqliteStore(smallDir);
  const core = new Core({ store, logger: pino({ level: "silent" }) });
  const inputs = benchArticles(dataDir);
  const ingestStarted = performance.now();
  let added = 0;
  for (const input of inputs) if ((await core.ingest(input)).status === "added") added++;
  const ingestSeconds = (performance.now() - ingestStarted) / 1000;
  log(`ingested ${added} articles (${inputs.length} inputs) in ${ingestSeconds.toFixed(1)} s`);
  const small = measure(smallDir);
  log(`~${small.articles} articles: ${JSON.stringify(small)}`);

  // The large point: stored articles recombined (sentences of two articles, already analysed) into new ones.
  const largeDir = path.join(work, "large");
  const big = openSqliteStore(largeDir);
  const source: Article[] = await store.listArticles();
  for (const t of await store.listTopics()) await big.upsertTopic(t);
  let made = 0;
  for (let i = 0; made < LARGE; i++) {
    const a = source[i % source.length] as Article;
    const b = source[(i * 7919 + 13) % source.length] as Article;
    const half = Math.ceil(a.analysis.sentences.length / 2);
    const sentences = [
      ...a.analysis.sentences.slice(0, half),
      ...b.analysis.sentences.slice(Math.floor(b.analysis.sentences.length / 2)),
    ].map((s, index) => ({ ...s, index }));
    const body = sentences.map((s) => s.text).join(" ");
    const id = createHash("sha256").update(`${i}:${body}`).digest("hex").slice(0, 16);
    const published = new Date(Date.parse("2015-01-01") + (i % 3650) * 86_400_000).toISOString();
    const status = await big.addArticle({
      ...a,
      id,
      body,
      published,
      analysis: { ...a.analysis, sentences, events: [] },
    });
    if (status === "added") made++;
  }
  await big.close();
  await store.close();
  log(`recombined ${made} articles`);
  const large = measure(largeDir);
  log(`~${large.articles} articles: ${JSON.stringify(large)}`);

  const targets = { p99MsAtPublicData: 50, p99MsAt50k: 250, peakRssMbAt50k: 500 };
  const results = {
    generatedAt: new Date().toISOString(),
    machine: { cpu: os.cpus()[0]?.model ?? "unknown", cpus: os.cpus().length, node: process.version },
    ingestSecondsPublicData: Math.round(ingestSeconds),
    points: [small, large],
    targets,
    met: {
      p99AtPublicData: small.latencyMs.p99 <= targets.p99MsAtPublicData,
      p99At50k: large.latencyMs.p99 <= targets.p99MsAt50k,
      rssAt50k: large.peakRssMb <= targets.peakRssMbAt50k,
    },
    note: "index build time is the restart cost: the index is rebuilt from stored terms, no article is re-analysed",
  };
  const out = path.join(root, "bench/results/qa.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  log("");
  log("articles  sentences  index build s  p50 ms  p99 ms  peak RSS MB");
  for (const p of [small, large])
    log(
      `${String(p.articles).padEnd(9)} ${String(p.sentences).padEnd(10)} ${String(p.indexBuildSeconds).padEnd(14)} ${String(p.latencyMs.p50).padEnd(7)} ${String(p.latencyMs.p99).padEnd(7)} ${p.peakRssMb}`,
    );
  log(`\nwrote ${path.relative(process.cwd(), out)}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
