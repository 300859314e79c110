/** Source URLs as users type them, checked; and article URLs in one canonical form for de-duplication. */

export const MAX_URL_LENGTH = 2048;

/** Query parameters that only track the reader (campaigns, click ids): never part of what an article is. */
const TRACKING = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "msclkid",
  "yclid",
  "igshid",
  "mc_cid",
  "mc_eid",
  "_ga",
  "_gl",
  "ocid",
  "cmpid",
  "ncid",
  "sr_share",
  "ref_src",
  "ref_url",
  "at_medium",
  "at_campaign",
  "wt.mc_id",
  "__twitter_impression",
]);

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith("utm_") || TRACKING.has(n);
}

/** A URL a user gave as a source: http or https, no credentials, a host. Throws with the reason. */
export function checkSourceUrl(raw: string): URL {
  const text = raw.trim();
  if (!text) throw new SourceUrlError("give a feed URL, such as https://example.com/feed.xml");
  if (text.length > MAX_URL_LENGTH)
    throw new SourceUrlError(`the URL is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SourceUrlError(`'${shorten(text)}' is not a URL (it should start with https://)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new SourceUrlError(
      `only http and https URLs can be sources (not ${url.protocol.replace(":", "")})`,
    );
  if (url.username || url.password)
    throw new SourceUrlError("URLs with a user name or password are not accepted");
  if (!url.hostname) throw new SourceUrlError("the URL has no host");
  url.hash = "";
  return url;
}

/**
 * The canonical form of an article URL: resolved against the page it came from, fragment and tracking
 * parameters removed, the remaining parameters sorted. Two links to the same article compare equal.
 */
export function canonicalUrl(raw: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = base ? new URL(raw.trim(), base) : new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  url.hash = "";
  url.username = "";
  url.password = "";
  const kept = [...url.searchParams].filter(([name]) => !isTracking(name));
  kept.sort(([a, av], [b, bv]) => a.localeCompare(b) || av.localeCompare(bv));
  url.search = kept.length ? new URLSearchParams(kept).toString() : "";
  return url.toString();
}

export class SourceUrlError extends Error {}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
