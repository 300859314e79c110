/**
 * The Discord adapter end to end: the real discord.js client logs in to a fake Discord on 127.0.0.1,
 * receives slash commands, autocomplete, DMs and mentions over the gateway, and answers over REST.
 */
import { ChatInputCommandInteraction, type Client, GatewayIntentBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscordChat } from "../../src/adapters/discord/discord-chat.js";
import { DiscordPostError } from "../../src/adapters/discord/post-error.js";
import type { ChannelRef } from "../../src/core/command.js";
import { UserFacingError } from "../../src/core/errors.js";
import { DigestDelivery } from "../../src/digests/delivery.js";
import { DigestScheduler } from "../../src/digests/scheduler.js";
import { DigestService } from "../../src/digests/service.js";
import { FAKE_SECRETS } from "../helpers/fake-secrets.js";
import { embedText, violations } from "./embed-limits.js";
import { FakeDiscord, type RecordedRequest } from "./fake-discord.js";
import { type Harness, memoryLogger, openCore, startHarness } from "./harness.js";
import { autocomplete, DM_CHANNEL, messageCreate, slashCommand, text } from "./payloads.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ deferAfterMs: 1000 });
});
afterAll(async () => h?.close());

const isCallback = (id: string) => (r: RecordedRequest) =>
  r.method === "POST" && r.path.includes(`/interactions/${id}/`);
const isOriginalEdit = (token: string) => (r: RecordedRequest) =>
  r.method === "PATCH" && r.path === `/webhooks/${h.fake.applicationId}/${token}/messages/@original`;
const isFollowUp = (token: string) => (r: RecordedRequest) =>
  r.method === "POST" && r.path === `/webhooks/${h.fake.applicationId}/${token}`;

/** Send a gateway event and wait for the request it leads to. */
async function sendAndWait(
  event: string,
  data: unknown,
  match: (r: RecordedRequest) => boolean,
): Promise<RecordedRequest> {
  const from = h.fake.requests.length;
  h.fake.dispatch(event, data);
  return h.fake.waitForRequest(match, from);
}

