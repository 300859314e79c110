import type { CommandDefinition } from "../src/core/command.js";
import { optionalText } from "./brief.js";

export const sources: CommandDefinition = {
  name: "sources",
  description: "The articles a topic's briefings are drawn from",
  usage: "/sources [topic:ID]",
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
  async handle(request, core) {
    const { topic, sources: list } = await core.sources(optionalText(request.options.topic));
    return {
      kind: "list",
      title: `Sources for ${topic.title}`,
      empty: "No articles yet.",
      items: list.map((s) => ({
        text: s.title,
        detail: [s.published.slice(0, 10), s.source].filter(Boolean).join(" · "),
        url: s.url,
      })),
    };
  },
};
