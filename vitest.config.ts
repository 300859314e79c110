import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Everything the bot writes in any test is searched for the fake secrets (test/helpers/fake-secrets.ts).
    globalSetup: ["test/setup/scan-summary.ts"],
    setupFiles: ["test/setup/scan-output.ts"],
  },
});
