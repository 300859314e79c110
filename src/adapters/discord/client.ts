/** The discord.js client with the least it needs: intents, the DM partial, no mentions, a REST base. */
import { Client, GatewayIntentBits, Partials } from "discord.js";

export interface DiscordClientOptions {
  /** REST base (`https://discord.com/api`, a REST proxy, or a local fake in tests). */
  apiBaseUrl: string;
  /** Answer @mentions in server channels: needs server message events and the Message Content intent. */
  answerMentions: boolean;
  /** Discord's global request budget for this bot (50/s unless Discord raised it). */
  globalRequestsPerSecond?: number;
}

/**
 * Guilds for slash commands in servers and DirectMessages for questions in DMs; server messages
 * (and the privileged Message Content intent) only when mentions in channels are answered.
 */
export function discordIntents(answerMentions: boolean): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages];
  if (answerMentions) intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent);
  return intents;
}

export function createDiscordClient(options: DiscordClientOptions): Client {
  return new Client({
    intents: discordIntents(options.answerMentions),
    // DM channels are not cached before their first message; without this partial, DMs are dropped.
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    rest: { api: options.apiBaseUrl, globalRequestsPerSecond: options.globalRequestsPerSecond ?? 50 },
  });
}
