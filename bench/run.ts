/**
 * `npm run bench [-- DATA_DIR]`: runs every benchmark (each in its own process, so one
 * cannot disturb another's memory or timing), leaves their JSON results in bench/results/, and
 * writes the report (latest.json and report.md) from them.
 * DATA_DIR defaults to ../shared/data, the public evaluation data beside the project.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeReport } from "./report.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(process.argv[2] ?? process.env.NEWSBRIEF_BENCH_DATA ?? "../shared/data");
const only = process.argv[3];
const SUITES = ["ingest", "qa", "fanout", "feeds"];

if (!fs.existsSync(dataDir)) {
  process.stderr.write(
    `bench: no data at ${dataDir}; pass the data folder: npm run bench -- /path/to/data\n`,
  );
  process.exit(2);
}
let failed = 0;
for (const suite of SUITES) {
  if (only && suite !== only) continue;
  const script = path.join(here, suite, "run.js");
  if (!fs.existsSync(script)) continue;
  process.stdout.write(`\n== ${suite} ==\n`);
  const result = spawnSync(process.execPath, [script, dataDir], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
const resultsDir = path.resolve(here, "../../bench/results");
if (fs.existsSync(resultsDir)) process.stdout.write(`\n${writeReport(resultsDir, SUITES)}\n`);
process.exit(failed > 0 ? 1 : 0);
