/** Posting to channels (the ChatAdapter port's post): rate limits, Slack's errors, pacing, idempotency. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackPostError } from "../../src/adapters/slack/post-error.js";
import { SlackAdapter } from "../../src/adapters/slack/slack-adapter.js";
import type { ChannelRef } from "../../src/core/command.js";
import { notice, type ReplyDocument } from "../../src/core/reply.js";
import { FAKE_SECRETS } from "../helpers/fake-secrets.js";
import { type FakeSlack, startFakeSlack } from "./fake-slack.js";
import { openTestApp } from "./helpers.js";

let fake: FakeSlack;
let app: Awaited<ReturnType<typeof openTestApp>>;
let adapter: SlackAdapter;

const channel = (id: string): ChannelRef => ({ platform: "slack", id, workspace: "T1", isDM: false });
const doc: ReplyDocument = notice("Digest: nothing new on libya-ceasefire.");

beforeAll(async () => {
  fake = await startFakeSlack();
  app = await openTestApp();
  // post() needs no connection: it goes straight to the Web API.
  adapter = new SlackAdapter({
    core: app.core,
    logger: app.logger,
    botToken: FAKE_SECRETS.slackBotToken,
    apiUrl: fake.apiUrl,
    mode: { kind: "http", signingSecret: FAKE_SECRETS.slackSigningSecret, port: 0, host: "127.0.0.1" },
    postIntervalMs: 300,
  });
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await app?.dispose();
});

async function failureOf(promise: Promise<unknown>): Promise<SlackPostError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SlackPostError);
  return error as SlackPostError;
}

describe("rate limits", () => {
  it("waits out a 429's Retry-After, retries once and delivers once", async () => {
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    const result = await adapter.post(channel("C429"), doc);
    const attempts = fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C429");
    expect(attempts).toHaveLength(2);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    const delivered = fake.posted.filter((m) => m.channel === "C429");
    expect(delivered).toHaveLength(1);
    expect(result.messageId).toBe(delivered[0]?.ts);
  });

  it("gives up after a few retries with a retryable ratelimited error", async () => {
    const limited = { status: 429, retryAfter: 0 } as const;
    fake.failNext("chat.postMessage", limited, limited, limited, limited, limited, limited);
    const error = await failureOf(adapter.post(channel("C429b"), doc));
    expect(error.code).toBe("ratelimited");
    expect(error.retryable).toBe(true);
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C429b")).toHaveLength(6);
    expect(fake.posted.filter((m) => m.channel === "C429b")).toHaveLength(0);
  });
});

describe("Slack's errors", () => {
  it.each(["channel_not_found", "not_in_channel", "is_archived", "account_inactive"])(
    "%s: thrown with the code, not retryable, channel gone",
    async (code) => {
      fake.failNext("chat.postMessage", { error: code });
      const error = await failureOf(adapter.post(channel(`C-${code}`), doc));
      expect(error.code).toBe(code);
      expect(error.message).toContain(code);
      expect(error.retryable).toBe(false);
      expect(error.channelGone).toBe(true);
    },
  );

  it("says what to do about an error people can fix", async () => {
    fake.failNext("chat.postMessage", { error: "not_in_channel" });
    const error = await failureOf(adapter.post(channel("C-hint"), doc));
    expect(error.message).toBe(
      "chat.postMessage failed: not_in_channel (invite the bot to the channel with /invite)",
    );
  });

  it("internal_error is retryable", async () => {
    fake.failNext("chat.postMessage", { error: "internal_error" });
    const error = await failureOf(adapter.post(channel("C-internal"), doc));
    expect(error.code).toBe("internal_error");
    expect(error.retryable).toBe(true);
    expect(error.channelGone).toBe(false);
  });

  it("an HTTP 500 is retried by the client, then reported as retryable", async () => {
    fake.failNext("chat.postMessage", { status: 500 }, { status: 500 }, { status: 500 });
    const error = await failureOf(adapter.post(channel("C500"), doc));
    expect(error.code).toBe("http_500");
    expect(error.retryable).toBe(true);
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C500")).toHaveLength(3);
  });

  it("falls back to the plain text when Slack refuses the blocks", async () => {
    fake.failNext("chat.postMessage", { error: "invalid_blocks" });
    await adapter.post(channel("C-blocks"), doc);
    const attempts = fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C-blocks");
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.args.blocks).toBeDefined();
    expect(attempts[1]?.args.blocks).toBeUndefined();
    expect(attempts[1]?.args.text).toContain("nothing new");
  });
});

describe("pacing", () => {
  it("spaces posts to one channel and lets other channels go ahead", async () => {
    await Promise.all([
      adapter.post(channel("C-paced"), doc),
      adapter.post(channel("C-paced"), doc),
      adapter.post(channel("C-paced"), doc),
      adapter.post(channel("C-other"), doc),
    ]);
    const paced = fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C-paced");
    expect(paced).toHaveLength(3);
    for (let i = 1; i < paced.length; i++) {
      // Spaced by the pacer (300 ms here), give or take the loopback's scheduling on a busy machine.
      expect((paced[i]?.at ?? 0) - (paced[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(200);
    }
    // The other channel did not wait behind the paced one.
    const other = fake.callsOf("chat.postMessage").find((c) => c.args.channel === "C-other");
    expect(other?.at ?? Infinity).toBeLessThan(paced[1]?.at ?? 0);
  });
});

describe("idempotency", () => {
  it("does not post twice with the same key", async () => {
    const historyCalls = fake.callsOf("conversations.history").length;
    const first = await adapter.post(channel("C-once"), doc, { idempotencyKey: "digest-42-2020-06-08" });
    // A first attempt posts straight away: the history is read only for a repeat.
    expect(fake.callsOf("conversations.history")).toHaveLength(historyCalls);
    // A repeat (the first attempt's outcome unknown) looks for the earlier post before posting.
    const again = await adapter.post(channel("C-once"), doc, {
      idempotencyKey: "digest-42-2020-06-08",
      repeat: true,
    });
    expect(again.messageId).toBe(first.messageId);
    expect(fake.posted.filter((m) => m.channel === "C-once")).toHaveLength(1);
    const other = await adapter.post(channel("C-once"), doc, { idempotencyKey: "digest-42-2020-06-09" });
    expect(other.messageId).not.toBe(first.messageId);
    expect(fake.posted.filter((m) => m.channel === "C-once")).toHaveLength(2);
  });

  it("still posts when the history cannot be read", async () => {
    fake.failNext("conversations.history", { error: "missing_scope" });
    await adapter.post(channel("C-noscope"), doc, { idempotencyKey: "k1", repeat: true });
    expect(fake.posted.filter((m) => m.channel === "C-noscope")).toHaveLength(1);
  });
});

describe("telling a person", () => {
  it("sends a direct message from the user id, with nothing that can ping", async () => {
    await adapter.notifyUser(
      { id: "U-OWNER" },
      "Your digest of <!channel> news is paused: channel_not_found.",
    );
    const call = fake.callsOf("chat.postMessage").find((c) => c.args.channel === "U-OWNER");
    expect(call?.args.text).toBe("Your digest of &lt;!channel&gt; news is paused: channel_not_found.");
  });
});
