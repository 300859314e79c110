/**
 * Slash commands and autocomplete: each invocation becomes a CommandRequest for dispatch, and the
 * reply document is rendered as embeds. Nothing thrown here escapes: a failure is logged with a
 * reference and the user sees the same reference.
 */
import { randomBytes } from "node:crypto";
import type { AutocompleteInteraction, ChatInputCommandInteraction, Interaction } from "discord.js";
import type { Logger } from "pino";
import { findCommand } from "../../../commands/index.js";
import type { Core } from "../../core/core.js";
import { dispatch } from "../../core/dispatch.js";
import { notice, type ReplyDocument } from "../../core/reply.js";
import { timezoneChoices, topicChoices } from "./autocomplete.js";
import { commandRequest } from "./command-request.js";
import { InteractionReplier } from "./interaction-reply.js";
import { renderDiscord } from "./render-embeds.js";

export interface InteractionContext {
  core: Core;
  logger: Logger;
  /** A command not marked slow is deferred anyway when its handler has not answered by then. */
  deferAfterMs: number;
}

export async function handleInteraction(interaction: Interaction, ctx: InteractionContext): Promise<void> {
  if (interaction.isChatInputCommand()) await handleCommand(interaction, ctx);
  else if (interaction.isAutocomplete()) await handleAutocomplete(interaction, ctx);
}

async function handleCommand(
  interaction: ChatInputCommandInteraction,
  ctx: InteractionContext,
): Promise<void> {
  const replier = new InteractionReplier(interaction);
  let timer: NodeJS.Timeout | undefined;
  try {
    const def = findCommand(interaction.commandName);
    let reply: ReplyDocument;
    if (!def) {
      reply = notice(
        `Unknown command /${interaction.commandName}. Try /help for the list of commands.`,
        "warning",
      );
    } else {
      // dispatch checks the permission the command or subcommand needs against request.user.
      const request = commandRequest(interaction, def);
      if (def.slow) void replier.defer().catch(() => undefined);
      else
        timer = setTimeout(() => {
          void replier.defer().catch(() => undefined);
        }, ctx.deferAfterMs);
      reply = await dispatch(ctx.core, request);
      clearTimeout(timer);
    }
    await replier.send(renderDiscord(reply), reply.private === true);
  } catch (error) {
    clearTimeout(timer);
    const ref = errorRef();
    ctx.logger.error(
      { err: error, ref, command: interaction.commandName, interaction: interaction.id },
      "discord command reply failed",
    );
    try {
      await replier.send(renderDiscord(notice(`Something went wrong (ref ${ref}).`, "error")), true);
    } catch (again) {
      ctx.logger.warn({ err: again, ref }, "could not tell the user about the failure");
    }
  }
}

async function handleAutocomplete(
  interaction: AutocompleteInteraction,
  ctx: InteractionContext,
): Promise<void> {
  try {
    const def = findCommand(interaction.commandName);
    const sub = interaction.options.getSubcommand(false);
    const options = sub ? def?.subcommands?.find((s) => s.name === sub)?.options : def?.options;
    const focused = interaction.options.getFocused(true);
    const kind = options?.find((o) => o.name === focused.name)?.autocomplete;
    const typed = String(focused.value ?? "");
    const choices =
      kind === "topic"
        ? topicChoices(await ctx.core.topics(), typed)
        : kind === "timezone"
          ? timezoneChoices(typed)
          : [];
    await interaction.respond(choices);
  } catch (error) {
    ctx.logger.warn({ err: error, command: interaction.commandName }, "discord autocomplete failed");
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
  }
}

/** The short reference a user can quote and an operator can find in the logs. */
export function errorRef(): string {
  return randomBytes(3).toString("hex").toUpperCase();
}