describe("Discord adapter against a fake Discord", () => {
  it("logs in with the least intents and becomes ready", async () => {
    const gateway = h.fake.requests.find((r) => r.path === "/gateway/bot");
    expect(gateway?.headers.authorization).toBe(`Bot ${FAKE_SECRETS.discordToken}`);
    const intents = Number(h.fake.identifies[0]?.intents);
    const wanted =
      GatewayIntentBits.Guilds |
      GatewayIntentBits.DirectMessages |
      GatewayIntentBits.GuildMessages |
      GatewayIntentBits.MessageContent;
    expect(intents).toBe(wanted);
    expect(h.chat.client.isReady()).toBe(true);
    expect(h.chat.client.user?.id).toBe(h.fake.botUser.id);
  });

  it("/ask defers, then edits in the answer with the evidence quoted", async () => {
    const ask = slashCommand(h.fake, "ask", [text("question", "Who brokered the ceasefire?")]);
    const callback = await sendAndWait("INTERACTION_CREATE", ask, isCallback(ask.id));
    expect(callback.body.type).toBe(5);
    const edit = await h.fake.waitForRequest(isOriginalEdit(ask.token));
    expect(violations(edit.body)).toEqual([]);
    const embed = edit.body.embeds[0];
    expect(embed.title).toBe("Who brokered the ceasefire?");
    expect(embed.description).toMatch(/al-Sisi/);
    expect(embed.fields[0].value).toMatch(/^> “.*brokered the ceasefire.*”/);
  });

  it("/topics answers at once in the interaction callback", async () => {
    const topics = slashCommand(h.fake, "topics");
    const callback = await sendAndWait("INTERACTION_CREATE", topics, isCallback(topics.id));
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags ?? 0).toBe(0);
    expect(violations(callback.body.data)).toEqual([]);
    expect(embedText(callback.body.data)).toMatch(/libya-ceasefire/);
  });

  it("/brief is deferred, then edited into a briefing with sources as links and a footer", async () => {
    const brief = slashCommand(h.fake, "brief");
    const callback = await sendAndWait("INTERACTION_CREATE", brief, isCallback(brief.id));
    expect(callback.body.type).toBe(5);
    const edit = await h.fake.waitForRequest(isOriginalEdit(brief.token));
    expect(violations(edit.body)).toEqual([]);
    const embed = edit.body.embeds[0];
    expect(embed.title).toBe("Libya ceasefire — briefing");
    expect(embed.description).toMatch(/^• .+ \[1\]/);
    const sources = embed.fields.find((f: { name: string }) => f.name === "Sources");
    // The seed article has no public URL, so its title is not a link (links are covered by the renderer tests).
    expect(sources.value).toMatch(/^\[1\] Tripoli's militias push toward Sirte .* · 2020-06-08 · /);
    expect(edit.body.embeds.at(-1).footer.text).toBe("libya-ceasefire · newsbrief");
    expect(Date.parse(edit.body.embeds.at(-1).timestamp)).not.toBeNaN();
  });

  it("replaces the public 'thinking…' message with an ephemeral one when the answer is private", async () => {
    const brief = slashCommand(h.fake, "brief", [text("topic", "no-such-topic")]);
    await sendAndWait("INTERACTION_CREATE", brief, isCallback(brief.id));
    const followUp = await h.fake.waitForRequest(isFollowUp(brief.token));
    const deleted = h.fake.requests.find(
      (r) => r.method === "DELETE" && r.path.includes(`/${brief.token}/messages/@original`),
    );
    expect(deleted).toBeDefined();
    expect(followUp.body.flags & 64).toBe(64);
    expect(embedText(followUp.body)).toMatch(/There is no topic 'no-such-topic'/);
  });

  it("answers a failing command with an ephemeral 'Something went wrong (ref …)' and logs the same ref", async () => {
    h.core.failBriefing = true;
    try {
      const brief = slashCommand(h.fake, "brief");
      await sendAndWait("INTERACTION_CREATE", brief, isCallback(brief.id));
      const followUp = await h.fake.waitForRequest(isFollowUp(brief.token));
      expect(followUp.body.flags & 64).toBe(64);
      const ref = embedText(followUp.body).match(/Something went wrong \(ref ([0-9A-F]{6})\)/)?.[1];
      expect(ref).toBeDefined();
      const logged = h.logs.find((l) => l.ref === ref);
      expect(logged?.level).toBe(50);
      expect(logged?.err?.message).toBe("the briefing store is unavailable");
    } finally {
      h.core.failBriefing = false;
    }
  });

  it("defers a command not marked slow when its handler takes too long", async () => {
    h.core.timelineDelayMs = 1500;
    try {
      const timeline = slashCommand(h.fake, "timeline");
      const callback = await sendAndWait("INTERACTION_CREATE", timeline, isCallback(timeline.id));
      expect(callback.body.type).toBe(5);
      const edit = await h.fake.waitForRequest(isOriginalEdit(timeline.token));
      expect(edit.body.embeds[0].title).toBe("Libya ceasefire — timeline");
      expect(edit.at - callback.at).toBeGreaterThanOrEqual(400);
    } finally {
      h.core.timelineDelayMs = 0;
    }
  });

  it("offers matching topics as autocomplete choices", async () => {
    const typed = autocomplete(h.fake, "brief", [text("topic", "liby", true)]);
    const callback = await sendAndWait("INTERACTION_CREATE", typed, isCallback(typed.id));
    expect(callback.body.type).toBe(8);
    expect(callback.body.data.choices).toEqual([expect.objectContaining({ value: "libya-ceasefire" })]);
    const none = autocomplete(h.fake, "ask", [text("question", "who"), text("topic", "zzz", true)]);
    const empty = await sendAndWait("INTERACTION_CREATE", none, isCallback(none.id));
    expect(empty.body.data.choices).toEqual([]);
  });

  it("answers a direct message with a reply in the DM channel", async () => {
    const dm = messageCreate(h.fake, { where: "dm", content: "When did the Berlin conference take place?" });
    const reply = await sendAndWait(
      "MESSAGE_CREATE",
      dm,
      (r) => r.method === "POST" && r.path === `/channels/${DM_CHANNEL}/messages`,
    );
    expect(reply.body.message_reference.message_id).toBe(dm.id);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(violations(reply.body)).toEqual([]);
    expect(embedText(reply.body)).toMatch(/January/);
    expect(embedText(reply.body)).toMatch(/^> “/m);
    // The DM is one conversation, so a follow-up question can refer back to this one.
    const conversation = await h.core.store.getConversation(`discord:dm:${DM_CHANNEL}`, new Date());
    expect(JSON.stringify(conversation)).toContain("When did the Berlin conference take place?");
  });

  it("answers a mention in a server channel and ignores messages that do not mention the bot", async () => {
    const channel = h.fake.guild.channelId;
    const chatter = messageCreate(h.fake, { where: "channel", content: "Who brokered the ceasefire?" });
    const mention = messageCreate(h.fake, {
      where: "channel",
      content: `<@${h.fake.botUser.id}> Who brokered the ceasefire? @everyone`,
      mentionsBot: true,
    });
    const from = h.fake.requests.length;
    h.fake.dispatch("MESSAGE_CREATE", chatter);
    h.fake.dispatch("MESSAGE_CREATE", mention);
    const reply = await h.fake.waitForRequest(
      (r) => r.method === "POST" && r.path === `/channels/${channel}/messages`,
      from,
    );
    expect(reply.body.message_reference.message_id).toBe(mention.id);
    expect(embedText(reply.body)).toMatch(/al-Sisi/);
    expect(violations(reply.body)).toEqual([]);
    const replies = h.fake.requests.slice(from).filter((r) => r.path === `/channels/${channel}/messages`);
    expect(replies).toHaveLength(1);
  });

  it("ignores messages from bots, itself included", async () => {
    const own = messageCreate(h.fake, {
      where: "dm",
      content: "echo",
      author: { ...h.fake.botUser, global_name: null },
    });
    const person = messageCreate(h.fake, { where: "dm", content: "" });
    const from = h.fake.requests.length;
    h.fake.dispatch("MESSAGE_CREATE", own);
    h.fake.dispatch("MESSAGE_CREATE", person);
    const reply = await h.fake.waitForRequest((r) => r.path === `/channels/${DM_CHANNEL}/messages`, from);
    expect(reply.body.message_reference.message_id).toBe(person.id);
    expect(embedText(reply.body)).toMatch(/Ask me a question/);
    expect(
      h.fake.requests.slice(from).filter((r) => r.path === `/channels/${DM_CHANNEL}/messages`),
    ).toHaveLength(1);
  });
});

