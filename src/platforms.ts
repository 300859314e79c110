/** The chat platforms whose credentials are configured, as adapters over one core. */
import { DiscordChat } from "./adapters/discord/discord-chat.js";
import { createSlackAdapter } from "./adapters/slack/create.js";
import type { App } from "./app.js";
import type { ChatAdapter } from "./core/port.js";

export async function createPlatformAdapters(app: App): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (app.config.discord) {
    const { token, apiBaseUrl, answerMentions } = app.config.discord;
    adapters.push(new DiscordChat({ core: app.core, logger: app.logger, token, apiBaseUrl, answerMentions }));
  }
  if (app.config.slack) adapters.push(createSlackAdapter(app, () => adapters));
  void app;
  return adapters;
}
