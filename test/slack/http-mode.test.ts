/** The Slack adapter in HTTP mode: the real Bolt App and HTTP receiver against the fake Slack. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SlackAdapter } from "../../src/adapters/slack/slack-adapter.js";
import { opsRoutes } from "../../src/ops/server.js";
import { FAKE_SECRETS } from "../helpers/fake-secrets.js";
import { BOT, type FakeSlack, startFakeSlack } from "./fake-slack.js";
import { eventCallback, messageText, openTestApp, postToSlackEvents, slashCommandBody } from "./helpers.js";

let fake: FakeSlack;
let app: Awaited<ReturnType<typeof openTestApp>>;
let adapter: SlackAdapter;
let port: number;

beforeAll(async () => {
  fake = await startFakeSlack();
  app = await openTestApp();
  adapter = new SlackAdapter({
    core: app.core,
    logger: app.logger,
    botToken: FAKE_SECRETS.slackBotToken,
    apiUrl: fake.apiUrl,
    mode: { kind: "http", signingSecret: FAKE_SECRETS.slackSigningSecret, port: 0, host: "127.0.0.1" },
    postIntervalMs: 50,
    routes: opsRoutes(app.core.store, () => [adapter]),
  });
  expect(adapter.isReady()).toBe(false);
  await adapter.start();
  port = adapter.address?.port as number;
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await app?.dispose();
});

const form = "application/x-www-form-urlencoded" as const;

describe("slash commands", () => {
  it("acknowledges /brief at once and answers at the response_url in the channel", async () => {
    const res = await postToSlackEvents(
      port,
      slashCommandBody({ command: "/brief", text: "", response_url: fake.responseUrl("brief-1") }),
      form,
    );
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const reply = await fake.waitFor(() => fake.responses.find((r) => r.id === "brief-1"));
    expect(reply.body.response_type).toBe("in_channel");
    const blocks = reply.body.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]?.type).toBe("header");
    expect(blocks[0]?.text?.text).toContain("briefing");
    expect(messageText(reply.body)).toContain("Sources");
    expect(String(reply.body.text)).toContain("Summary");
  });

  it("answers /ask with the quoted source sentence", async () => {
    await postToSlackEvents(
      port,
      slashCommandBody({
        command: "/ask",
        text: "Who brokered the ceasefire?",
        response_url: fake.responseUrl("ask-1"),
      }),
      form,
    );
    const reply = await fake.waitFor(() => fake.responses.find((r) => r.id === "ask-1"));
    expect(messageText(reply.body)).toContain("Sisi");
    expect(messageText(reply.body)).toContain("Who brokered the ceasefire?");
  });

  it("shows a usage message privately when the arguments are wrong", async () => {
    await postToSlackEvents(
      port,
      slashCommandBody({ command: "/ask", text: "", response_url: fake.responseUrl("ask-empty") }),
      form,
    );
    const reply = await fake.waitFor(() => fake.responses.find((r) => r.id === "ask-empty"));
    expect(reply.body.response_type).toBe("ephemeral");
    expect(String(reply.body.text)).toContain("Usage: /ask");
  });

  it("never lets a question ping the channel or a user, or fake a link", async () => {
    await postToSlackEvents(
      port,
      slashCommandBody({
        command: "/ask",
        // As Slack delivers typed text: its own markup for the broadcast and the mention, & < > escaped.
        text: "<!channel> &lt;!here&gt; <@U999|bob> &lt;http://evil.example|click&gt; who brokered the ceasefire?",
        response_url: fake.responseUrl("ask-hostile"),
      }),
      form,
    );
    const reply = await fake.waitFor(() => fake.responses.find((r) => r.id === "ask-hostile"));
    const all = messageText(reply.body);
    expect(all).toContain("who brokered the ceasefire?");
    for (const forbidden of ["<!channel>", "<!here>", "<@U999", "<http://evil.example"]) {
      expect(all).not.toContain(forbidden);
    }
  });

  it("shows hostile text that comes back in a message as text", async () => {
    await postToSlackEvents(
      port,
      slashCommandBody({
        command: "/brief",
        text: "&lt;!here&gt;&lt;@U999&gt;",
        response_url: fake.responseUrl("brief-hostile"),
      }),
      form,
    );
    const reply = await fake.waitFor(() => fake.responses.find((r) => r.id === "brief-hostile"));
    expect(reply.body.response_type).toBe("ephemeral");
    const all = messageText(reply.body);
    // The unknown topic is named in the answer, escaped: visible as typed, inert.
    expect(all).toContain("&lt;!here&gt;&lt;@U999&gt;");
    expect(all).not.toContain("<!here>");
    expect(all).not.toContain("<@U999>");
  });
});

describe("digest subscriptions from Slack", () => {
  it("lets a workspace admin subscribe the channel and lists it; refuses other members", async () => {
    fake.handle("users.info", (args) => ({
      ok: true,
      user: { id: args.user, is_admin: args.user === "U-ADMIN" },
    }));
    fake.handle("conversations.info", (args) => ({
      ok: true,
      channel: { id: args.channel, creator: "U-SOMEONE" },
    }));
    await postToSlackEvents(
      port,
      slashCommandBody({
        command: "/digest",
        text: "subscribe topic:libya-ceasefire weekdays 07:30",
        channel_id: "C-DIGEST",
        user_id: "U-MEMBER",
        response_url: fake.responseUrl("digest-denied"),
      }),
      form,
    );
    const denied = await fake.waitFor(() => fake.responses.find((r) => r.id === "digest-denied"));
    expect(messageText(denied.body)).toContain("needs the Manage Channels permission");
    expect(denied.body.response_type).toBe("ephemeral");

    await postToSlackEvents(
      port,
      slashCommandBody({
        command: "/digest",
        text: "subscribe topic:libya-ceasefire weekdays 07:30",
        channel_id: "C-DIGEST",
        user_id: "U-ADMIN",
        response_url: fake.responseUrl("digest-subscribe"),
      }),
      form,
    );
    const subscribed = await fake.waitFor(() => fake.responses.find((r) => r.id === "digest-subscribe"));
    expect(messageText(subscribed.body)).toContain("Subscribed: libya-ceasefire, weekdays 07:30 (UTC)");

    await postToSlackEvents(
      port,
      slashCommandBody({
        command: "/digest",
        text: "list",
        channel_id: "C-DIGEST",
        user_id: "U-MEMBER",
        response_url: fake.responseUrl("digest-list"),
      }),
      form,
    );
    const listed = await fake.waitFor(() => fake.responses.find((r) => r.id === "digest-list"));
    expect(messageText(listed.body)).toContain("libya-ceasefire — weekdays 07:30 (UTC)");
    const subs = await app.core.store.ledger.listSubscriptions({ platform: "slack", channelId: "C-DIGEST" });
    expect(subs).toMatchObject([{ workspace: "T1", createdBy: "U-ADMIN", cron: "30 7 * * 1-5" }]);
  });
});

describe("a command this bot does not answer", () => {
  it("explains the prefix mismatch at once instead of timing out", async () => {
    const res = await postToSlackEvents(
      port,
      slashCommandBody({ command: "/nb-brief", text: "", response_url: fake.responseUrl("nb-brief") }),
      form,
    );
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { response_type: string; text: string };
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toContain("does not answer /nb-brief");
    expect(body.text).toContain("/brief, /ask");
    expect(body.text).toContain("SLACK_COMMAND_PREFIX");
  });
});

describe("request verification", () => {
  it("refuses a bad signature with 401 and runs no handler", async () => {
    const brief = vi.spyOn(app.core, "brief");
    const bad = await postToSlackEvents(
      port,
      slashCommandBody({ command: "/brief", text: "", response_url: fake.responseUrl("forged") }),
      form,
      { secret: "not-the-secret" },
    );
    expect(bad.status).toBe(401);
    // A genuine request sent afterwards is answered; the forged one never is.
    await postToSlackEvents(
      port,
      slashCommandBody({ command: "/topics", text: "", response_url: fake.responseUrl("after-forged") }),
      form,
    );
    await fake.waitFor(() => fake.responses.find((r) => r.id === "after-forged"));
    expect(fake.responses.some((r) => r.id === "forged")).toBe(false);
    expect(brief).not.toHaveBeenCalled();
    brief.mockRestore();
  });

  it("refuses a correctly signed request that is six minutes old with 401", async () => {
    const brief = vi.spyOn(app.core, "brief");
    const stale = await postToSlackEvents(
      port,
      slashCommandBody({ command: "/brief", text: "", response_url: fake.responseUrl("stale") }),
      form,
      { ageSeconds: 6 * 60 },
    );
    expect(stale.status).toBe(401);
    await postToSlackEvents(
      port,
      slashCommandBody({ command: "/topics", text: "", response_url: fake.responseUrl("after-stale") }),
      form,
    );
    await fake.waitFor(() => fake.responses.find((r) => r.id === "after-stale"));
    expect(fake.responses.some((r) => r.id === "stale")).toBe(false);
    expect(brief).not.toHaveBeenCalled();
    brief.mockRestore();
  });

  it("answers Slack's url_verification challenge", async () => {
    const res = await postToSlackEvents(
      port,
      JSON.stringify({ token: "unused", challenge: "challenge-42", type: "url_verification" }),
      "application/json",
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain("challenge-42");
  });
});

describe("mentions and direct messages", () => {
  it("answers an app_mention in its thread", async () => {
    const res = await postToSlackEvents(
      port,
      JSON.stringify(
        eventCallback({
          type: "app_mention",
          user: "U1",
          text: `<@${BOT.userId}> Who brokered the ceasefire?`,
          ts: "1700000000.000001",
          channel: "C1",
        }),
      ),
      "application/json",
    );
    expect(res.status).toBe(200);
    const post = await fake.waitFor(() =>
      fake.callsOf("chat.postMessage").find((c) => c.args.thread_ts === "1700000000.000001"),
    );
    expect(post.args.channel).toBe("C1");
    expect(post.token).toBe(FAKE_SECRETS.slackBotToken);
    expect(messageText(post.args)).toContain("Sisi");
  });

  it("answers a direct message in its thread, and keeps the thread as the conversation", async () => {
    const ask = vi.spyOn(app.core, "ask");
    const dm = (text: string, ts: string, threadTs?: string) =>
      postToSlackEvents(
        port,
        JSON.stringify(
          eventCallback({
            type: "message",
            channel_type: "im",
            channel: "D1",
            user: "U1",
            text,
            ts,
            ...(threadTs ? { thread_ts: threadTs } : {}),
          }),
        ),
        "application/json",
      );
    await dm("Who brokered the ceasefire?", "1700000001.000001");
    const first = await fake.waitFor(() =>
      fake.callsOf("chat.postMessage").find((c) => c.args.thread_ts === "1700000001.000001"),
    );
    expect(first.args.channel).toBe("D1");
    await dm("What did he stress?", "1700000001.000002", "1700000001.000001");
    await fake.waitFor(() => {
      const replies = fake
        .callsOf("chat.postMessage")
        .filter((c) => c.args.thread_ts === "1700000001.000001");
      return replies.length === 2 ? replies : undefined;
    });
    // Both questions are asked in one conversation: the thread.
    expect(ask.mock.calls.map((call) => call[2])).toEqual([
      "slack:T1:D1:1700000001.000001",
      "slack:T1:D1:1700000001.000001",
    ]);
    ask.mockRestore();
    await dm("/timeline", "1700000001.000003", "1700000001.000001");
    const command = await fake.waitFor(() =>
      fake
        .callsOf("chat.postMessage")
        .find((c) => c.args.thread_ts === "1700000001.000001" && messageText(c.args).includes("timeline")),
    );
    expect(command.args.channel).toBe("D1");
  });

  it("ignores its own messages and other bots' messages", async () => {
    const before = fake.callsOf("chat.postMessage").length;
    for (const event of [
      { user: BOT.userId, bot_id: BOT.botId, ts: "1700000002.000001" },
      { user: "U2", bot_id: "BOTHER", subtype: "bot_message", ts: "1700000002.000002" },
    ]) {
      await postToSlackEvents(
        port,
        JSON.stringify(
          eventCallback({ type: "message", channel_type: "im", channel: "D1", text: "hi", ...event }),
        ),
        "application/json",
      );
    }
    // Then a real question: once it is answered, the ignored ones would have been too.
    await postToSlackEvents(
      port,
      JSON.stringify(
        eventCallback({
          type: "message",
          channel_type: "im",
          channel: "D1",
          user: "U1",
          text: "Who is Haftar?",
          ts: "1700000002.000003",
        }),
      ),
      "application/json",
    );
    await fake.waitFor(() =>
      fake.callsOf("chat.postMessage").find((c) => c.args.thread_ts === "1700000002.000003"),
    );
    const replies = fake.callsOf("chat.postMessage").slice(before);
    expect(replies.map((c) => c.args.thread_ts)).toEqual(["1700000002.000003"]);
  });

  it("answers a redelivered event only once", async () => {
    const body = JSON.stringify(
      eventCallback({
        type: "app_mention",
        user: "U1",
        text: `<@${BOT.userId}> /topics`,
        ts: "1700000003.000001",
        channel: "C1",
      }),
    );
    await postToSlackEvents(port, body, "application/json");
    await postToSlackEvents(port, body, "application/json");
    await fake.waitFor(() =>
      fake.callsOf("chat.postMessage").find((c) => c.args.thread_ts === "1700000003.000001"),
    );
    // Give a duplicate reply the time the first one needed, then count.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      fake.callsOf("chat.postMessage").filter((c) => c.args.thread_ts === "1700000003.000001"),
    ).toHaveLength(1);
  });

  it("shows a mention's error only to the person who asked", async () => {
    await postToSlackEvents(
      port,
      JSON.stringify(
        eventCallback({
          type: "app_mention",
          user: "U7",
          text: `<@${BOT.userId}> /brief topic:no-such-topic`,
          ts: "1700000004.000001",
          channel: "C1",
        }),
      ),
      "application/json",
    );
    const ephemeral = await fake.waitFor(() =>
      fake.callsOf("chat.postEphemeral").find((c) => c.args.thread_ts === "1700000004.000001"),
    );
    expect(ephemeral.args.user).toBe("U7");
    expect(String(ephemeral.args.text)).toContain("no-such-topic");
  });
});

describe("health and metrics on the same server", () => {
  it("answers /healthz, /readyz with Slack ready, and /metrics", async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { store: true, slack: true } });
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
  });
});