describe("slash command requests", () => {
  /** The interaction discord.js builds from a gateway payload (its constructor is internal to the library). */
  const Interaction = ChatInputCommandInteraction as unknown as new (
    client: Client,
    data: unknown,
  ) => ChatInputCommandInteraction;
  const request = (payload: ReturnType<typeof slashCommand>) => new Interaction(h.chat.client, payload);

  it("carry the member's Manage Channels permission, the channel and a conversation per thread, DM or person", async () => {
    const { commandRequest } = await import("../../src/adapters/discord/command-request.js");
    const { findCommand } = await import("../../commands/index.js");
    const ask = findCommand("ask");
    if (!ask) throw new Error("the registry has no /ask");
    const options = [text("question", "Who?"), text("topic", "libya-ceasefire")];

    const manager = commandRequest(
      request(slashCommand(h.fake, "ask", options, { manageChannels: true })),
      ask,
    );
    expect(manager.user.canManageChannel).toBe(true);
    expect(manager.options).toEqual({ question: "Who?", topic: "libya-ceasefire" });
    expect(manager.channel).toEqual({
      platform: "discord",
      id: h.fake.guild.channelId,
      workspace: h.fake.guild.id,
      isDM: false,
    });
    expect(manager.conversationId).toBe(`discord:channel:${h.fake.guild.channelId}:user:${manager.user.id}`);

    const member = commandRequest(
      request(slashCommand(h.fake, "ask", options, { manageChannels: false })),
      ask,
    );
    expect(member.user.canManageChannel).toBe(false);

    const thread = commandRequest(request(slashCommand(h.fake, "ask", options, { where: "thread" })), ask);
    expect(thread.conversationId).toBe(`discord:thread:${h.fake.guild.threadId}`);

    const dm = commandRequest(request(slashCommand(h.fake, "ask", options, { where: "dm" })), ask);
    expect(dm.channel.isDM).toBe(true);
    expect(dm.conversationId).toBe(`discord:dm:${dm.channel.id}`);
  });
});

