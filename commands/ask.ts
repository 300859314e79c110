import type { CommandDefinition } from "../src/core/command.js";
import { MAX_QUESTION_LENGTH } from "../src/core/core.js";
import { optionalText } from "./brief.js";

export const ask: CommandDefinition = {
  name: "ask",
  description: "Ask a question about the news; the answer quotes its source",
  usage: "/ask <question> [topic:ID]",
  options: [
    {
      name: "question",
      description: "Your question",
      type: "string",
      required: true,
      maxLength: MAX_QUESTION_LENGTH,
      rest: true,
    },
    { name: "topic", description: "Topic id (default: all topics)", type: "string", autocomplete: "topic" },
  ],
  permission: "everyone",
  slow: true,
  async handle(request, core) {
    const question = typeof request.options.question === "string" ? request.options.question : "";
    const answer = await core.ask(question, optionalText(request.options.topic), request.conversationId);
    return { kind: "answer", answer };
  },
};
