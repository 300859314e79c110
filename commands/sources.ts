import type { CommandDefinition } from "../src/core/command.js";
import type { Core } from "../src/core/core.js";
import { UserFacingError } from "../src/core/errors.js";
import { notice, type ReplyDocument } from "../src/core/reply.js";
import { sourceServiceFor } from "../src/sources/registry.js";
import { formatInterval, parseInterval } from "../src/sources/schedule.js";
import type { Source } from "../src/sources/source.js";
import { optionalText, TOPIC_OPTION as TOPIC } from "./brief.js";

export const sources: CommandDefinition = {
  name: "sources",
  description: "The articles a topic's briefings are drawn from, and the news feeds that bring them",
  usage: "/sources [topic:ID] | /sources list|add|remove",
  options: [],
  permission: "everyone",
  defaultSubcommand: "articles",
  subcommands: [
    {
      name: "articles",
      description: "The articles a topic's briefings are drawn from",
      usage: "/sources [articles] [topic:ID]",
      options: [{ ...TOPIC, rest: true }],
      permission: "everyone",
    },
    {
      name: "list",
      description: "News feeds: status, last poll, articles, and why a feed is failing or disabled",
      usage: "/sources list [topic:ID]",
      options: [{ ...TOPIC, rest: true }],
      permission: "everyone",
    },
    {
      name: "add",
      description: "Follow a news feed (RSS, Atom or RDF) for a topic",
      usage: "/sources add url:URL topic:ID [every:10m]",
      options: [
        {
          name: "url",
          description: "The feed's address (https://…)",
          type: "string",
          required: true,
          rest: true,
        },
        { ...TOPIC, required: true },
        { name: "every", description: "How often to poll it: 10m, 1h, …", type: "string" },
      ],
      permission: "manage-channels",
    },
    {
      name: "remove",
      description: "Stop following a news feed (its articles stay)",
      usage: "/sources remove id:ID",
      options: [
        {
          name: "id",
          description: "Source id (see /sources list)",
          type: "string",
          required: true,
          rest: true,
        },
      ],
      permission: "manage-channels",
    },
  ],
  async handle(request, core) {
    const service = sourceServiceFor(core.store);
    switch (request.subcommand) {
      case "list": {
        const topic = optionalText(request.options.topic);
        if (topic) await core.resolveTopic(topic);
        return listReply(await service.list(topic), topic);
      }
      case "add": {
        const every = optionalText(request.options.every);
        const interval = every === undefined ? undefined : parseInterval(every);
        if (every !== undefined && interval === undefined)
          throw new UserFacingError(`every must be an interval such as 10m or 1h (got "${every}").`);
        const { source, status } = await service.add({
          url: optionalText(request.options.url) ?? "",
          topics: [optionalText(request.options.topic) ?? ""],
          intervalSeconds: interval,
          createdBy: request.user.id,
        });
        return notice(
          status === "added"
            ? `Following ${source.url} for ${source.topics.join(", ")} (${source.id}), every ${formatInterval(source.intervalSeconds)}. Its current items are recorded as seen; only articles published from now on are reported.`
            : `${source.id} now feeds ${source.topics.join(", ")}.`,
        );
      }
      case "remove": {
        const removed = await service.remove(optionalText(request.options.id) ?? "");
        return notice(`No longer following ${removed.url} (${removed.id}). Its articles stay.`);
      }
      default:
        return articlesReply(core, optionalText(request.options.topic));
    }
  },
};

async function articlesReply(core: Core, topicId: string | undefined): Promise<ReplyDocument> {
  const { topic, sources: list } = await core.sources(topicId);
  return {
    kind: "list",
    title: `Sources for ${topic.title}`,
    empty: "No articles yet.",
    items: list.map((s) => ({
      text: s.title,
      detail: [s.published.slice(0, 10), s.source].filter(Boolean).join(" · "),
      url: s.url,
    })),
  };
}

function when(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "never";
}

function statusText(s: Source): string {
  if (s.status === "disabled") return `DISABLED: ${s.statusReason ?? "too many failures"}`;
  if (s.status === "failing") return `failing (${s.failures} in a row, retrying): ${s.statusReason ?? ""}`;
  if (s.status === "new") return "waiting for its first poll";
  return "ok";
}

function listReply(list: Source[], topic: string | undefined): ReplyDocument {
  return {
    kind: "list",
    title: topic ? `News feeds for ${topic}` : "News feeds",
    empty: "No news feeds yet. Add one with /sources add url:https://… topic:ID",
    items: list.map((s) => ({
      text: `${s.title ?? s.url} — ${statusText(s)}`,
      detail: [
        s.id,
        `${s.topics.join(", ") || "any topic"}${s.route ? " (routed)" : ""}`,
        `every ${formatInterval(s.intervalSeconds)}`,
        `last poll ${when(s.lastPolledAt)}`,
        `${s.articlesAdded} article${s.articlesAdded === 1 ? "" : "s"} added`,
      ].join(" · "),
      url: s.url,
    })),
  };
}
