/**
 * Fetching a URL a user gave us, defensively. Every hop of a redirect chain is checked again (scheme,
 * credentials, and the addresses its host resolves to, in the connection's own DNS lookup so that a
 * second resolution cannot swap in another address); at most 5 redirects; one deadline for the whole
 * fetch; the body is capped after decompression (a gzip bomb stops at the cap); the content type must
 * fit what is expected. Every failure is a FetchError whose message says what happened in plain words.
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { isIpLiteral, type PrivateAddressPolicy, refusedAddress } from "./address.js";
import { decodeText } from "./charset.js";
import { checkSourceUrl, SourceUrlError } from "./url.js";

export interface FetchPolicy {
  privateAddresses: PrivateAddressPolicy;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = {
  privateAddresses: false,
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: "newsbrief/0.1 (news briefing bot; feed reader)",
};

export type ExpectedContent = "feed" | "page" | "robots";

export interface FetchRequest {
  url: string;
  expect: ExpectedContent;
  /** Validators from the previous response, for a conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchResult =
  | { status: "not-modified"; url: string }
  | {
      status: "ok";
      /** The URL after redirects. */
      url: string;
      contentType: string;
      text: string;
      etag: string | null;
      lastModified: string | null;
    };

export type FetchErrorKind =
  | "refused"
  | "timeout"
  | "too-large"
  | "content-type"
  | "http"
  | "network"
  | "redirects";

export class FetchError extends Error {
  constructor(
    message: string,
    readonly kind: FetchErrorKind,
    readonly details: { httpStatus?: number; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }
}

const REFUSED = "ERR_NEWSBRIEF_REFUSED_ADDRESS";
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ACCEPT: Record<ExpectedContent, string> = {
  feed: "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
  page: "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
  robots: "text/plain, */*;q=0.5",
};
/** Content types worth reading: a feed may be served as XML, JSON, plain text or (wrongly) HTML. */
const READABLE: Record<ExpectedContent, RegExp> = {
  feed: /xml|rss|atom|rdf|json|^text\/|octet-stream/i,
  page: /^text\/html|^application\/xhtml\+xml|^text\/plain/i,
  // Whatever a site serves as its robots.txt is read: lines that are not rules are ignored.
  robots: /(?:)/,
};
const WHAT: Record<ExpectedContent, string> = { feed: "a feed", page: "a web page", robots: "a robots.txt" };

/** A DNS lookup that refuses hosts resolving to addresses the policy does not allow. */
function guardedLookup(policy: PrivateAddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    const done = callback as (error: Error | null, address?: unknown, family?: number) => void;
    dns.lookup(
      hostname,
      { all: true, family: options.family ?? 0, hints: options.hints },
      (error, addresses) => {
        if (error) return done(error);
        for (const a of addresses) {
          const reason = refusedAddress(a.address, policy);
          if (reason) {
            const refused = new Error(`${hostname} resolves to ${reason}`) as NodeJS.ErrnoException;
            refused.code = REFUSED;
            return done(refused);
          }
        }
        const first = addresses[0];
        if (!first) return done(new Error(`${hostname} has no address`));
        if (options.all) done(null, addresses);
        else done(null, first.address, first.family);
      },
    );
  };
}

