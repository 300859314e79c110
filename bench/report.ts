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

/**
 * When a result was measured, and on which processor when that is not the one named above the
 * table: results of several runs, on several machines, share the report.
 */
function measured(result: Json, cpu: string): string {
  const own = result.cpu ?? result.machine?.cpu;
  if (own === undefined) return `${result.generatedAt} (processor not recorded)`;
  return own === cpu ? String(result.generatedAt) : `${result.generatedAt} on ${own}`;
}

/** One table row per measured figure: [benchmark, figure, target, measured at]. */
function rows(results: Record<string, Json | undefined>, cpu: string): string[][] {
  const out: string[][] = [];
  const ingest = results.ingest;
  if (ingest) {
    for (const r of ingest.runs ?? []) {
      out.push([
        "ingest analysis (BBC, one core)",
        `${r.articles} articles: ${r.articlesPerSecond} articles/s (${r.seconds} s)`,
        "≥ 200/s",
        measured(ingest, cpu),
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
        measured(qa, cpu),
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
        measured(fanout, cpu),
      ]);
    }
  }
  const feeds = results.feeds;
  if (feeds) {
    out.push([
      "feed poll (2,000 new items with pages)",
      `${feeds.firstPoll?.articlesPerSecond} articles/s, peak RSS ${feeds.firstPoll?.peakRssMb} MB; second poll: ${feeds.secondPoll?.added} re-ingested`,
      "0 re-ingested",
      measured(feeds, cpu),
    ]);
  }
  const summarize = results.summarize;
  if (summarize) {
    for (const r of summarize.results ?? []) {
      const of = r.articlesPerSummary === "1" ? "1 article" : `${r.articlesPerSummary} articles`;
      out.push([
        "summarization (one core)",
        `${r.what}: ${r.summaries} summaries of ${of}, ${r.summariesPerSecond}/s, p50 ${r.ms?.p50} ms, p99 ${r.ms?.p99} ms`,
        "—",
        measured(summarize, cpu),
      ]);
    }
  }
  const coldstart = results.coldstart;
  if (coldstart) {
    out.push([
      "cold start: Node and the CLI's modules",
      `\`newsbrief --help\`: p50 ${coldstart.nodeAndModulesMs} ms`,
      "—",
      measured(coldstart, cpu),
    ]);
    for (const p of coldstart.points ?? []) {
      out.push([
        "cold start to ready (SQLite)",
        `${p.articles} article${p.articles === 1 ? "" : "s"} (${p.size}): /readyz 200 after p50 ${p.readyMs?.p50} ms (${p.readyMs?.min}–${p.readyMs?.max} ms, ${p.runs} runs), first answer ${p.firstAnswerMs?.p50} ms later; re-analysed on restart in ${p.reanalysedOnRestart} of ${p.runs}`,
        "no re-analysis on restart",
        measured(coldstart, cpu),
      ]);
    }
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
    `Report written on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GiB, Node ${machine.node} (\`npm run bench\`); a row measured on another processor names it.`,
    "",
    "| benchmark | result | target | measured |",
    "|---|---|---|---|",
    ...rows(results, machine.cpu).map(
      (r) => `| ${r.map((c) => String(c).replace(/\|/g, "\\|")).join(" | ")} |`,
    ),
  ].join("\n");
  fs.writeFileSync(path.join(resultsDir, "report.md"), `${table}\n`);
  return table;
}
