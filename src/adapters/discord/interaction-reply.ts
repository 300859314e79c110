/**
 * Answering one slash command within Discord's rules: the first response within 3 s (a reply, or
 * a deferral followed by an edit), private documents as ephemeral messages, long replies as follow-ups.
 */
import { type ChatInputCommandInteraction, MessageFlags } from "discord.js";
import type { DiscordMessage } from "./embed-layout.js";

export class InteractionReplier {
  private deferral?: Promise<unknown>;

  constructor(private readonly interaction: ChatInputCommandInteraction) {}

  /** Acknowledge now ("thinking…") and answer later; calling it again does nothing. */
  defer(): Promise<unknown> {
    this.deferral ??= this.interaction.deferReply();
    return this.deferral;
  }

  get acknowledged(): boolean {
    return this.deferral !== undefined || this.interaction.replied;
  }

  async send(messages: DiscordMessage[], ephemeral: boolean): Promise<void> {
    if (this.deferral) await this.deferral;
    const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
    const [first, ...rest] = messages;
    if (!first) return;
    const interaction = this.interaction;
    if (!interaction.deferred && !interaction.replied) {
      await interaction.reply({ ...first, flags });
    } else if (!ephemeral || interaction.ephemeral) {
      await interaction.editReply(first);
    } else {
      // The deferral showed a public "thinking…" message: a private answer replaces it with an ephemeral one.
      await interaction.deleteReply();
      await interaction.followUp({ ...first, flags });
    }
    for (const message of rest) await interaction.followUp({ ...message, flags });
  }
}
