/** The command registry: every adapter registers and dispatches exactly these. */
import type { CommandDefinition } from "../src/core/command.js";
import { ask } from "./ask.js";
import { brief } from "./brief.js";
import { digest } from "./digest.js";
import { helpCommand } from "./help.js";
import { sources } from "./sources.js";
import { timeline } from "./timeline.js";
import { topics } from "./topics.js";

export const COMMANDS: CommandDefinition[] = [brief, ask, timeline, sources, topics, digest];
COMMANDS.push(helpCommand(() => COMMANDS));

export function findCommand(name: string): CommandDefinition | undefined {
  const n = name.toLowerCase();
  return COMMANDS.find((c) => c.name === n);
}
