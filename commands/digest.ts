import type { CommandDefinition, CommandRequest } from "../src/core/command.js";
import { UserFacingError } from "../src/core/errors.js";
import { notice, type ReplyDocument } from "../src/core/reply.js";
import type { ChannelKey, SubscriptionView } from "../src/digests/service.js";
import { optionalText, TOPIC_OPTION as TOPIC } from "./brief.js";

export const digest: CommandDefinition = {
  name: "digest",
  description: "Scheduled digests of what is new, posted to a channel",
  usage: "/digest subscribe|unsubscribe|list|now",
  options: [],
  permission: "everyone",
  subcommands: [
    {
      name: "subscribe",
      description: "Post a digest of a topic to this channel on a schedule",
      usage:
        '/digest subscribe topic:ID schedule:"daily 08:00" [timezone:Europe/Berlin] [quiet:true] [channel:ID]',
      options: [
        { ...TOPIC, required: true },
        {
          name: "schedule",
          description: "daily 08:00, weekdays 07:30, twice-daily, hourly, or a cron expression",
          type: "string",
          required: true,
          rest: true,
        },
        {
          name: "timezone",
          description: "IANA time zone, e.g. Europe/Berlin",
          type: "string",
          autocomplete: "timezone",
        },
        { name: "quiet", description: "Post nothing when there is nothing new", type: "boolean" },
        { name: "channel", description: "Channel to post to (default: this one)", type: "channel" },
      ],
      permission: "manage-channels",
    },
    {
      name: "unsubscribe",
      description: "Stop this channel's digest of a topic",
      usage: "/digest unsubscribe [topic:ID] [channel:ID]",
      options: [
        { ...TOPIC, rest: true },
        { name: "channel", description: "Channel (default: this one)", type: "channel" },
      ],
      permission: "manage-channels",
    },
    {
      name: "list",
      description: "This channel's digests: schedule, next run, last delivery, status",
      usage: "/digest list",
      options: [],
      permission: "everyone",
    },
    {
      name: "now",
      description: "Post this channel's digest now",
      usage: "/digest now [topic:ID]",
      options: [{ ...TOPIC, rest: true }],
      permission: "manage-channels",
    },
  ],
  async handle(request, core) {
    const service = core.digests;
    if (!service)
      throw new UserFacingError("Digests are available while the bot is running (newsbrief start).");
    const channel = channelOf(request);
    switch (request.subcommand) {
      case "subscribe": {
        const sub = await service.subscribe({
          ...channel,
          topicId: optionalText(request.options.topic) ?? "",
          schedule: optionalText(request.options.schedule) ?? "",
          timezone: optionalText(request.options.timezone),
          quiet: request.options.quiet === true,
          createdBy: request.user.id,
        });
        const [view] = (await service.list(channel)).filter((s) => s.id === sub.id);
        return notice(
          `Subscribed: ${sub.topicId}, ${sub.schedule} (${sub.timezone}). Next digest ${when(view?.nextRun ?? null)}. The first one is a short briefing; later ones cover only what is new.`,
        );
      }
      case "unsubscribe": {
        const sub = await service.unsubscribe(channel, optionalText(request.options.topic));
        return notice(`Unsubscribed: no more digests of ${sub.topicId} here.`);
      }
      case "list":
        return listReply(await service.list(channel));
      case "now": {
        const { subscription, report } = await service.postNow(channel, optionalText(request.options.topic));
        if (report.delivered > 0)
          return notice(`Posted the digest of ${subscription.topicId}.`, "info", true);
        if (report.skipped > 0)
          return notice(`Nothing new on ${subscription.topicId}; nothing posted (quiet).`, "info", true);
        return notice(
          `The digest of ${subscription.topicId} could not be posted yet; it will be retried.`,
          "warning",
        );
      }
      default:
        return notice(`Usage: ${digest.usage}`, "warning");
    }
  },
};

function channelOf(request: CommandRequest): ChannelKey {
  const target = optionalText(request.options.channel);
  return {
    platform: request.channel.platform,
    workspace: request.channel.workspace ?? "",
    channelId: target ?? request.channel.id,
  };
}

function when(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "not scheduled";
}

function listReply(subs: SubscriptionView[]): ReplyDocument {
  return {
    kind: "list",
    title: "Digest subscriptions",
    empty: "This channel has no digest subscriptions. Add one with /digest subscribe.",
    items: subs.map((s) => ({
      text: `${s.topicId} — ${s.schedule} (${s.timezone})${s.quiet ? ", quiet" : ""}`,
      detail: [
        s.status === "active" ? `next ${when(s.nextRun)}` : `paused: ${s.pauseReason ?? "no reason given"}`,
        s.lastDeliveredAt ? `last delivered ${when(s.lastDeliveredAt)}` : "nothing delivered yet",
        s.status === "active" && s.lastError ? `last error: ${s.lastError}` : undefined,
      ]
        .filter(Boolean)
        .join(" · "),
    })),
  };
}
