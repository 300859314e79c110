/**
 * Slack commands are installed under SLACK_COMMAND_PREFIX ("/nb-brief") when a workspace already has a
 * "/brief". The core speaks of its commands by their plain names in help, hints and errors; this
 * rewrites those mentions to the names people can type in this workspace. Only lists and notices are
 * touched: briefings and answers quote articles, whose text is never changed.
 */
import type { ReplyDocument } from "../../core/reply.js";

export function withCommandPrefix(
  doc: ReplyDocument,
  prefix: string,
  names: readonly string[],
): ReplyDocument {
  if (!prefix || (doc.kind !== "list" && doc.kind !== "notice")) return doc;
  const mention = new RegExp(`(^|[\\s(“"'])/(${names.map(escapeRegExp).join("|")})(?![\\w-])`, "g");
  const rename = (text: string) => text.replace(mention, `$1/${prefix}$2`);
  if (doc.kind === "notice") return { ...doc, text: rename(doc.text) };
  return {
    ...doc,
    empty: rename(doc.empty),
    items: doc.items.map((item) => ({
      ...item,
      text: rename(item.text),
      ...(item.detail ? { detail: rename(item.detail) } : {}),
    })),
    ...(doc.footer ? { footer: rename(doc.footer) } : {}),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
