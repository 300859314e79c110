/**
 * The article in a web page: main content found by Mozilla's Readability on a linkedom DOM (a
 * server-side DOM that never runs scripts; scripts, styles and embeds are removed before reading), and
 * the page's metadata: title, site name, language, canonical URL and publication date.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { cleanArticleText } from "../corpus/clean.js";
import { canonicalUrl } from "./url.js";

export interface ExtractedPage {
  title: string | null;
  /** Paragraphs separated by blank lines; "" when no article text was found. */
  text: string;
  published: string | null;
  siteName: string | null;
  language: string | null;
  canonicalUrl: string | null;
}

/** Readability gives up on pages with more elements than this (very large pages are rarely articles). */
const MAX_ELEMENTS = 50_000;

type Doc = ReturnType<typeof parseHTML>["document"];

function meta(document: Doc, selectors: string[]): string | null {
  for (const selector of selectors) {
    const value = document.querySelector(selector)?.getAttribute("content")?.trim();
    if (value) return value;
  }
  return null;
}

function jsonLdDate(document: Doc): string | null {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(script.textContent ?? "");
    if (m?.[1]) return m[1];
  }
  return null;
}

function toIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value.trim());
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function extractPage(html: string, url: string): ExtractedPage {
  const { document } = parseHTML(html);
  const published =
    toIso(
      meta(document, [
        'meta[property="article:published_time"]',
        'meta[name="article:published_time"]',
        'meta[itemprop="datePublished"]',
        'meta[name="pubdate"]',
        'meta[name="publishdate"]',
        'meta[name="date"]',
        'meta[name="dc.date"]',
        'meta[name="DC.date.issued"]',
      ]),
    ) ??
    toIso(jsonLdDate(document)) ??
    toIso(document.querySelector("article time[datetime], time[datetime]")?.getAttribute("datetime"));
  const canonicalHref = document.querySelector('link[rel="canonical"]')?.getAttribute("href");
  const siteName = meta(document, ['meta[property="og:site_name"]', 'meta[name="application-name"]']);
  const language = document.documentElement?.getAttribute("lang")?.trim() || null;
  for (const el of document.querySelectorAll(
    "script, style, noscript, template, iframe, object, embed, form",
  ))
    el.remove();
  let article: ReturnType<Readability["parse"]> = null;
  try {
    article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
      maxElemsToParse: MAX_ELEMENTS,
    }).parse();
  } catch {
    // Too many elements, or markup Readability cannot walk: the caller falls back to the feed's text.
    article = null;
  }
  const pageTitle =
    meta(document, ['meta[property="og:title"]']) ??
    (document.querySelector("title")?.textContent?.trim() || null);
  return {
    title: cleanArticleText(article?.title ?? pageTitle ?? "") || null,
    text: article?.content ? cleanArticleText(article.content) : "",
    published: published ?? toIso(article?.publishedTime),
    siteName: article?.siteName?.trim() || siteName,
    language: article?.lang?.trim() || language,
    canonicalUrl: canonicalHref ? (canonicalUrl(canonicalHref, url) ?? null) : null,
  };
}
