/** Gateway payloads as Discord sends them: slash commands, autocomplete, DMs and channel messages. */
import { type FakeDiscord, snowflake } from "./fake-discord.js";

export const ASKER = {
  id: "1500000000000000010",
  username: "reader",
  discriminator: "0",
  global_name: "Reader",
  avatar: null,
};

/** Permission bits as Discord sends them: View Channel + Send Messages, optionally Manage Channels. */
export function memberPermissions(manageChannels: boolean): string {
  const base = (1n << 10n) | (1n << 11n);
  return String(manageChannels ? base | (1n << 4n) : base);
}

export interface CommandOptionPayload {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOptionPayload[];
}

export interface InteractionPlace {
  /** In the fake's guild channel (default), its thread, or a DM. */
  where?: "channel" | "thread" | "dm";
  manageChannels?: boolean;
}

function interaction(
  fake: FakeDiscord,
  type: 2 | 4,
  name: string,
  options: CommandOptionPayload[],
  place: InteractionPlace,
) {
  const where = place.where ?? "channel";
  const inGuild = where !== "dm";
  const channelId =
    where === "dm" ? "1600000000000000020" : where === "thread" ? fake.guild.threadId : fake.guild.channelId;
  const channel = inGuild
    ? {
        id: channelId,
        type: where === "thread" ? 11 : 0,
        guild_id: fake.guild.id,
        name: "news",
        ...(where === "thread" ? { parent_id: fake.guild.channelId } : {}),
      }
    : { id: channelId, type: 1, recipients: [ASKER] };
  return {
    id: snowflake(),
    application_id: fake.applicationId,
    type,
    token: `token-${snowflake()}`,
    version: 1,
    data: { id: snowflake(), name, type: 1, options },
    channel_id: channelId,
    channel,
    ...(inGuild
      ? {
          guild_id: fake.guild.id,
          guild_locale: "en-US",
          member: {
            user: ASKER,
            roles: [],
            joined_at: "2020-06-01T00:00:00.000Z",
            deaf: false,
            mute: false,
            flags: 0,
            permissions: memberPermissions(place.manageChannels ?? false),
          },
        }
      : { user: ASKER }),
    app_permissions: "2248473465835073",
    locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: inGuild ? { "0": fake.guild.id } : { "1": ASKER.id },
    context: inGuild ? 0 : 1,
  };
}

export function slashCommand(
  fake: FakeDiscord,
  name: string,
  options: CommandOptionPayload[] = [],
  place: InteractionPlace = {},
) {
  return interaction(fake, 2, name, options, place);
}

export function autocomplete(
  fake: FakeDiscord,
  name: string,
  options: CommandOptionPayload[],
  place: InteractionPlace = {},
) {
  return interaction(fake, 4, name, options, place);
}

/** A string option (type 3). */
export function text(name: string, value: string, focused = false): CommandOptionPayload {
  return { name, type: 3, value, ...(focused ? { focused } : {}) };
}

export interface MessagePlace {
  where: "dm" | "channel" | "thread";
  content: string;
  mentionsBot?: boolean;
  author?: { id: string; username: string; discriminator: string; global_name: string | null; bot?: boolean };
}

export const DM_CHANNEL = "1600000000000000021";

export function messageCreate(fake: FakeDiscord, place: MessagePlace) {
  const author = place.author ?? ASKER;
  const inGuild = place.where !== "dm";
  const channelId =
    place.where === "dm" ? DM_CHANNEL : place.where === "thread" ? fake.guild.threadId : fake.guild.channelId;
  return {
    id: snowflake(),
    channel_id: channelId,
    author,
    content: place.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: place.mentionsBot ? [fake.botUser] : [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    ...(inGuild
      ? {
          guild_id: fake.guild.id,
          member: { roles: [], joined_at: "2020-06-01T00:00:00.000Z", deaf: false, mute: false, flags: 0 },
        }
      : { channel_type: 1 }),
  };
}
