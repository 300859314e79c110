import type { CommandDefinition } from "../src/core/command.js";
import { optionalText } from "./brief.js";

export const timeline: CommandDefinition = {
  name: "timeline",
  description: "Dated events of a topic, oldest first, each with its source sentence",
  usage: "/timeline [topic:ID]",
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
    return { kind: "timeline", timeline: await core.timeline(optionalText(request.options.topic)) };
  },
};
