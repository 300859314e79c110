/**
 * Running a set of suites (evaluations or benchmarks), each `<dir>/<suite>/run.js` in a process of
 * its own so that one cannot disturb another's memory or timing, on the data folder given as
 * `DATA_DIR` (default ../shared/data, the public data beside the project).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export function runSuites(options: {
  command: string;
  dir: string;
  suites: string[];
  envDataDir?: string;
}): number {
  const dataDir = path.resolve(process.argv[2] ?? options.envDataDir ?? "../shared/data");
  const only = process.argv[3];
  if (!fs.existsSync(dataDir)) {
    process.stderr.write(
      `${options.command}: no data at ${dataDir}; pass the data folder: npm run ${options.command} -- /path/to/data\n`,
    );
    return 2;
  }
  let failed = 0;
  for (const suite of options.suites) {
    if (only && suite !== only) continue;
    const script = path.join(options.dir, suite, "run.js");
    if (!fs.existsSync(script)) continue;
    process.stdout.write(`\n== ${suite} ==\n`);
    const result = spawnSync(process.execPath, [script, dataDir], { stdio: "inherit" });
    if (result.status !== 0) failed++;
  }
  return failed > 0 ? 1 : 0;
}
