/** The Slack adapter in Socket Mode: the real Bolt App and Socket Mode client against the fake Slack. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackAdapter } from "../../src/adapters/slack/slack-adapter.js";
import { UsageError } from "../../src/core/errors.js";
import { FAKE_SECRETS } from "../helpers/fake-secrets.js";
import { recordText } from "../helpers/output-capture.js";
import { BOT, type FakeSlack, startFakeSlack } from "./fake-slack.js";
import { eventCallback, messageText, openTestApp, slashCommandFields } from "./helpers.js";

let fake: FakeSlack;
let app: Awaited<ReturnType<typeof openTestApp>>;

function socketAdapter(commandPrefix?: string): SlackAdapter {
  return new SlackAdapter({
    ...(commandPrefix ? { commandPrefix } : {}),
    core: app.core,
    logger: app.logger,
    botToken: FAKE_SECRETS.slackBotToken,
    apiUrl: fake.apiUrl,
    mode: { kind: "socket", appToken: FAKE_SECRETS.slackAppToken },
    postIntervalMs: 50,
  });
}

beforeAll(async () => {
  fake = await startFakeSlack();
  app = await openTestApp();
});

afterAll(async () => {
  await fake?.close();
  await app?.dispose();
});

describe("Socket Mode", () => {
  let adapter: SlackAdapter;

  beforeAll(async () => {
    adapter = socketAdapter();
    await adapter.start();
  });

  afterAll(async () => {
    await adapter?.stop();
  });

  it("opens the connection with the app token through SLACK_API_URL", () => {
    expect(adapter.isReady()).toBe(true);
    const open = fake.callsOf("apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe(FAKE_SECRETS.slackAppToken);
    expect(fake.connectedSockets).toBe(1);
  });

  it("acknowledges a slash command envelope and answers at the response_url", async () => {
    const started = performance.now();
    const ack = await fake.sendEnvelope(
      "slash_commands",
      slashCommandFields({ command: "/brief", response_url: fake.responseUrl("socket-brief") }),
    );
    expect(performance.now() - started).toBeLessThan(3000);
    expect(String(ack.envelope_id)).toMatch(/^env-/);
    const reply = await fake.waitFor(() => fake.responses.find((r) => r.id === "socket-brief"));
    expect(reply.body.response_type).toBe("in_channel");
    expect(messageText(reply.body)).toContain("Sources");
  });

  it("acknowledges an app_mention envelope and answers in the thread", async () => {
    await fake.sendEnvelope(
      "events_api",
      eventCallback({
        type: "app_mention",
        user: "U1",
        text: `<@${BOT.userId}> Who brokered the ceasefire?`,
        ts: "1700000100.000001",
        channel: "C2",
      }),
    );
    const post = await fake.waitFor(() =>
      fake.callsOf("chat.postMessage").find((c) => c.args.thread_ts === "1700000100.000001"),
    );
    expect(post.args.channel).toBe("C2");
    expect(messageText(post.args)).toContain("Sisi");
  });

  it("answers a direct message in its thread", async () => {
    await fake.sendEnvelope(
      "events_api",
      eventCallback({
        type: "message",
        channel_type: "im",
        channel: "D9",
        user: "U1",
        text: "/topics",
        ts: "1700000101.000001",
      }),
    );
    const post = await fake.waitFor(() =>
      fake.callsOf("chat.postMessage").find((c) => c.args.thread_ts === "1700000101.000001"),
    );
    expect(post.args.channel).toBe("D9");
    expect(messageText(post.args)).toContain("libya-ceasefire");
  });
});

describe("starting with Slack trouble", () => {
  it("keeps running when auth.test fails for a reason other than the token", async () => {
    // The Web API client retries twice, so three failures in a row.
    fake.failNext("auth.test", { status: 500 }, { status: 500 }, { status: 500 });
    const adapter = socketAdapter();
    try {
      await adapter.start();
      await fake.sendEnvelope(
        "events_api",
        eventCallback({
          type: "app_mention",
          user: "U1",
          text: `<@${BOT.userId}> /topics`,
          ts: "1700000200.000001",
          channel: "C3",
        }),
      );
      await fake.waitFor(() =>
        fake.callsOf("chat.postMessage").find((c) => c.args.thread_ts === "1700000200.000001"),
      );
    } finally {
      await adapter.stop();
    }
  });

  it("stops with a clear message when Slack refuses the bot token", async () => {
    fake.failNext("auth.test", { error: "invalid_auth" });
    const adapter = socketAdapter();
    const failure = await adapter.start().then(
      () => undefined,
      (error: unknown) => error,
    );
    await adapter.stop();
    recordText("bot token refused", String(failure));
    expect(failure).toBeInstanceOf(UsageError);
    expect(String((failure as Error).message)).toContain("SLACK_BOT_TOKEN (invalid_auth)");
  });

  it("stops with a clear message when Slack refuses the app token", async () => {
    fake.failNext("apps.connections.open", { error: "invalid_auth" });
    const adapter = socketAdapter();
    const failure = await adapter.start().then(
      () => undefined,
      (error: unknown) => error,
    );
    await adapter.stop();
    recordText("app token refused", String(failure));
    expect(failure).toBeInstanceOf(UsageError);
    expect(String((failure as Error).message)).toContain("SLACK_APP_TOKEN (invalid_auth)");
  });
});

describe("Socket Mode with a command prefix", () => {
  let adapter: SlackAdapter;

  beforeAll(async () => {
    adapter = socketAdapter("nb-");
    await adapter.start();
  });

  afterAll(async () => {
    await adapter?.stop();
  });

  it("answers the prefixed commands and names them so in /help", async () => {
    await fake.sendEnvelope(
      "slash_commands",
      slashCommandFields({ command: "/nb-help", response_url: fake.responseUrl("prefixed-help") }),
    );
    const reply = await fake.waitFor(() => fake.responses.find((r) => r.id === "prefixed-help"));
    const text = messageText(reply.body);
    expect(text).toContain("/nb-brief");
    expect(text).toContain("/nb-ask");
    expect(text).not.toMatch(/(^|[^-\w])\/brief\b/);
  });
});
