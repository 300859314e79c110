/**
 * The one path from an adapter into the core: find the command, check who may run it, run it,
 * and turn every failure into a reply. Errors are logged here once, with a reference the user sees.
 */
import { randomBytes } from "node:crypto";
import { findCommand } from "../../commands/index.js";
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
    const sub = command.subcommands.find((s) => s.name === request.subcommand);
    if (!sub) return notice(`Usage: ${command.usage}`, "warning");
    permission = sub.permission;
    name = `${command.name} ${sub.name}`;
  }
  if (permission === "manage-channels" && !request.user.canManageChannel) {
    return notice(`/${name} needs the Manage Channels permission in this channel.`, "warning");
  }
  const started = performance.now();
  try {
    const reply = await command.handle(request, core);
    core.logger.debug(
      {
        command: command.name,
        platform: request.channel.platform,
        ms: Math.round(performance.now() - started),
      },
      "command handled",
    );
    return reply;
  } catch (error) {
    if (error instanceof UserFacingError || error instanceof UsageError)
      return notice(error.message, "warning");
    const ref = randomBytes(3).toString("hex").toUpperCase();
    core.logger.error(
      { err: error, ref, command: command.name, platform: request.channel.platform },
      "command failed",
    );
    return notice(`Something went wrong (ref ${ref}). The error has been logged.`, "error");
  }
}

/** A direct message or a mention is a question: it goes to /ask, in its conversation. */
export function questionRequest(
  text: string,
  base: Omit<CommandRequest, "command" | "options">,
): CommandRequest {
  return { ...base, command: "ask", options: { question: text } };
}
