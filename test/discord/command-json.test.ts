/** Command definitions as Discord application commands, and autocomplete choices. */
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.js";
import { timezoneChoices, topicChoices } from "../../src/adapters/discord/autocomplete.js";
import { commandJson, discordCommands } from "../../src/adapters/discord/command-json.js";
import type { CommandDefinition } from "../../src/core/command.js";

/** A command shaped like a subscription command: subcommands, one of them for channel managers only. */
const subscriptions: CommandDefinition = {
  name: "follow",
  description: "Follow a topic in this channel",
  usage: "/follow add|list",
  options: [],
  permission: "everyone",
  subcommands: [
    {
      name: "add",
      description: "Follow a topic here",
      usage: "/follow add topic:ID",
      permission: "manage-channels",
      options: [
        { name: "timezone", description: "Time zone", type: "string", autocomplete: "timezone" },
        { name: "topic", description: "Topic", type: "string", required: true, autocomplete: "topic" },
        { name: "channel", description: "Where to post", type: "channel" },
        { name: "hour", description: "Hour of day", type: "integer" },
      ],
    },
    {
      name: "list",
      description: "What this channel follows",
      usage: "/follow list",
      permission: "everyone",
      options: [],
    },
  ],
  async handle() {
    return { kind: "notice", level: "info", text: "ok" };
  },
};

describe("Discord command definitions", () => {
  it("turns every registered command into a chat-input command Discord accepts", () => {
    const json = discordCommands(COMMANDS);
    expect(json.map((c) => c.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const c of json) {
      expect(c.type).toBe(1);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(100);
      const required = (c.options ?? []).map((o) => ("required" in o ? o.required : false));
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    }
  });

  it("makes a command with subcommands into subcommand options, each with its own options", () => {
    const json = commandJson(subscriptions);
    expect(json.options?.map((o) => [o.type, o.name])).toEqual([
      [1, "add"],
      [1, "list"],
    ]);
    const add = json.options?.[0] as { options: { name: string; type: number; required: boolean }[] };
    expect(add.options.map((o) => o.name)).toEqual(["topic", "timezone", "channel", "hour"]);
    expect(add.options.map((o) => o.type)).toEqual([3, 3, 7, 4]);
    expect(add.options[0]).toMatchObject({ required: true, autocomplete: true });
    expect(json.default_member_permissions).toBeNull();
  });

  it("hides channel-management commands from members who lack the permission, and keeps them out of DMs", () => {
    const json = commandJson({ ...subscriptions, permission: "manage-channels" });
    expect(json.default_member_permissions).toBe("16");
    expect(json.contexts).toEqual([0]);
  });

  it("refuses definitions Discord would reject", () => {
    expect(() => commandJson({ ...subscriptions, name: "Follow Topic" })).toThrow(/not valid on Discord/);
    expect(() =>
      commandJson({ ...subscriptions, options: [{ name: "x", description: "x", type: "string" }] }),
    ).toThrow(/cannot have options/);
  });
});

describe("autocomplete choices", () => {
  it("offers time zones by any part of their name", () => {
    expect(timezoneChoices("berl").map((c) => c.value)).toContain("Europe/Berlin");
    expect(timezoneChoices("new york")[0]?.value).toBe("America/New_York");
    expect(timezoneChoices("utc")[0]?.value).toBe("UTC");
    expect(timezoneChoices("")).toHaveLength(25);
    expect(timezoneChoices("no such zone")).toEqual([]);
  });

  it("offers topics by id or title, prefix matches first, within Discord's limits", () => {
    const topics = [
      { id: "sudan-talks", title: "Sudan talks in Jeddah" },
      { id: "libya-ceasefire", title: "Libya ceasefire" },
      ...Array.from({ length: 40 }, (_, i) => ({
        id: `topic-${i}`,
        title: `A topic about Libya ${"x".repeat(200)}`,
      })),
    ];
    const choices = topicChoices(topics, "libya");
    expect(choices[0]?.value).toBe("libya-ceasefire");
    expect(choices).toHaveLength(25);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
    expect(topicChoices(topics, "jeddah").map((c) => c.value)).toEqual(["sudan-talks"]);
  });
});
