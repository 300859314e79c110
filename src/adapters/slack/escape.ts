/**
 * Slack text in both directions. Outbound, article and user text is escaped so that it can only ever
 * show as text: `&`, `<` and `>` become entities (no `<!channel>`, `<@U…>` or `<http://…|fake link>`),
 * and bare @here/@channel/@everyone get an invisible word joiner so no automatic parsing can ping.
 * Inbound, Slack's markup in what people type is turned back into plain words.
 */

/** Longer links are shown as text: they would crowd out the message and risk Slack's length limits. */
const MAX_LINK_TARGET = 1000;

/** Escape text for any Slack text field (mrkdwn, plain_text and the message's fallback `text`). */
export function escapeText(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(here|channel|everyone)\b/gi, "@\u2060$1");
}

/**
 * Cut already-escaped text to at most `max` characters, ending in "…". Never cuts an entity
 * (`&amp;`), a link (`<url|label>`) or a surrogate pair in half, so the result stays valid and escaped.
 */
export function truncateEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const amp = text.lastIndexOf("&", cut - 1);
  if (amp >= 0 && amp > cut - 5 && text.indexOf(";", amp) >= cut) cut = amp;
  const open = text.lastIndexOf("<", cut - 1);
  if (open >= 0 && open > text.lastIndexOf(">", cut - 1)) cut = open;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  // "@herex" cut to "@here" would be a broadcast again: cut before the "@".
  const head = text.slice(0, cut).replace(/@(here|channel|everyone)$/i, "");
  return `${head}…`;
}

/** Escape and shorten in one go. */
export function escapeTruncated(text: string, max: number): string {
  return truncateEscaped(escapeText(text), max);
}

/** Escape and shorten text meant for one line (titles, names, dates): runs of whitespace become one space. */
export function escapeLine(text: string, max: number): string {
  return escapeTruncated(text.replace(/\s+/g, " ").trim(), max);
}

/** An http(s) URL made safe to sit inside `<url|label>`, or undefined when it is not a plain web link. */
export function linkTarget(url: string | null | undefined): string | undefined {
  if (!url || url.length > 2000) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  // `|` would end the URL part of the link early; the other three are Slack's control characters.
  const target = parsed.href
    .replace(/&/g, "&amp;")
    .replace(/</g, "%3C")
    .replace(/>/g, "%3E")
    .replace(/\|/g, "%7C");
  return target.length <= MAX_LINK_TARGET ? target : undefined;
}

/** A link whose label is escaped text; just the label when the URL is not a safe web link. */
export function link(url: string | null | undefined, label: string, maxLabel = 200): string {
  const target = linkTarget(url);
  const text = escapeTruncated(label.replace(/\s+/g, " ").trim() || (url ?? "link"), maxLabel);
  return target ? `<${target}|${text}>` : text;
}

/**
 * What a person typed, as plain words: Slack sends `<@U123|name>`, `<#C123|general>`, `<!here>`,
 * `<https://…|label>` and escapes `&`, `<`, `>`. User mentions become `@name`, channels `#C123`;
 * mentions of `botUserId` are dropped.
 */
export function slackTextToPlain(text: string, botUserId?: string): string {
  const plain = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = "", label] = inner.split("|", 2) as [string, string | undefined];
    if (target.startsWith("@")) {
      if (botUserId && target.slice(1) === botUserId) return "";
      return `@${label ?? target.slice(1)}`;
    }
    // The id, not the name: a channel option ("channel:#general") needs it, and a question loses little.
    if (target.startsWith("#")) return target;
    if (target.startsWith("!")) {
      if (label) return label;
      const special = target.slice(1).split("^")[0] ?? "";
      return `@${special}`;
    }
    return label ?? target;
  });
  return plain
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** Text with leading user mentions (`<@U123> what happened?`) removed, as an app_mention arrives. */
export function stripLeadingMentions(text: string): string {
  return text.replace(/^(\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)+/i, "");
}
