/**
 * RSS 2.0, Atom and RDF (RSS 1.0) documents, parsed by feedsmith, as one item shape. A web page
 * where a feed was expected, malformed XML and anything else that is not a feed become a FeedError
 * that says so (naming the feed a page links to, when it does).
 */
import { createHash } from "node:crypto";
import { parseFeed } from "feedsmith";
import { cleanArticleText } from "../corpus/clean.js";
import { canonicalUrl } from "./url.js";

/** More items than this in one document are not read (a feed is a window on recent news, not an archive). */
export const MAX_FEED_ITEMS = 5000;

export interface FeedItem {
  /** What identifies the item within its feed: its GUID/id, else its canonical link, else a hash of its text. */
  key: string;
  /** Canonical URL of the article. */
  url: string | null;
  title: string;
  /** The feed's own text for the item (full content when the feed carries it, else the summary), as plain text. */
  text: string;
  /** ISO date-time, when the feed gives one. */
  published: string | null;
  author: string | null;
}

export interface FeedDocument {
  format: "rss" | "atom" | "rdf" | "json";
  title: string | null;
  items: FeedItem[];
}

export class FeedError extends Error {}

type Loose = Record<string, unknown>;

function str(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && typeof (v as Loose).value === "string")
    return (v as Loose).value as string;
  return undefined;
}

function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

function isoDate(...candidates: unknown[]): string | null {
  for (const c of candidates) {
    const text = str(first(c));
    if (!text) continue;
    const t = Date.parse(text.trim());
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  return null;
}

/** Links a web page declares to its feeds (`<link rel="alternate" type="application/rss+xml" href>`). */
export function discoverFeedLinks(html: string, base: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/rel\s*=\s*["']?alternate/i.test(tag)) continue;
    if (!/type\s*=\s*["']?application\/(rss|atom|rdf)\+xml/i.test(tag)) continue;
    const href = /href\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    const url = href && canonicalUrl(href.replace(/&amp;/g, "&"), base);
    if (url && !out.includes(url)) out.push(url);
  }
  return out;
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*(<!doctype html|<html[\s>])/i.test(text);
}

export function parseFeedDocument(text: string, base: string): FeedDocument {
  if (!text.trim()) throw new FeedError("the feed is empty");
  if (looksLikeHtml(text)) {
    const links = discoverFeedLinks(text, base);
    throw new FeedError(
      links.length > 0
        ? `the address is a web page, not a feed; it links to the feed ${links[0]}: add that URL instead`
        : "the address is a web page, not a feed (RSS, Atom or RDF)",
    );
  }
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(text);
  } catch (error) {
    const name = (error as Error).name;
    const message = (error as Error).message;
    if (/Detect/.test(name) || /Unrecognized/i.test(message))
      throw new FeedError("the document is not an RSS, Atom or RDF feed");
    throw new FeedError(`the feed is malformed: ${message}`);
  }
  const feed = parsed.feed as Loose;
  const title = cleanArticleText(str(feed.title) ?? "") || null;
  const rawItems = ((parsed.format === "atom" ? feed.entries : feed.items) ?? []) as Loose[];
  const items: FeedItem[] = [];
  for (const raw of rawItems.slice(0, MAX_FEED_ITEMS)) {
    const item = parsed.format === "atom" ? atomItem(raw, base) : rssItem(raw, base);
    if (item) items.push(item);
  }
  return { format: parsed.format, title, items };
}

function itemKey(id: string | undefined, url: string | null, title: string, text: string): string {
  const trimmed = id?.trim();
  if (trimmed) return trimmed.slice(0, 500);
  if (url) return url;
  return `sha256:${createHash("sha256").update(`${title}\n${text}`).digest("hex").slice(0, 32)}`;
}

function rssItem(raw: Loose, base: string): FeedItem | undefined {
  const guid = raw.guid as Loose | string | undefined;
  const guidValue = str(guid);
  const permalink = typeof guid === "object" && guid?.isPermaLink !== false ? guidValue : undefined;
  const rdfAbout = str((raw.rdf as Loose | undefined)?.about);
  const link = str(raw.link) ?? permalink ?? rdfAbout;
  const url = link ? (canonicalUrl(link, base) ?? null) : null;
  const title = cleanArticleText(str(raw.title) ?? "");
  const content = str((raw.content as Loose | undefined)?.encoded);
  const text = cleanArticleText(content ?? str(raw.description) ?? "");
  if (!title && !text) return undefined;
  const dc = raw.dc as Loose | undefined;
  const author = str(first((raw.authors as unknown[]) ?? dc?.creators)) ?? null;
  return {
    key: itemKey(guidValue ?? rdfAbout, url, title, text),
    url,
    title: title || firstWords(text),
    text,
    published: isoDate(raw.pubDate, dc?.dates, dc?.date),
    author: author && cleanArticleText(author),
  };
}

function atomItem(raw: Loose, base: string): FeedItem | undefined {
  const links = (raw.links as Loose[] | undefined) ?? [];
  const alternate = links.find((l) => !l.rel || l.rel === "alternate") ?? links[0];
  const href = str(alternate?.href);
  const url = href ? (canonicalUrl(href, base) ?? null) : null;
  const title = cleanArticleText(str(raw.title) ?? "");
  const text = cleanArticleText(str(raw.content) ?? str(raw.summary) ?? "");
  if (!title && !text) return undefined;
  const author = str((first(raw.authors) as Loose | undefined)?.name) ?? null;
  return {
    key: itemKey(str(raw.id), url, title, text),
    url,
    title: title || firstWords(text),
    text,
    published: isoDate(raw.published, raw.updated),
    author,
  };
}

function firstWords(text: string): string {
  const words = text.split(/\s+/).slice(0, 12).join(" ");
  return words.length < text.length ? `${words}…` : words;
}
