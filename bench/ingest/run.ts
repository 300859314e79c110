/**
 * Analysis speed at ingest: the whole per-article analysis (sentences, terms, entities, dates,
 * quantities, positions) on the BBC News Summary articles, on one core, at 500, 1,000 and 2,225
 * articles. Usage: node dist/bench/ingest/run.js [DATA_DIR]; writes bench/results/ingest.json.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeArticle } from "../../src/analysis/analyze.js";
import { cleanArticleText } from "../../src/corpus/clean.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const dataDir = path.resolve(process.argv[2] ?? "../shared/data");
const SIZES = [500, 1000, 2225];
const TARGET_PER_SECOND = 200;

function loadArticles(): string[] {
  const dir = path.join(dataDir, "bbc-news-summary", "articles");
  const out: string[] = [];
  for (const category of fs.readdirSync(dir).sort()) {
    for (const name of fs.readdirSync(path.join(dir, category)).sort()) {
      const buffer = fs.readFileSync(path.join(dir, category, name));
      const utf8 = buffer.toString("utf8");
      out.push(utf8.includes("\uFFFD") ? buffer.toString("latin1") : utf8);
    }
  }
  return out;
}

/** Interleave categories so each prefix of the list is a mix, not only business news. */
function interleave(articles: string[]): string[] {
  const stride = 7;
  const out: string[] = [];
  for (let start = 0; start < stride; start++)
    for (let i = start; i < articles.length; i += stride) out.push(articles[i] as string);
  return out;
}

function main(): void {
  const articles = interleave(loadArticles());
  const published = new Date("2005-03-01T00:00:00Z");
  // Warm-up: the first calls compile regular expressions and load chrono's parsers.
  for (const text of articles.slice(0, 300)) analyzeArticle(cleanArticleText(text), published);
  const rows = [];
  for (const size of SIZES) {
    const subset = articles.slice(0, Math.min(size, articles.length));
    const chars = subset.reduce((n, t) => n + t.length, 0);
    const started = process.hrtime.bigint();
    let sentences = 0;
    for (const text of subset)
      sentences += analyzeArticle(cleanArticleText(text), published).sentences.length;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const row = {
      articles: subset.length,
      sentences,
      characters: chars,
      seconds: Math.round(seconds * 1000) / 1000,
      articlesPerSecond: Math.round(subset.length / seconds),
      msPerArticle: Math.round((seconds * 1e6) / subset.length) / 1000,
    };
    rows.push(row);
    process.stdout.write(
      `${String(row.articles).padStart(6)} articles  ${row.seconds.toFixed(2).padStart(6)} s  ${String(row.articlesPerSecond).padStart(5)} articles/s  ${row.msPerArticle.toFixed(2)} ms/article\n`,
    );
  }
  const last = rows[rows.length - 1];
  const result = {
    generatedAt: new Date().toISOString(),
    what: "analyzeArticle (cleaning included) on BBC News Summary articles, one process, one core",
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
    target: `${TARGET_PER_SECOND} articles/s`,
    met: (last?.articlesPerSecond ?? 0) >= TARGET_PER_SECOND,
    runs: rows,
  };
  const outDir = path.join(root, "bench/results");
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "ingest.json"), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`target ${TARGET_PER_SECOND} articles/s: ${result.met ? "met" : "NOT met"}\n`);
}

main();
