/**
 * Text that came from an article or a user, made inert for Discord markdown: it renders as written,
 * with no formatting, masked links, mentions, channel links or @everyone/@here.
 */

/** Characters that start markdown, mentions (`<@id>`, `<#id>`, `<t:…>`) or spoilers. */
const MARKDOWN_CHARACTERS = /[\\*_~`|<>[\]#]/g;
/** @everyone and @here highlight even when nothing pings; a zero-width space breaks the keyword. */
const MASS_MENTION = /@(everyone|here)/gi;
const ZERO_WIDTH_SPACE = "\u200b";

/** One line of inert markdown: whitespace collapsed, markdown escaped, mass mentions broken. */
export function inert(text: string): string {
  return oneLine(text)
    .replace(MARKDOWN_CHARACTERS, "\\$&")
    .replace(/^([-+])/, "\\$1")
    .replace(MASS_MENTION, `@${ZERO_WIDTH_SPACE}$1`);
}

/** For places Discord shows without markdown (footers, choice names): one line, mass mentions broken. */
export function plain(text: string): string {
  return oneLine(text).replace(MASS_MENTION, `@${ZERO_WIDTH_SPACE}$1`);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Shorten to at most `max` characters at a word boundary, marking the cut with an ellipsis. */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - 1;
  const space = text.lastIndexOf(" ", room);
  const cut = space > room / 2 ? text.slice(0, space) : safeSlice(text, room);
  return `${cut.trimEnd()}…`;
}

/**
 * The first `max` UTF-16 units of a text, never splitting a surrogate pair or separating an
 * escaping backslash from the character it escapes.
 */
export function safeSlice(text: string, max: number): string {
  let end = Math.min(max, text.length);
  const code = text.charCodeAt(end - 1);
  if (end < text.length && code >= 0xd800 && code <= 0xdbff) end--;
  let backslashes = 0;
  while (end - backslashes > 0 && text[end - backslashes - 1] === "\\") backslashes++;
  if (end < text.length && backslashes % 2 === 1) end--;
  return text.slice(0, end);
}

/** The longest a link label gets; the full title is in /sources. */
const LINK_LABEL_MAX = 200;
/** Longer URLs are shown unlinked: they would crowd out the text they cite. */
const URL_MAX = 512;

/** A masked link `[label](url)` when the URL is a plain http(s) address; the inert label otherwise. */
export function link(label: string, url: string | null | undefined): string {
  const text = truncateWords(inert(label), LINK_LABEL_MAX) || "link";
  const target = safeUrl(url);
  return target ? `[${text}](${target})` : text;
}

/** A URL that can sit inside `(…)` of a masked link, or undefined when it is not a plain web address. */
export function safeUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return undefined;
  if (parsed.username || parsed.password) return undefined;
  const href = parsed.href.replace(/[()<>@\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return href.length <= URL_MAX ? href : undefined;
}