/** Seconds to wait from a Retry-After header (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const when = Date.parse(trimmed);
  return Number.isNaN(when) ? undefined : Math.max(0, Math.round((when - now) / 1000));
}

function header(res: http.IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}

export async function safeFetch(
  request: FetchRequest,
  policy: FetchPolicy = DEFAULT_FETCH_POLICY,
): Promise<FetchResult> {
  let url: URL;
  try {
    url = checkSourceUrl(request.url);
  } catch (error) {
    throw new FetchError((error as Error).message, "refused");
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  const lookup = guardedLookup(policy.privateAddresses);
  try {
    for (let hop = 0; ; hop++) {
      const res = await requestOnce(url, request, policy, lookup, controller.signal);
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        res.destroy();
        const location = header(res, "location");
        if (!location)
          throw new FetchError(`HTTP ${status} redirect without a Location`, "http", { httpStatus: status });
        if (hop >= policy.maxRedirects)
          throw new FetchError(`more than ${policy.maxRedirects} redirects`, "redirects");
        try {
          url = checkSourceUrl(new URL(location, url).toString());
        } catch (error) {
          const reason = error instanceof SourceUrlError ? error.message : "the Location is not a URL";
          throw new FetchError(`redirected to a refused address: ${reason}`, "refused");
        }
        continue;
      }
      if (status === 304) {
        res.destroy();
        return { status: "not-modified", url: url.toString() };
      }
      if (status < 200 || status > 299) {
        res.destroy();
        throw new FetchError(`HTTP ${status} ${res.statusMessage ?? ""}`.trim(), "http", {
          httpStatus: status,
          retryAfterSeconds: retryAfterSeconds(header(res, "retry-after")),
        });
      }
      const contentType = header(res, "content-type") ?? "";
      const mediaType = contentType.split(";")[0]?.trim() ?? "";
      if (mediaType && !READABLE[request.expect].test(mediaType)) {
        res.destroy();
        throw new FetchError(`the server sent ${mediaType}, not ${WHAT[request.expect]}`, "content-type");
      }
      const declared = Number(header(res, "content-length"));
      if (Number.isFinite(declared) && declared > policy.maxBytes) {
        res.destroy();
        throw new FetchError(
          `the response is ${formatBytes(declared)}, over the ${formatBytes(policy.maxBytes)} limit`,
          "too-large",
        );
      }
      const body = await readBody(res, policy.maxBytes);
      return {
        status: "ok",
        url: url.toString(),
        contentType,
        text: decodeText(body, contentType),
        etag: header(res, "etag") ?? null,
        lastModified: header(res, "last-modified") ?? null,
      };
    }
  } catch (error) {
    throw asFetchError(error, controller.signal.aborted, policy, url);
  } finally {
    clearTimeout(timer);
  }
}

function asFetchError(error: unknown, timedOut: boolean, policy: FetchPolicy, url: URL): FetchError {
  if (error instanceof FetchError) return error;
  if (timedOut)
    return new FetchError(`no complete response within ${Math.round(policy.timeoutMs / 1000)} s`, "timeout");
  const e = error as NodeJS.ErrnoException;
  if (e.code === REFUSED) return new FetchError(`refused: ${e.message}`, "refused");
  if (e.code === "ENOTFOUND" || e.code === "EAI_AGAIN")
    return new FetchError(`the host ${url.hostname} was not found`, "network");
  if (e.code === "ECONNREFUSED") return new FetchError(`${url.host} refused the connection`, "network");
  if (e.code === "ECONNRESET") return new FetchError(`${url.host} closed the connection`, "network");
  if (
    e.code?.startsWith("Z_") ||
    e.code === "ERR_BROTLI_DECOMPRESSION_FAILED" ||
    /incorrect header|invalid/i.test(e.message ?? "")
  )
    return new FetchError(`the response could not be decompressed (${e.message})`, "network");
  if (/certificate|SSL|TLS/i.test(`${e.code} ${e.message}`))
    return new FetchError(`TLS error: ${e.message}`, "network");
  return new FetchError(`network error: ${e.message ?? String(error)}`, "network");
}

function requestOnce(
  url: URL,
  request: FetchRequest,
  policy: FetchPolicy,
  lookup: LookupFunction,
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  // A literal IP never goes through the DNS lookup, so it is checked here.
  if (isIpLiteral(url.hostname)) {
    const reason = refusedAddress(url.hostname, policy.privateAddresses);
    if (reason) return Promise.reject(new FetchError(`refused: ${reason}`, "refused"));
  }
  const headers: Record<string, string> = {
    "user-agent": policy.userAgent,
    accept: ACCEPT[request.expect],
    "accept-encoding": "gzip, deflate, br",
  };
  if (request.etag) headers["if-none-match"] = request.etag;
  if (request.lastModified) headers["if-modified-since"] = request.lastModified;
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: "GET", headers, lookup, signal, agent: false }, resolve);
    req.on("error", reject);
    req.end();
  });
}

/** The body, decompressed, stopping at `maxBytes` of decompressed data. */
async function readBody(res: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = (header(res, "content-encoding") ?? "identity").trim().toLowerCase();
  let stream: Readable = res;
  if (encoding === "gzip" || encoding === "x-gzip") stream = res.pipe(zlib.createGunzip());
  else if (encoding === "deflate") stream = res.pipe(zlib.createInflate());
  else if (encoding === "br") stream = res.pipe(zlib.createBrotliDecompress());
  else if (encoding !== "identity" && encoding !== "")
    throw new FetchError(`the response uses an unsupported encoding (${encoding})`, "network");
  if (stream !== res) res.on("error", (error) => stream.destroy(error));
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        throw new FetchError(
          `the response is over the ${formatBytes(maxBytes)} limit${stream !== res ? " once decompressed" : ""}`,
          "too-large",
        );
      }
      chunks.push(chunk as Buffer);
    }
  } finally {
    if (stream !== res) stream.destroy();
    res.destroy();
  }
  if (!res.complete) throw new FetchError("the response ended before it was complete", "network");
  return Buffer.concat(chunks);
}
