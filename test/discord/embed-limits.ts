/** Every rule a rendered Discord message must keep, as a list of violations (empty when the message is fine). */
import type { APIEmbed } from "discord.js";

export interface MessageLike {
  embeds?: APIEmbed[];
  content?: string;
  allowedMentions?: { parse?: unknown[] };
  allowed_mentions?: { parse?: unknown[] };
}

/** A `<@…`, `<@&…`, `<#…` that Discord would turn into a mention or channel link: one not escaped by a backslash. */
export function hasLiveMentionSyntax(text: string): boolean {
  for (const m of text.matchAll(/<[@#]/g)) {
    let backslashes = 0;
    for (let i = (m.index ?? 0) - 1; i >= 0 && text[i] === "\\"; i--) backslashes++;
    if (backslashes % 2 === 0) return true;
  }
  return false;
}

export function hasMassMention(text: string): boolean {
  return /@(everyone|here)/i.test(text);
}

export function violations(message: MessageLike): string[] {
  const out: string[] = [];
  const embeds = message.embeds ?? [];
  const mentions = message.allowedMentions ?? message.allowed_mentions;
  if (!mentions || !Array.isArray(mentions.parse) || mentions.parse.length !== 0)
    out.push(`allowed mentions not { parse: [] }: ${JSON.stringify(mentions)}`);
  if (embeds.length === 0 && !message.content) out.push("an empty message");
  if (embeds.length > 10) out.push(`${embeds.length} embeds`);
  let total = 0;
  embeds.forEach((e, i) => {
    const at = `embed ${i}`;
    const fields = e.fields ?? [];
    if ((e.title?.length ?? 0) > 256) out.push(`${at}: title ${e.title?.length}`);
    if ((e.description?.length ?? 0) > 4096) out.push(`${at}: description ${e.description?.length}`);
    if (fields.length > 25) out.push(`${at}: ${fields.length} fields`);
    if ((e.footer?.text.length ?? 0) > 2048) out.push(`${at}: footer ${e.footer?.text.length}`);
    if (!e.title && !e.description && fields.length === 0) out.push(`${at}: nothing in it`);
    for (const f of fields) {
      if (f.name.length === 0 || f.name.length > 256) out.push(`${at}: field name ${f.name.length}`);
      if (f.value.length === 0 || f.value.length > 1024) out.push(`${at}: field value ${f.value.length}`);
    }
    total +=
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0) +
      fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    const markdown = [e.title, e.description, ...fields.flatMap((f) => [f.name, f.value])].filter(
      (t): t is string => typeof t === "string",
    );
    for (const text of markdown) {
      if (hasLiveMentionSyntax(text))
        out.push(`${at}: live mention syntax in ${JSON.stringify(text.slice(0, 80))}`);
    }
    for (const text of [...markdown, e.footer?.text ?? ""]) {
      if (hasMassMention(text)) out.push(`${at}: @everyone/@here in ${JSON.stringify(text.slice(0, 80))}`);
    }
  });
  if (total > 6000) out.push(`${total} characters across the embeds`);
  return out;
}

/** All the text of a message's embeds, in reading order. */
export function embedText(message: MessageLike): string {
  return (message.embeds ?? [])
    .flatMap((e) => [
      e.title ?? "",
      e.description ?? "",
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ])
    .filter(Boolean)
    .join("\n");
}
