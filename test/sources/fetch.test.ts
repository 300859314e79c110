/** Fetching hostile and ordinary responses from a local server, and the address refusals. */
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FETCH_POLICY, FetchError, type FetchPolicy, safeFetch } from "../../src/sources/fetch.js";
import { FeedServer, rss } from "./feed-server.js";

const server = new FeedServer();
const open: FetchPolicy = { ...DEFAULT_FETCH_POLICY, privateAddresses: true, timeoutMs: 2000 };
const FEED = rss("Wire", [{ title: "One", link: "http://example.org/1", description: "First." }]);

beforeAll(async () => {
  await server.start();
  server.serve("/feed.xml", FEED, "application/rss+xml", { etag: '"v1"' });
  server.routes.set("/conditional.xml", (req, res) => {
    if (req.headers["if-none-match"] === '"v1"') res.writeHead(304).end();
    else res.writeHead(200, { "content-type": "application/rss+xml", etag: '"v1"' }).end(FEED);
  });
  for (let i = 0; i < 7; i++)
    server.routes.set(`/hop${i}`, (_req, res) => res.writeHead(302, { location: `/hop${i + 1}` }).end());
  server.serve("/hop7", FEED, "application/rss+xml");
  server.routes.set("/to-metadata", (_req, res) =>
    res.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/" }).end(),
  );
  server.routes.set("/to-file", (_req, res) => res.writeHead(302, { location: "file:///etc/passwd" }).end());
  server.routes.set("/busy", (_req, res) =>
    res.writeHead(429, { "retry-after": "120", "content-type": "text/plain" }).end("slow down"),
  );
  server.routes.set("/slow", (_req, res) => {
    res.writeHead(200, { "content-type": "application/rss+xml" });
    res.write("<rss>");
    // Never finishes: one byte every 100 ms.
    const timer = setInterval(() => res.write(" "), 100);
    res.on("close", () => clearInterval(timer));
  });
  server.routes.set("/huge", (_req, res) => {
    res.writeHead(200, { "content-type": "application/rss+xml" });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < 40 && res.write(chunk)) sent++;
      if (sent >= 40) res.end();
      else res.once("drain", pump);
    };
    pump();
  });
  server.serve("/declared-huge", "x", "application/rss+xml", { "content-length": String(50 * 1024 * 1024) });
  // 200 MB of zeros compressed into about 200 KB.
  const bomb = zlib.gzipSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 });
  server.serve("/bomb.xml", bomb, "application/rss+xml", { "content-encoding": "gzip" });
  server.serve("/gzipped.xml", zlib.gzipSync(FEED), "application/rss+xml", { "content-encoding": "gzip" });
  server.serve("/image.png", Buffer.from([0x89, 0x50, 0x4e, 0x47]), "image/png");
  server.serve(
    "/latin1.xml",
    Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Caf\xe9 Zürich</title></channel></rss>',
      "latin1",
    ),
    "application/xml",
  );
  server.routes.set("/truncated", (req, res) => {
    res.writeHead(200, { "content-type": "application/rss+xml", "content-length": "1000" });
    res.write("<rss><channel>");
    setTimeout(() => req.socket.destroy(), 20);
  });
});
afterAll(() => server.stop());

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FetchError);
    return error as FetchError;
  }
  throw new Error("expected the fetch to fail");
}

