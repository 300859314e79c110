/** `newsbrief subscriptions add|list|remove`: digest subscriptions for operators. */
import type { App } from "../app.js";
import type { Platform } from "../core/command.js";
import { UsageError } from "../core/errors.js";
import type { DigestService } from "../digests/service.js";
import { parse } from "./commands.js";
import { printJson, printLine } from "./io.js";

const PLATFORMS: Platform[] = ["discord", "slack", "console"];
const USAGE = `newsbrief subscriptions add --platform discord|slack|console --channel ID [--workspace ID] --topic ID --schedule SPEC [--timezone TZ] [--quiet]
newsbrief subscriptions list [--json]
newsbrief subscriptions remove ID`;

function required(value: unknown, name: string): string {
  if (typeof value !== "string" || !value.trim())
    throw new UsageError(`subscriptions add needs --${name}.\n${USAGE}`);
  return value.trim();
}

export async function subscriptionsCommand(app: App, args: string[]): Promise<number> {
  const service = app.core.digests as DigestService;
  const [action, ...rest] = args;
  switch (action) {
    case "add": {
      const { values } = parse(rest, {
        platform: { type: "string" },
        channel: { type: "string" },
        workspace: { type: "string" },
        topic: { type: "string" },
        schedule: { type: "string" },
        timezone: { type: "string" },
        quiet: { type: "boolean" },
        json: { type: "boolean" },
      });
      const platform = required(values.platform, "platform") as Platform;
      if (!PLATFORMS.includes(platform))
        throw new UsageError(`--platform must be one of ${PLATFORMS.join(", ")} (got '${platform}')`);
      const sub = await service.subscribe({
        platform,
        channelId: required(values.channel, "channel"),
        workspace: typeof values.workspace === "string" ? values.workspace : "",
        topicId: required(values.topic, "topic"),
        schedule: required(values.schedule, "schedule"),
        timezone: typeof values.timezone === "string" ? values.timezone : undefined,
        quiet: values.quiet === true,
        createdBy: "cli",
      });
      if (values.json) printJson(sub);
      else
        printLine(
          `added ${sub.id}: ${sub.platform} ${sub.channelId} ← ${sub.topicId}, ${sub.schedule} (${sub.timezone})`,
        );
      return 0;
    }
    case "list": {
      const { values } = parse(rest, { json: { type: "boolean" } });
      const subs = await service.list();
      if (values.json) printJson({ subscriptions: subs });
      else if (subs.length === 0) printLine("No subscriptions.");
      else {
        for (const s of subs) {
          const state = s.status === "active" ? `next ${s.nextRun ?? "-"}` : `paused: ${s.pauseReason ?? ""}`;
          printLine(
            `${s.id}\t${s.platform}\t${s.workspace ? `${s.workspace}/` : ""}${s.channelId}\t${s.topicId}\t${s.schedule} (${s.timezone})\t${state}\tlast ${s.lastDeliveredAt ?? "never"}`,
          );
        }
      }
      return 0;
    }
    case "remove": {
      const { positionals } = parse(rest, {}, true);
      if (positionals.length !== 1)
        throw new UsageError(`subscriptions remove needs one subscription id.\n${USAGE}`);
      const removed = await service.remove(positionals[0] as string);
      if (!removed) {
        process.stderr.write(`newsbrief: no subscription ${positionals[0]}\n`);
        return 1;
      }
      printLine(`removed ${positionals[0]}`);
      return 0;
    }
    default:
      throw new UsageError(`subscriptions needs add, list or remove.\n${USAGE}`);
  }
}
