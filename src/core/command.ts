/**
 * Platform-neutral chat commands. Adapters register these definitions with their platform
 * (Discord application commands, Slack slash commands, console) and turn each invocation
 * into a CommandRequest; the handler returns a ReplyDocument that the adapter renders.
 */
import type { Core } from "./core.js";
import type { ReplyDocument } from "./reply.js";

export type OptionType = "string" | "integer" | "boolean" | "channel";

export interface CommandOption {
  name: string;
  description: string;
  type: OptionType;
  required?: boolean;
  /** Values the platform may offer as the user types. */
  autocomplete?: "topic" | "timezone";
  maxLength?: number;
  /** In text form (console, Slack) the free text after the known `name:value` pairs fills this option. */
  rest?: boolean;
}

/** Who may run a command: everyone, or members who may manage the channel (subscriptions, sources). */
export type Permission = "everyone" | "manage-channels";

export type Platform = "console" | "discord" | "slack";

export interface ChannelRef {
  platform: Platform;
  /** Platform channel id (console: "console"). */
  id: string;
  /** Slack team or Discord guild, when there is one. */
  workspace?: string;
  isDM: boolean;
}

export interface UserRef {
  id: string;
  name?: string;
  /** Whether the platform says this user may manage the channel (checked at run time by the adapter). */
  canManageChannel: boolean;
}

export type OptionValue = string | number | boolean;

export interface CommandRequest {
  command: string;
  subcommand?: string;
  options: Record<string, OptionValue | undefined>;
  user: UserRef;
  channel: ChannelRef;
  /** Conversation key for follow-up questions (DM, thread, console session). */
  conversationId?: string;
}

export interface CommandDefinition {
  name: string;
  description: string;
  /** Usage line shown in help and on a usage error, e.g. "/ask <question> [topic:ID]". */
  usage: string;
  options: CommandOption[];
  subcommands?: Omit<CommandDefinition, "subcommands" | "handle">[];
  /**
   * In text form, the subcommand run when the first word names none ("/sources" and "/sources topic:x"
   * list articles, as before the command gained subcommands).
   */
  defaultSubcommand?: string;
  permission: Permission;
  /** Whether the reply may take longer than a platform's 3-second window (adapters defer first). */
  slow?: boolean;
  handle(request: CommandRequest, core: Core): Promise<ReplyDocument>;
}
