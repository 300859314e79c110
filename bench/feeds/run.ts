/**
 * Feed polling speed: one poll of a local news site whose feed has 2,000 new items (each article's
 * page fetched, extracted, de-duplicated, analysed and stored in SQLite), then a second poll of the
 * same feed, which must store nothing again. Reports articles per second and the poller's peak RSS.
 * Usage: node dist/bench/feeds/run.js [DATA_DIR]; writes bench/results/feeds.json.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_FETCH_POLICY } from "../../src/sources/fetch.js";
import { DEFAULT_SOURCE_SETTINGS, SourceService } from "../../src/sources/service.js";
import { openSqliteStore } from "../../src/store/sqlite.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const dataDir = path.resolve(process.argv[2] ?? "../shared/data");
const NEW_ITEMS = 2000;
const INITIAL = 20;

async function startSite(): Promise<{ port: number; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [path.join(here, "server.js"), dataDir, String(INITIAL + NEW_ITEMS)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once("data", (d) => resolve(Number(String(d).trim())));
    child.once("exit", (code) => reject(new Error(`the bench site exited (${code})`)));
  });
  return { port, stop: () => child.kill() };
}

/** Samples RSS while `fn` runs; the peak seen (and the process's own high-water mark). */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const started = process.hrtime.bigint();
  const value = await fn();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { value, seconds, peakRssMb: Math.round(peak / 1024 / 1024) };
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(dataDir, "bbc-news-summary"))) {
    process.stderr.write(`bench feeds: no BBC News Summary articles under ${dataDir}\n`);
    process.exit(2);
  }
  const site = await startSite();
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbrief-bench-feeds-"));
  const store = openSqliteStore(storeDir);
  try {
    const service = new SourceService(store, {
      ...DEFAULT_SOURCE_SETTINGS,
      policy: { ...DEFAULT_FETCH_POLICY, privateAddresses: true },
    });
    const { source } = await service.add({
      url: `http://127.0.0.1:${site.port}/feed.xml`,
      topics: ["bench"],
    });
    const [baseline] = await service.poll(source.id);
    await fetch(`http://127.0.0.1:${site.port}/grow`, { method: "POST" });
    const rssBefore = Math.round(process.memoryUsage().rss / 1024 / 1024);
    const first = await measured(() => service.poll(source.id));
    const second = await measured(() => service.poll(source.id));
    const r1 = first.value[0];
    const r2 = second.value[0];
    const articles = await store.countArticles("bench");
    const result = {
      generatedAt: new Date().toISOString(),
      what:
        "one poll of a local feed with 2,000 new items (BBC News Summary articles): each page fetched, extracted with " +
        "Readability on linkedom, de-duplicated (GUID, URL, content hash, SimHash), analysed and stored in SQLite; then a second poll",
      node: process.version,
      cpu: os.cpus()[0]?.model ?? "unknown",
      baseline: { itemsRecorded: baseline?.fresh, articlesStored: 0 },
      firstPoll: {
        newItems: r1?.fresh,
        added: r1?.added,
        duplicates: r1?.duplicates,
        nearDuplicates: r1?.nearDuplicates,
        rejected: r1?.rejected,
        seconds: Math.round(first.seconds * 100) / 100,
        articlesPerSecond: Math.round(((r1?.added ?? 0) / first.seconds) * 10) / 10,
        rssBeforeMb: rssBefore,
        peakRssMb: first.peakRssMb,
      },
      secondPoll: {
        newItems: r2?.fresh,
        added: r2?.added,
        seconds: Math.round(second.seconds * 100) / 100,
      },
      articlesInStore: articles,
      processMaxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    const outDir = path.join(root, "bench/results");
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, "feeds.json"), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `first poll: ${r1?.fresh} new items, ${r1?.added} added (${r1?.duplicates} duplicates, ${r1?.nearDuplicates} near-duplicates, ${r1?.rejected} rejected) in ${result.firstPoll.seconds} s = ${result.firstPoll.articlesPerSecond} articles/s, peak RSS ${first.peakRssMb} MB\n` +
        `second poll: ${r2?.fresh} new items, ${r2?.added} added in ${result.secondPoll.seconds} s\n`,
    );
    if ((r2?.added ?? 1) !== 0) process.exitCode = 1;
  } finally {
    await store.close();
    site.stop();
    fs.rmSync(storeDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`bench feeds: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
