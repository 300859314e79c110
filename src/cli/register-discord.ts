/** `newsbrief register discord [--guild ID]`: register the slash commands and print what changed. */
import { DiscordAPIError } from "discord.js";
import { registerCommands } from "../adapters/discord/register-commands.js";
import type { Config } from "../config.js";
import { UsageError, UserFacingError } from "../core/errors.js";
import { parse } from "./commands.js";
import { printLine } from "./io.js";

export async function registerDiscord(
  config: Config,
  args: string[],
  print: (line: string) => void = printLine,
): Promise<number> {
  const { values } = parse(args, { guild: { type: "string" } });
  const guildId = typeof values.guild === "string" ? values.guild : undefined;
  if (guildId !== undefined && !/^\d{17,20}$/.test(guildId)) {
    throw new UsageError(`--guild must be a server id (17-20 digits; got '${guildId}')`);
  }
  const discord = config.discord;
  if (!discord) {
    throw new UsageError(
      "register discord needs DISCORD_TOKEN (and DISCORD_APPLICATION_ID); see the README's Discord setup",
    );
  }
  let changes: Awaited<ReturnType<typeof registerCommands>>;
  try {
    changes = await registerCommands({
      token: discord.token,
      apiBaseUrl: discord.apiBaseUrl,
      applicationId: discord.applicationId,
      guildId,
    });
  } catch (error) {
    throw new UserFacingError(explain(error, discord.apiBaseUrl, guildId));
  }
  const where = changes.guildId ? `in server ${changes.guildId}` : "globally";
  const total = changes.added.length + changes.updated.length + changes.unchanged.length;
  for (const name of changes.added) print(`added     /${name}`);
  for (const name of changes.updated) print(`updated   /${name}`);
  for (const name of changes.removed) print(`removed   /${name}`);
  if (changes.added.length + changes.updated.length + changes.removed.length === 0) {
    print(`No changes: the ${total} slash commands were already registered ${where}.`);
  } else {
    print(
      `Registered ${total} slash commands ${where} for application ${changes.applicationId}: ` +
        `${changes.added.length} added, ${changes.updated.length} updated, ${changes.removed.length} removed, ` +
        `${changes.unchanged.length} unchanged.`,
    );
  }
  return 0;
}

function explain(error: unknown, apiBaseUrl: string, guildId: string | undefined): string {
  if (error instanceof DiscordAPIError) {
    if (error.status === 401)
      return "Discord rejected DISCORD_TOKEN (401): reset the bot token and set it again.";
    if (error.code === 50001 && guildId) {
      return `Discord refused access to server ${guildId} (Missing Access): invite the bot there with the applications.commands scope first.`;
    }
    return `Discord refused the registration: ${error.message} (code ${error.code}, HTTP ${error.status}).`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Could not register the commands with Discord at ${apiBaseUrl}: ${message}`;
}