describe("posting to a channel", () => {
  const channel = (id: string): ChannelRef => ({ platform: "discord", id, isDM: false });
  const briefing = async () => ({ kind: "briefing" as const, briefing: await h.core.brief() });

  it("waits out a 429 with Retry-After and delivers the message exactly once", async () => {
    const id = "1700000000000000001";
    const route = `/channels/${id}/messages`;
    h.fake.respondOnce((r) => r.method === "POST" && r.path === route, {
      status: 429,
      headers: { "retry-after": "0.3", "x-ratelimit-scope": "user" },
      body: { message: "You are being rate limited.", retry_after: 0.3, global: false },
    });
    const from = h.fake.requests.length;
    const result = await h.chat.post(channel(id), await briefing());
    const attempts = h.fake.requests.slice(from).filter((r) => r.path === route);
    expect(attempts).toHaveLength(2);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(290);
    const stored = h.fake.messages.get(id) ?? [];
    expect(stored).toHaveLength(1);
    expect(result.messageId).toBe(stored[0]?.id);
    expect(violations(attempts[1]?.body)).toEqual([]);
  });

  it.each([
    [404, 10003, "Unknown Channel"],
    [403, 50001, "Missing Access"],
    [403, 50013, "Missing Permissions"],
  ])(
    "surfaces HTTP %i / code %i as a DiscordPostError that is not retryable",
    async (status, code, message) => {
      const id = "1700000000000000002";
      h.fake.respondOnce((r) => r.path === `/channels/${id}/messages`, { status, body: { code, message } });
      const error = await h.chat.post(channel(id), await briefing()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DiscordPostError);
      expect(error).toMatchObject({ code, status, retryable: false });
      expect((error as Error).message).toContain(message);
    },
  );

  it("reports a server error that outlasts the client's retries as retryable", async () => {
    const id = "1700000000000000003";
    for (let i = 0; i < 4; i++) {
      h.fake.respondOnce((r) => r.path === `/channels/${id}/messages`, {
        status: 502,
        body: { message: "Bad Gateway" },
      });
    }
    const error = await h.chat.post(channel(id), await briefing()).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "DiscordPostError", status: 502, retryable: true, code: undefined });
  });

  it("repeats a post with the same idempotency key without a second message", async () => {
    const id = "1700000000000000005";
    const doc = await briefing();
    const first = await h.chat.post(channel(id), doc, { idempotencyKey: "sub_1:2020-06-09T08:00:00.000Z" });
    const again = await h.chat.post(channel(id), doc, { idempotencyKey: "sub_1:2020-06-09T08:00:00.000Z" });
    expect(again.messageId).toBe(first.messageId);
    expect(h.fake.messages.get(id)).toHaveLength(1);
    const next = await h.chat.post(channel(id), doc, { idempotencyKey: "sub_1:2020-06-10T08:00:00.000Z" });
    expect(next.messageId).not.toBe(first.messageId);
    expect(h.fake.messages.get(id)).toHaveLength(2);
  });

  it("splits a long document over several messages, each within the limits", async () => {
    const id = "1700000000000000004";
    const events = Array.from({ length: 300 }, (_, i) => ({
      date: "2020-06-06",
      text: `Delegates met for round ${i} of talks, and the statement afterwards said @everyone agreed on nothing.`,
      articleId: "a",
    }));
    const result = await h.chat.post(channel(id), {
      kind: "timeline",
      timeline: { topic: "t", title: "T", events },
    });
    const stored = h.fake.messages.get(id) ?? [];
    expect(stored.length).toBeGreaterThan(1);
    expect(result.messageId).toBe(stored[0]?.id);
    for (const m of stored) expect(violations({ ...m, allowedMentions: { parse: [] } })).toEqual([]);
    const bodies = h.fake.requests.filter((r) => r.path === `/channels/${id}/messages`).map((r) => r.body);
    for (const b of bodies) expect(b.allowed_mentions).toEqual({ parse: [] });
  });
});

