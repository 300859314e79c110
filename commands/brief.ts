import type { CommandDefinition } from "../src/core/command.js";

export const brief: CommandDefinition = {
  name: "brief",
  description: "A briefing on a topic: what happened, who is involved, when, and the sources",
  usage: "/brief [topic:ID]",
  options: [
    {
      name: "topic",
      description: "Topic id (see /topics)",
      type: "string",
      autocomplete: "topic",
      rest: true,
    },
  ],
  permission: "everyone",
  slow: true,
  async handle(request, core) {
    const briefing = await core.brief(optionalText(request.options.topic));
    return { kind: "briefing", briefing };
  },
};

/** The topic option of every command that takes one, with autocomplete where the platform has it. */
export const TOPIC_OPTION = {
  name: "topic",
  description: "Topic id (see /topics)",
  type: "string",
  autocomplete: "topic",
} as const;

/** A string option with surrounding blanks removed; empty means absent. */
export function optionalText(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}