describe("safeFetch", () => {
  it("reads a feed with its validators, and answers a conditional GET with not-modified", async () => {
    const first = await safeFetch({ url: server.url("/conditional.xml"), expect: "feed" }, open);
    expect(first.status).toBe("ok");
    if (first.status !== "ok") return;
    expect(first.text).toContain("<rss");
    expect(first.etag).toBe('"v1"');
    const second = await safeFetch(
      { url: server.url("/conditional.xml"), expect: "feed", etag: first.etag },
      open,
    );
    expect(second.status).toBe("not-modified");
    const sent = server.requests.filter((r) => r.path === "/conditional.xml").at(-1);
    expect(sent?.headers["if-none-match"]).toBe('"v1"');
    expect(sent?.headers["user-agent"]).toMatch(/newsbrief/);
  });

  it("decompresses gzip and decodes the charset the document declares", async () => {
    const gz = await safeFetch({ url: server.url("/gzipped.xml"), expect: "feed" }, open);
    expect(gz.status === "ok" && gz.text).toBe(FEED);
    const latin = await safeFetch({ url: server.url("/latin1.xml"), expect: "feed" }, open);
    expect(latin.status === "ok" && latin.text).toContain("Café Zürich");
  });

  it("follows up to 5 redirects and refuses the 6th", async () => {
    const ok = await safeFetch({ url: server.url("/hop2"), expect: "feed" }, open);
    expect(ok.status === "ok" && ok.url).toBe(server.url("/hop7"));
    const tooMany = await failure(safeFetch({ url: server.url("/hop0"), expect: "feed" }, open));
    expect(tooMany.kind).toBe("redirects");
    expect(tooMany.message).toBe("more than 5 redirects");
  });

  it("refuses loopback addresses unless private sources are allowed", async () => {
    const strict = { ...open, privateAddresses: false };
    const literal = await failure(safeFetch({ url: server.url("/feed.xml"), expect: "feed" }, strict));
    expect(literal.kind).toBe("refused");
    expect(literal.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    const port = new URL(server.base).port;
    const named = await failure(
      safeFetch({ url: `http://localhost:${port}/feed.xml`, expect: "feed" }, strict),
    );
    expect(named.kind).toBe("refused");
    expect(named.message).toMatch(/localhost resolves to .* loopback address/);
    expect(server.hits("/feed.xml")).toBe(0);
  });

  it("checks every redirect: no link-local metadata address, no other scheme", async () => {
    const only127 = { ...open, privateAddresses: ["127.0.0.1/32"] };
    const metadata = await failure(safeFetch({ url: server.url("/to-metadata"), expect: "feed" }, only127));
    expect(metadata.kind).toBe("refused");
    expect(metadata.message).toMatch(/169\.254\.169\.254 is a link-local address/);
    const file = await failure(safeFetch({ url: server.url("/to-file"), expect: "feed" }, open));
    expect(file.message).toMatch(/redirected to a refused address: only http and https/);
  });

  it("refuses URLs with credentials and non-http schemes before connecting", async () => {
    const port = new URL(server.base).port;
    const creds = await failure(
      safeFetch({ url: `http://user:pw@127.0.0.1:${port}/feed.xml`, expect: "feed" }, open),
    );
    expect(creds.message).toMatch(/user name or password/);
    expect((await failure(safeFetch({ url: "gopher://127.0.0.1/", expect: "feed" }, open))).kind).toBe(
      "refused",
    );
  });

  it("passes on Retry-After from a 429", async () => {
    const busy = await failure(safeFetch({ url: server.url("/busy"), expect: "feed" }, open));
    expect(busy.kind).toBe("http");
    expect(busy.details).toEqual({ httpStatus: 429, retryAfterSeconds: 120 });
  });

  it("gives up on a response that never ends, at the deadline", async () => {
    const started = Date.now();
    const slow = await failure(
      safeFetch({ url: server.url("/slow"), expect: "feed" }, { ...open, timeoutMs: 500 }),
    );
    expect(slow.kind).toBe("timeout");
    expect(slow.message).toBe("no complete response within 1 s");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("stops reading at the size cap, declared or not, and stops a gzip bomb once decompressed", async () => {
    const capped = { ...open, maxBytes: 1024 * 1024 };
    const huge = await failure(safeFetch({ url: server.url("/huge"), expect: "feed" }, capped));
    expect(huge.kind).toBe("too-large");
    const declared = await failure(safeFetch({ url: server.url("/declared-huge"), expect: "feed" }, capped));
    expect(declared.message).toMatch(/50 MB, over the 1 MB limit/);
    const before = process.memoryUsage().rss;
    const bomb = await failure(safeFetch({ url: server.url("/bomb.xml"), expect: "feed" }, capped));
    expect(bomb.kind).toBe("too-large");
    expect(bomb.message).toMatch(/once decompressed/);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it("refuses a content type that cannot be a feed or a page", async () => {
    const image = await failure(safeFetch({ url: server.url("/image.png"), expect: "feed" }, open));
    expect(image.kind).toBe("content-type");
    expect(image.message).toBe("the server sent image/png, not a feed");
    const page = await failure(safeFetch({ url: server.url("/feed.xml"), expect: "page" }, open));
    expect(page.message).toBe("the server sent application/rss+xml, not a web page");
  });

  it("reports a connection closed mid-body and a server that is not there", async () => {
    const cut = await failure(safeFetch({ url: server.url("/truncated"), expect: "feed" }, open));
    expect(cut.kind).toBe("network");
    const gone = await failure(safeFetch({ url: "http://127.0.0.1:1/feed.xml", expect: "feed" }, open));
    expect(gone.message).toMatch(/refused the connection/);
  });
});
