/** Autocomplete choices for topic and time-zone options, best matches first. */
import type { APIApplicationCommandOptionChoice } from "discord.js";
import type { Topic } from "../../core/model.js";
import { CHOICE_LIMITS } from "./limits.js";
import { plain, truncateWords } from "./markdown.js";

type Choice = APIApplicationCommandOptionChoice<string>;

export function topicChoices(topics: Pick<Topic, "id" | "title">[], typed: string): Choice[] {
  const q = typed.trim().toLowerCase();
  const ranked = topics
    .map((t) => ({ t, rank: rank(`${t.id} ${t.title}`.toLowerCase(), t.id.toLowerCase(), q) }))
    .filter((r) => r.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.t.id.localeCompare(b.t.id));
  return ranked
    .filter((r) => r.t.id.length <= CHOICE_LIMITS.value)
    .slice(0, CHOICE_LIMITS.choices)
    .map(({ t }) => ({
      name: truncateWords(plain(`${t.id} — ${t.title}`), CHOICE_LIMITS.name),
      value: t.id,
    }));
}

let zones: string[] | undefined;

/** IANA zone names; "UTC" is not always in the runtime's list but is what most people type. */
function timeZones(): string[] {
  zones ??= [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone")])];
  return zones;
}

export function timezoneChoices(typed: string): Choice[] {
  const q = typed.trim().toLowerCase().replace(/\s+/g, "_");
  return timeZones()
    .map((zone) => ({ zone, rank: rank(zone.toLowerCase(), zone.toLowerCase(), q) }))
    .filter((r) => r.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.zone.localeCompare(b.zone))
    .slice(0, CHOICE_LIMITS.choices)
    .map(({ zone }) => ({ name: zone, value: zone }));
}

/** 0: the key starts with the query; 1: a word in the text does; 2: the text contains it; -1: no match. */
function rank(text: string, key: string, q: string): number {
  if (!q || key.startsWith(q)) return 0;
  if (text.split(/[\s/_-]+/).some((w) => w.startsWith(q))) return 1;
  return text.includes(q) ? 2 : -1;
}
