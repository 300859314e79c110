/**
 * Laying out a drafted embed over as many embeds and messages as Discord's limits require:
 * description blocks and section fields are placed in order, a new embed starts when one is full
 * (one description, 25 fields), a new message when ten embeds or 6,000 characters are reached.
 */
import type { APIEmbed, APIEmbedField } from "discord.js";
import { EMBED_LIMITS } from "./limits.js";
import { plain, truncateWords } from "./markdown.js";
import { type Line, packLines } from "./split-text.js";

export interface Section {
  name: string;
  lines: (Line | string)[];
}

/** What a renderer produces for one reply: markdown text already made safe, limits not yet applied. */
export interface EmbedDraft {
  title?: string;
  color: number;
  description: (Line | string)[];
  sections: Section[];
  /** Plain text (footers show no markdown). */
  footer?: string;
  /** ISO date-time shown next to the footer. */
  timestamp?: string;
}

/** One Discord message: embeds only, and never a ping (Discord's `allowed_mentions` with nothing to parse). */
export interface DiscordMessage {
  embeds: APIEmbed[];
  allowedMentions: { parse: [] };
}

/** Footers are ours (topic, time), short; the cap keeps the budget of every message predictable. */
const FOOTER_MAX = 300;

type Piece = { kind: "description"; text: string } | { kind: "field"; field: APIEmbedField };

export function layoutEmbeds(draft: EmbedDraft): DiscordMessage[] {
  const title = draft.title ? truncateWords(draft.title, EMBED_LIMITS.title) : undefined;
  const footer = draft.footer ? truncateWords(plain(draft.footer), FOOTER_MAX) : undefined;
  const timestamp =
    draft.timestamp && !Number.isNaN(Date.parse(draft.timestamp)) ? draft.timestamp : undefined;
  const footerSize = footer?.length ?? 0;

  const messages: APIEmbed[][] = [];
  let embeds: APIEmbed[] = [];
  let total = 0;
  let embed: APIEmbed | undefined;

  const closeMessage = () => {
    if (embeds.length > 0) messages.push(embeds);
    embeds = [];
    total = 0;
    embed = undefined;
  };
  const openEmbed = (): APIEmbed => {
    if (embeds.length === EMBED_LIMITS.embedsPerMessage) closeMessage();
    const next: APIEmbed = { color: draft.color };
    embeds.push(next);
    embed = next;
    return next;
  };

  const first = openEmbed();
  if (title) {
    first.title = title;
    total += title.length;
  }
  const list = pieces(draft);
  // Discord refuses an embed with nothing in it.
  if (!title && list.length === 0) list.push({ kind: "description", text: "—" });
  for (const piece of list) {
    const size =
      piece.kind === "description" ? piece.text.length : piece.field.name.length + piece.field.value.length;
    if (total + size + footerSize > EMBED_LIMITS.total) closeMessage();
    if (piece.kind === "description") {
      const target = !embed || embed.description || embed.fields?.length ? openEmbed() : embed;
      target.description = piece.text;
    } else {
      const target = !embed || (embed.fields?.length ?? 0) >= EMBED_LIMITS.fields ? openEmbed() : embed;
      target.fields = [...(target.fields ?? []), piece.field];
    }
    total += size;
  }
  closeMessage();

  return messages.map((list) => {
    const last = list[list.length - 1] as APIEmbed;
    if (footer) last.footer = { text: footer };
    if (timestamp) last.timestamp = timestamp;
    return { embeds: list, allowedMentions: { parse: [] } };
  });
}

function pieces(draft: EmbedDraft): Piece[] {
  const out: Piece[] = packLines(draft.description, EMBED_LIMITS.description).map((text) => ({
    kind: "description",
    text,
  }));
  for (const section of draft.sections) {
    const name = truncateWords(section.name, EMBED_LIMITS.fieldName - " (continued)".length);
    packLines(section.lines, EMBED_LIMITS.fieldValue).forEach((value, i) => {
      out.push({ kind: "field", field: { name: i === 0 ? name : `${name} (continued)`, value } });
    });
  }
  return out;
}
