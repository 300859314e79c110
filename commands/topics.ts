import type { CommandDefinition } from "../src/core/command.js";

export const topics: CommandDefinition = {
  name: "topics",
  description: "The topics this bot follows",
  usage: "/topics",
  options: [],
  permission: "everyone",
  async handle(_request, core) {
    const list = await core.topics();
    return {
      kind: "list",
      title: "Topics",
      empty: "No topics yet.",
      items: list.map((t) => ({
        text: `${t.id} — ${t.title}`,
        detail: [t.description, `${t.articles} article${t.articles === 1 ? "" : "s"}`]
          .filter(Boolean)
          .join(" · "),
      })),
    };
  },
};
