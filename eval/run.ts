/**
 * `npm run eval [-- DATA_DIR [SUITE]]`: every quality evaluation; their JSON results go to eval/results/.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runSuites } from "./suites.js";

process.exit(
  runSuites({
    command: "eval",
    dir: path.dirname(fileURLToPath(import.meta.url)),
    suites: ["summaries", "entities", "qa"],
    envDataDir: process.env.NEWSBRIEF_EVAL_DATA,
  }),
);
