import type { CommandDefinition } from "../src/core/command.js";

/** /help lists every command; it is given the registry so that it never goes stale. */
export function helpCommand(all: () => CommandDefinition[]): CommandDefinition {
  return {
    name: "help",
    description: "What this bot can do",
    usage: "/help",
    options: [],
    permission: "everyone",
    async handle() {
      return {
        kind: "list",
        title: "newsbrief commands",
        empty: "No commands.",
        items: all().map((c) => ({ text: c.usage, detail: c.description })),
        footer: "A message that is not a command is answered as a question.",
      };
    },
  };
}