describe("digests through Discord", () => {
  let scheduler: DigestScheduler;
  beforeAll(() => {
    const delivery = new DigestDelivery({
      core: h.core,
      adapters: new Map([["discord", h.chat]]),
      logger: h.core.logger,
      catchupHours: 24,
      leaseSeconds: 60,
      concurrency: 2,
    });
    scheduler = new DigestScheduler({
      ledger: h.core.store.ledger,
      delivery,
      logger: h.core.logger,
      catchupHours: 24,
    });
    const service = new DigestService(h.core, { defaultTimezone: "UTC", minIntervalSeconds: 3600 });
    service.attach(scheduler, delivery);
    h.core.digests = service;
  });
  afterAll(async () => {
    await scheduler.stop(1000);
    h.core.digests = undefined;
  });

  const digest = (subcommand: string, options: ReturnType<typeof text>[], manageChannels: boolean) =>
    slashCommand(h.fake, "digest", [{ name: subcommand, type: 1, options }], { manageChannels });
  const subscribe = [text("topic", "libya-ceasefire"), text("schedule", "daily 08:00")];

  async function reply(payload: ReturnType<typeof slashCommand>): Promise<RecordedRequest> {
    const callback = await sendAndWait("INTERACTION_CREATE", payload, isCallback(payload.id));
    if (callback.body.type === 4) return { ...callback, body: callback.body.data };
    return h.fake.waitForRequest((r) => isOriginalEdit(payload.token)(r) || isFollowUp(payload.token)(r));
  }

  it("tells a member without Manage Channels, privately, that subscribing needs it", async () => {
    const answer = await reply(digest("subscribe", subscribe, false));
    expect(answer.body.flags & 64).toBe(64);
    expect(embedText(answer.body)).toBe(
      "/digest subscribe needs the Manage Channels permission in this channel.",
    );
    expect(await h.core.store.ledger.listSubscriptions({})).toEqual([]);
  });

  it("pauses the subscription when Discord answers a digest post with 10003 Unknown Channel", async () => {
    const subscribed = await reply(digest("subscribe", subscribe, true));
    expect(embedText(subscribed.body)).toMatch(/^Subscribed: libya-ceasefire/);
    const route = `/channels/${h.fake.guild.channelId}/messages`;
    h.fake.respondOnce((r) => r.method === "POST" && r.path === route, {
      status: 404,
      body: { code: 10003, message: "Unknown Channel" },
    });
    const from = h.fake.requests.length;
    await reply(digest("now", [], true));
    const post = h.fake.requests.slice(from).find((r) => r.path === route);
    expect(post?.body.enforce_nonce).toBe(true);
    expect(post?.body.nonce).toMatch(/^[\w-]{25}$/);
    const [sub] = await h.core.store.ledger.listSubscriptions({});
    expect(sub?.status).toBe("paused");
    expect(sub?.pauseReason).toMatch(/Unknown Channel/);
  });
});

describe("connection problems", () => {
  it("resumes the session after the gateway drops, logs it, and keeps answering", async () => {
    const resumed = h.fake.resumes.length;
    h.fake.dropConnections();
    await expect.poll(() => h.fake.resumes.length, { timeout: 8000 }).toBeGreaterThan(resumed);
    expect(h.fake.resumes.at(-1)).toMatchObject({ session_id: "fake-session" });
    const logged = (msg: string) => h.logs.some((l) => l.msg === msg);
    await expect.poll(() => logged("discord gateway resumed"), { timeout: 2000 }).toBe(true);
    expect(h.chat.isReady()).toBe(true);
    expect(logged("discord gateway disconnected; reconnecting")).toBe(true);
    const topics = slashCommand(h.fake, "topics");
    const callback = await sendAndWait("INTERACTION_CREATE", topics, isCallback(topics.id));
    expect(callback.body.type).toBe(4);
  });

  it("fails to start with the reason when Discord refuses the Message Content intent", async () => {
    const fake = new FakeDiscord();
    fake.refusedIntents = GatewayIntentBits.MessageContent;
    await fake.start();
    const { logger } = memoryLogger();
    const { core, store } = await openCore(logger);
    const chat = new DiscordChat({
      core,
      logger,
      token: FAKE_SECRETS.discordToken,
      apiBaseUrl: fake.apiBaseUrl,
      answerMentions: true,
    });
    try {
      // A UserFacingError: the command line prints its message alone and exits with 1.
      const error = await chat.start().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserFacingError);
      expect((error as Error).message).toMatch(
        /^Discord refused the Message Content intent: enable it under Bot/,
      );
    } finally {
      await chat.stop();
      await fake.stop();
      store.close();
    }
  });
});
