/**
 * The one path from an adapter into the core: find the command, check who may run it, run it,
 * and turn every failure into a reply. Errors are logged here once, with a reference the user sees.
 */
import { randomBytes } from "node:crypto";
import { findCommand } from "../../commands/index.js";
import { answerSeconds, commandsTotal } from "../ops/metrics.js";
import type { CommandRequest } from "./command.js";
import type { Core } from "./core.js";
import { UsageError, UserFacingError } from "./errors.js";
import { notice, type ReplyDocument } from "./reply.js";

export async function dispatch(core: Core, request: CommandRequest): Promise<ReplyDocument> {
  const command = findCommand(request.command);
  if (!command) {
    return notice(`Unknown command /${request.command}. Try /help for the list of commands.`, "warning");
  }
  let permission = command.permission;
  let name = command.name;
  if (command.subcommands) {
    const wanted = request.subcommand ?? command.defaultSubcommand;
    const sub = command.subcommands.find((s) => s.name === wanted);
    if (!sub) return notice(`Usage: ${command.usage}`, "warning");
    request = { ...request, subcommand: sub.name };
    permission = sub.permission;
    name = `${command.name} ${sub.name}`;
  }
  const platform = request.channel.platform;
  const count = (outcome: string) => commandsTotal.inc({ command: name, platform, outcome });
  if (permission === "manage-channels" && !request.user.canManageChannel) {
    count("denied");
    return notice(`/${name} needs the Manage Channels permission in this channel.`, "warning");
  }
  const limited = overLimit(core, request, name);
  if (limited) {
    count("limited");
    return limited;
  }
  const started = performance.now();
  try {
    const reply = await command.handle(request, core);
    const seconds = (performance.now() - started) / 1000;
    if (command.name === "ask") answerSeconds.observe(seconds);
    count("ok");
    core.logger.debug({ command: name, platform, ms: Math.round(seconds * 1000) }, "command handled");
    return reply;
  } catch (error) {
    if (error instanceof UserFacingError || error instanceof UsageError) {
      count("user_error");
      return notice(error.message, "warning");
    }
    count("error");
    const ref = randomBytes(3).toString("hex").toUpperCase();
    core.logger.error({ err: error, ref, command: name, platform }, "command failed");
    return notice(`Something went wrong (ref ${ref}). The error has been logged.`, "error");
  }
}

/** A polite private notice when a user asks too fast or a channel asks for digests too often. */
function overLimit(core: Core, request: CommandRequest, name: string): ReplyDocument | undefined {
  const limits = core.limits;
  // The console is the operator's own terminal (and piped batches of questions): no limits there.
  if (!limits || request.channel.platform === "console") return undefined;
  const where = `${request.channel.platform}:${request.channel.workspace ?? ""}`;
  if (name === "ask") {
    const r = limits.questions.take(`${where}:${request.user.id}`);
    if (!r.ok) {
      const wait = Math.ceil(r.retryAfterMs / 1000);
      return notice(
        `You are asking faster than I can keep up with: please wait ${wait} s before the next question.`,
        "warning",
        true,
      );
    }
  }
  if (name === "digest now") {
    const r = limits.digestNow.take(`${where}:${request.channel.id}`);
    if (!r.ok) {
      const wait = Math.ceil(r.retryAfterMs / 60_000);
      return notice(
        `This channel has had its on-demand digests for now: the next is possible in ${wait} min.`,
        "warning",
        true,
      );
    }
  }
  return undefined;
}

/** What people type to a bot when they want to know what it does, not to ask about the news. */
const ASKS_FOR_HELP = /^\s*(?:help|commands|what can you do|how does this work)\s*[?!.]*\s*$/i;

/**
 * A direct message or a mention is a question: it goes to /ask, in its conversation. A plain "help"
 * gets /help, since the briefings would answer it with whatever sentence says "help".
 */
export function questionRequest(
  text: string,
  base: Omit<CommandRequest, "command" | "options">,
): CommandRequest {
  if (ASKS_FOR_HELP.test(text)) return { ...base, command: "help", options: {} };
  return { ...base, command: "ask", options: { question: text } };
}
