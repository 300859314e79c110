/** Runs the planted leak alone, with the suite's per-file secret scan (see test/secrets-scan.test.ts). */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../../..", import.meta.url)),
  test: {
    include: ["test/setup/planted/leak.fixture.ts"],
    pool: "forks",
    setupFiles: ["test/setup/scan-output.ts"],
  },
});
