/** The one path into the core: unknown commands, permissions, abuse limits, and errors with a logged reference. */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandRequest } from "../../src/core/command.js";
import { Core } from "../../src/core/core.js";
import { dispatch, questionRequest } from "../../src/core/dispatch.js";
import { createRequestLimits } from "../../src/core/limits.js";
import { seedIfEmpty } from "../../src/corpus/seed.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite.js";
import { captureLogger } from "../helpers/capture-logger.js";
import { ROOT, tempDir } from "../helpers/cli.js";

let dir: string;
let store: SqliteStore;
const logLines: string[] = [];
const logger = captureLogger({ level: "info", label: "dispatch log", onLine: (l) => logLines.push(l) });

beforeAll(async () => {
  dir = tempDir();
  store = openSqliteStore(dir);
  await seedIfEmpty(store, `${ROOT}/briefings`);
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function request(
  command: string,
  options: CommandRequest["options"] = {},
  extra: Partial<CommandRequest> = {},
): CommandRequest {
  return {
    command,
    options,
    user: { id: "u1", canManageChannel: false },
    channel: { platform: "discord", id: "c1", workspace: "g1", isDM: false },
    ...extra,
  };
}

describe("dispatch", () => {
  it('answers a plain "help" with the commands, and anything else as a question', async () => {
    const base = { user: { id: "u1", canManageChannel: false }, channel: request("ask").channel };
    for (const text of ["help", "Help?", "  commands ", "What can you do?"])
      expect(questionRequest(text, base).command).toBe("help");
    expect(questionRequest("Who can help the government?", base)).toMatchObject({
      command: "ask",
      options: { question: "Who can help the government?" },
    });
    const reply = await dispatch(new Core({ store, logger }), questionRequest("help", base));
    expect(reply).toMatchObject({ kind: "list", title: "newsbrief commands" });
  });

  it("points an unknown command to /help", async () => {
    const reply = await dispatch(new Core({ store, logger }), request("frobnicate"));
    expect(reply).toMatchObject({
      kind: "notice",
      level: "warning",
      text: expect.stringMatching(/Unknown command \/frobnicate.*\/help/),
    });
  });

  it("checks the Manage Channels permission per subcommand", async () => {
    const core = new Core({ store, logger });
    const denied = await dispatch(
      core,
      request("digest", { topic: "libya-ceasefire", schedule: "daily 08:00" }, { subcommand: "subscribe" }),
    );
    expect(denied).toMatchObject({
      kind: "notice",
      text: "/digest subscribe needs the Manage Channels permission in this channel.",
    });
    const list = await dispatch(core, request("digest", {}, { subcommand: "list" }));
    expect(list).toMatchObject({ kind: "notice", text: expect.stringMatching(/while the bot is running/) });
    const missing = await dispatch(core, request("digest"));
    expect(missing).toMatchObject({
      kind: "notice",
      text: expect.stringMatching(/^Usage: \/digest subscribe\|unsubscribe\|list\|now/),
    });
  });

  it("limits questions per user and says how long to wait, but not on the console", async () => {
    const core = new Core({ store, logger });
    core.limits = createRequestLimits({ questionsPerMinute: 3, digestNowPerHour: 1 });
    const ask = (user: string, platform: "discord" | "console" = "discord") =>
      dispatch(
        core,
        request(
          "ask",
          { question: "Who brokered the ceasefire?" },
          {
            user: { id: user, canManageChannel: false },
            channel: { platform, id: "c1", workspace: "g1", isDM: false },
          },
        ),
      );
    for (let i = 0; i < 3; i++) expect((await ask("u1")).kind).toBe("answer");
    const limited = await ask("u1");
    expect(limited).toMatchObject({
      kind: "notice",
      private: true,
      text: expect.stringMatching(/please wait \d+ s/),
    });
    expect((await ask("u2")).kind).toBe("answer");
    for (let i = 0; i < 5; i++) expect((await ask("operator", "console")).kind).toBe("answer");
  });

  it("answers an unexpected failure with a reference that is also in the log", async () => {
    const broken = Object.create(store) as SqliteStore;
    broken.listTopics = async () => {
      throw new Error("disk on fire");
    };
    const reply = await dispatch(new Core({ store: broken, logger }), request("brief"));
    expect(reply).toMatchObject({ kind: "notice", level: "error", private: true });
    const ref = reply.kind === "notice" ? reply.text.match(/ref ([0-9A-F]{6})/)?.[1] : undefined;
    expect(ref).toBeDefined();
    const logged = logLines.map((l) => JSON.parse(l)).find((l) => l.ref === ref);
    expect(logged).toMatchObject({
      msg: "command failed",
      command: "brief",
      err: { message: "disk on fire" },
    });
    if (reply.kind === "notice") expect(reply.text).not.toMatch(/disk on fire/);
  });
});
