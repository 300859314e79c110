/** `newsbrief sources add|list|remove|poll`: news feeds for operators; and `newsbrief ingest URL`. */
import { parseArgs } from "node:util";
import type { App } from "../app.js";
import { UsageError, UserFacingError } from "../core/errors.js";
import type { IngestOutcome } from "../corpus/ingest.js";
import { ingestUrl } from "../sources/ingest-url.js";
import type { PollReport } from "../sources/poll.js";
import { formatInterval, parseInterval } from "../sources/schedule.js";
import { SourceService } from "../sources/service.js";
import { sourceSettings } from "../sources/settings.js";
import type { Source } from "../sources/source.js";
import { printJson, printLine } from "./io.js";

const USAGE = `newsbrief sources add URL --topic ID [--topic ID…] [--every 10m] [--route]
newsbrief sources list [--topic ID] [--json]
newsbrief sources remove ID
newsbrief sources poll [ID] [--json]`;

type Spec = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parse(args: string[], options: Spec): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

function when(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "never";
}

/** One line per source; a second, indented line says why it is failing or disabled. */
export function describeSource(s: Source): string {
  const topics = `${s.topics.join(",") || "-"}${s.route ? " (routed)" : ""}`;
  const line = [
    s.id,
    s.status,
    topics,
    `every ${formatInterval(s.intervalSeconds)}`,
    s.url,
    `last poll ${when(s.lastPolledAt)}`,
    `${s.itemsSeen} items, ${s.articlesAdded} articles`,
  ].join("\t");
  return s.statusReason ? `${line}\n  ${s.status}: ${s.statusReason}` : line;
}

export function describeReport(r: PollReport): string {
  if (r.error) return `${r.sourceId}\t${r.outcome}\t${r.error}`;
  if (r.outcome === "not-modified") return `${r.sourceId}\tnot modified`;
  if (r.outcome === "baseline")
    return `${r.sourceId}\tfirst poll: ${r.fresh} current items recorded as seen, none reported as new`;
  return `${r.sourceId}\t${r.fresh} new items: ${r.added} added, ${r.duplicates} duplicates, ${r.nearDuplicates} near-duplicates, ${r.ignored} ignored, ${r.rejected} rejected`;
}

export async function sourcesCommand(app: App, args: string[]): Promise<number> {
  const service = new SourceService(app.core.store, sourceSettings(app.config), app.logger);
  const [action, ...rest] = args;
  switch (action) {
    case "add": {
      const { values, positionals } = parse(rest, {
        topic: { type: "string", multiple: true },
        every: { type: "string" },
        route: { type: "boolean" },
        json: { type: "boolean" },
      });
      if (positionals.length !== 1) throw new UsageError(`sources add needs one feed URL.\n${USAGE}`);
      let interval: number | undefined;
      if (typeof values.every === "string") {
        interval = parseInterval(values.every);
        if (interval === undefined)
          throw new UsageError(
            `--every must be an interval such as 10m, 1h or 2h30m (got '${values.every}')`,
          );
      }
      const topics = ((values.topic as string[] | undefined) ?? []).flatMap((t) => t.split(","));
      const { source, status } = await service.add({
        url: positionals[0] as string,
        topics,
        intervalSeconds: interval,
        route: values.route === true,
        createdBy: "cli",
      });
      if (values.json) printJson({ status, source });
      else
        printLine(
          `${status} ${source.id}: ${source.url} → ${source.topics.join(", ") || "any topic"}${
            source.route ? " (routed)" : ""
          }, every ${formatInterval(source.intervalSeconds)}. The first poll records the current items without reporting them as new.`,
        );
      return 0;
    }
    case "list": {
      const { values, positionals } = parse(rest, { topic: { type: "string" }, json: { type: "boolean" } });
      if (positionals.length > 0) throw new UsageError(`sources list takes no arguments.\n${USAGE}`);
      const sources = await service.list(typeof values.topic === "string" ? values.topic : undefined);
      if (values.json) printJson({ sources });
      else if (sources.length === 0)
        printLine("No sources. Add a feed with: newsbrief sources add URL --topic ID");
      else for (const s of sources) printLine(describeSource(s));
      return 0;
    }
    case "remove": {
      const { positionals } = parse(rest, {});
      if (positionals.length !== 1) throw new UsageError(`sources remove needs one source id.\n${USAGE}`);
      try {
        const removed = await service.remove(positionals[0] as string);
        printLine(`removed ${removed.id} (${removed.url}); its articles stay`);
        return 0;
      } catch (error) {
        if (!(error instanceof UserFacingError)) throw error;
        process.stderr.write(`newsbrief: ${error.message}\n`);
        return 1;
      }
    }
    case "poll": {
      const { values, positionals } = parse(rest, { json: { type: "boolean" } });
      if (positionals.length > 1) throw new UsageError(`sources poll takes at most one source id.\n${USAGE}`);
      const reports = await service.poll(positionals[0]);
      if (values.json) printJson({ reports });
      else if (reports.length === 0) printLine("No sources to poll.");
      else for (const r of reports) printLine(describeReport(r));
      return reports.some((r) => r.outcome === "failed" || r.outcome === "disabled") ? 1 : 0;
    }
    default:
      throw new UsageError(`sources needs add, list, remove or poll.\n${USAGE}`);
  }
}

/** `newsbrief ingest URL`: one article from the web into a topic. */
export async function ingestWebArticle(
  app: App,
  url: string,
  topicId: string | undefined,
): Promise<IngestOutcome> {
  if (!topicId) return { origin: url, status: "rejected", reason: "no topic: pass --topic ID" };
  return ingestUrl(app.core.store, url, topicId, sourceSettings(app.config).policy);
}
