/**
 * The benchmark report: every suite's JSON result gathered into bench/results/latest.json, and a
 * Markdown table (bench/results/report.md, embedded in the README) that always names the machine
 * and the Node version the figures were measured on.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// biome-ignore lint/suspicious/noExplicitAny: result files of several shapes, read for a report
type Json = Record<string, any>;

function read(dir: string, suite: string): Json | undefined {
  const file = path.join(dir, `${suite}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Json) : undefined;
}

/** One table row per measured figure: [benchmark, figure, target, measured at]. */
function rows(results: Record<string, Json | undefined>): string[][] {
  const out: string[][] = [];
  const ingest = results.ingest;
  if (ingest) {
    for (const r of ingest.runs ?? []) {
      out.push([
        "ingest analysis (BBC, one core)",
        `${r.articles} articles: ${r.articlesPerSecond} articles/s (${r.seconds} s)`,
        "≥ 200/s",
        ingest.generatedAt,
      ]);
    }
  }
  const qa = results.qa;
  if (qa) {
    for (const p of qa.points ?? []) {
      out.push([
        "answer latency and memory",
        `${p.articles} articles: p50 ${p.latencyMs?.p50} ms, p99 ${p.latencyMs?.p99} ms, peak RSS ${p.peakRssMb} MB, index build ${p.indexBuildSeconds} s`,
        p.articles >= 50_000 ? "p99 ≤ 250 ms, RSS ≤ 500 MB" : "p99 ≤ 50 ms",
        qa.generatedAt,
      ]);
    }
  }
  const fanout = results.fanout;
  if (fanout) {
    for (const r of fanout.results ?? []) {
      out.push([
        `digest fan-out (${r.platform})`,
        `${r.subscriptions} subscriptions: ${r.deliveredPerSecond}/s of ${r.allowedPerSecond}/s allowed (${(r.shareOfAllowed * 100).toFixed(1)}%), ${r.rateLimited429s} 429s, ${r.lost} lost, ${r.duplicated} duplicated, compose ${r.composeMs} ms`,
        "≥ 90%, 0 lost, 0 duplicated",
        fanout.generatedAt,
      ]);
    }
  }
  const feeds = results.feeds;
  if (feeds) {
    out.push([
      "feed poll (2,000 new items with pages)",
      `${feeds.firstPoll?.articlesPerSecond} articles/s, peak RSS ${feeds.firstPoll?.peakRssMb} MB; second poll: ${feeds.secondPoll?.added} re-ingested`,
      "0 re-ingested",
      feeds.generatedAt,
    ]);
  }
  return out;
}

export function writeReport(resultsDir: string, suites: string[]): string {
  const results = Object.fromEntries(suites.map((s) => [s, read(resultsDir, s)]));
  const machine = {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
  fs.writeFileSync(
    path.join(resultsDir, "latest.json"),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, results }, null, 2)}\n`,
  );
  const table = [
    `Measured on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GiB, Node ${machine.node} (\`npm run bench\`).`,
    "",
    "| benchmark | result | target | measured |",
    "|---|---|---|---|",
    ...rows(results).map((r) => `| ${r.map((c) => String(c).replace(/\|/g, "\\|")).join(" | ")} |`),
  ].join("\n");
  fs.writeFileSync(path.join(resultsDir, "report.md"), `${table}\n`);
  return table;
}
