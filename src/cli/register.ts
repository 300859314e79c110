/** `newsbrief register <platform>`: make the chat platform know the bot's commands. */
import type { App } from "../app.js";
import { UsageError } from "../core/errors.js";
import { registerDiscord } from "./register-discord.js";
import { registerSlack } from "./register-slack.js";

export async function registerCommand(app: App, args: string[]): Promise<number> {
  const [platform, ...rest] = args;
  if (platform === "discord") return registerDiscord(app.config, rest);
  if (platform === "slack") return registerSlack(app.config, rest);
  throw new UsageError(
    `register needs a platform: newsbrief register discord|slack (got '${platform ?? ""}')`,
  );
}
