/** Operating the bot: health, readiness and metrics over HTTP, and a graceful exit on SIGTERM. */
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, spawnCli, tempDir } from "./helpers/cli.js";

const dataDir = tempDir();
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function waitForHttp(url: string, timeoutMs: number): Promise<Response> {
  const started = Date.now();
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe("health, metrics and shutdown", () => {
  it("serves /healthz, /readyz and /metrics, and exits 0 on SIGTERM", async () => {
    const port = await freePort();
    const child = spawnCli(["--data-dir", dataDir, "chat"], { env: { PORT: String(port) } });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      const health = await waitForHttp(`http://127.0.0.1:${port}/healthz`, 10_000);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok" });
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: "ready", checks: { store: true, console: true } });

      child.stdin.write("Who brokered the ceasefire?\n");
      await new Promise<void>((resolve) => {
        const check = () => (/al-Sisi/.test(out) ? resolve() : setTimeout(check, 50));
        check();
      });
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/newsbrief_commands_total\{command="ask",platform="console",outcome="ok"\} 1/);
      expect(metrics).toMatch(/newsbrief_answer_seconds_count 1/);
      expect(metrics).toMatch(/newsbrief_digests_pending 0/);
      expect((await fetch(`http://127.0.0.1:${port}/nowhere`)).status).toBe(404);

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  }, 30_000);
});
