/**
 * `npm run bench [-- DATA_DIR [SUITE]]`: every benchmark; their JSON results go to bench/results/, and the
 * report (latest.json and report.md, with the machine and Node version) is written from them.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runSuites } from "../eval/suites.js";
import { writeReport } from "./report.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const SUITES = ["ingest", "qa", "fanout", "feeds", "summarize", "coldstart"];
const status = runSuites({
  command: "bench",
  dir: here,
  suites: SUITES,
  envDataDir: process.env.NEWSBRIEF_BENCH_DATA,
});
const resultsDir = path.resolve(here, "../../bench/results");
if (status !== 2 && fs.existsSync(resultsDir)) process.stdout.write(`\n${writeReport(resultsDir, SUITES)}\n`);
process.exit(status);
