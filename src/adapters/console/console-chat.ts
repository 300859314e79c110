/**
 * The console chat: the bot on a terminal (or a pipe) with no chat platform configured.
 * Each input line is a command ("/brief") or a question; each gets exactly one reply.
 */
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import { findCommand } from "../../../commands/index.js";
import type { ChannelRef, CommandRequest, UserRef } from "../../core/command.js";
import type { Core } from "../../core/core.js";
import { dispatch, questionRequest } from "../../core/dispatch.js";
import type { ChatAdapter, PostResult } from "../../core/port.js";
import { notice, type ReplyDocument } from "../../core/reply.js";
import { parseOptionText, resolveSubcommand, splitCommandLine } from "../../core/text-command.js";
import { renderText } from "../../render/text.js";

const CHANNEL: ChannelRef = { platform: "console", id: "console", isDM: true };
/** The person at the terminal runs the bot, so they may manage it. */
const USER: UserRef = { id: "console", name: "you", canManageChannel: true };

export interface ConsoleChatOptions {
  core: Core;
  input: Readable;
  output: Writable;
  /** Show a prompt and a greeting (a terminal, not a pipe). */
  interactive: boolean;
}

export class ConsoleChat implements ChatAdapter {
  readonly platform = "console" as const;
  private readonly conversationId = `console:${process.pid}:${Date.now()}`;
  private rl?: readline.Interface;
  private messages = 0;

  constructor(private readonly options: ConsoleChatOptions) {}

  /** Runs until /quit or the end of input. */
  async start(): Promise<void> {
    const { input, output, interactive } = this.options;
    const rl = readline.createInterface({
      input,
      output: interactive ? output : undefined,
      terminal: interactive,
    });
    this.rl = rl;
    // Ctrl-C at the prompt leaves, as Ctrl-D does.
    rl.on("SIGINT", () => rl.close());
    if (interactive) {
      output.write("newsbrief console — /help for commands, /quit to leave. Anything else is a question.\n");
      rl.setPrompt("> ");
      rl.prompt();
    }
    for await (const line of rl) {
      const trimmed = line.trim();
      if (/^\/(quit|exit)\b/i.test(trimmed)) break;
      const reply = await this.handleLine(trimmed);
      output.write(`${renderText(reply)}\n\n`);
      if (interactive) rl.prompt();
    }
    rl.close();
  }

  async handleLine(line: string): Promise<ReplyDocument> {
    if (!line) return notice("Type a question, or /help for the commands.");
    const base: Omit<CommandRequest, "command" | "options"> = {
      user: USER,
      channel: CHANNEL,
      conversationId: this.conversationId,
    };
    const parts = splitCommandLine(line);
    if (!parts) return dispatch(this.options.core, questionRequest(line, base));
    const command = findCommand(parts.name);
    if (!command)
      return notice(`Unknown command /${parts.name}. Try /help for the list of commands.`, "warning");
    const resolved = resolveSubcommand(command, parts.text);
    if (!resolved.ok) return notice(resolved.error, "warning");
    const parsed = parseOptionText(resolved.target, resolved.text);
    if (!parsed.ok) return notice(parsed.error, "warning");
    return dispatch(this.options.core, {
      ...base,
      command: command.name,
      subcommand: resolved.subcommand,
      options: parsed.options,
    });
  }

  async post(_channel: ChannelRef, document: ReplyDocument): Promise<PostResult> {
    this.options.output.write(`${renderText(document)}\n\n`);
    return { messageId: `console-${++this.messages}` };
  }

  async stop(): Promise<void> {
    this.rl?.close();
  }
}
