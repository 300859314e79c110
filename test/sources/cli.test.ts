/**
 * News feeds through the built CLI and the console chat, as an operator uses them: add, list, poll
 * (the quiet first poll, then new articles that /brief shows), a failing feed disabled with its reason,
 * the address refusal, and `ingest URL`.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { articlePage, FeedServer, rss, type TestItem } from "./feed-server.js";
import { story } from "./stories.js";

const server = new FeedServer();
let dataDir: string;
let items: TestItem[] = [];
const OPEN = { NEWSBRIEF_ALLOW_PRIVATE_SOURCES: "true", NEWSBRIEF_SOURCE_FAILURE_LIMIT: "2" };

function cli(args: string[], env: Record<string, string> = OPEN, input?: string) {
  return runCli(["--data-dir", dataDir, ...args], { env, input });
}

beforeAll(async () => {
  dataDir = tempDir();
  await server.start();
  server.routes.set("/feed.xml", (_req, res) =>
    res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss("Desert Wire", items)),
  );
  server.routes.set("/broken.xml", (_req, res) =>
    res.writeHead(503, { "content-type": "text/plain" }).end("down"),
  );
  for (let n = 0; n < 4; n++)
    server.serve(
      `/news/${n}`,
      articlePage(`Libya ceasefire talks, day ${n}`, story(n), { published: `2024-05-0${n + 1}T10:00:00Z` }),
      "text/html",
    );
  items = [0, 1].map((n) => ({
    title: `Libya ceasefire talks, day ${n}`,
    link: server.url(`/news/${n}`),
    guid: `n${n}`,
  }));
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("newsbrief sources", () => {
  let id = "";

  it("adds a feed, polls it quietly first, then brings its new articles into the briefing", async () => {
    const added = await cli([
      "sources",
      "add",
      server.url("/feed.xml"),
      "--topic",
      "libya-ceasefire",
      "--every",
      "15m",
    ]);
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    id = /added (src-[0-9a-f]{8})/.exec(added.stdout)?.[1] ?? "";
    expect(id).not.toBe("");
    const listed = JSON.parse((await cli(["sources", "list", "--json"])).stdout);
    expect(listed.sources[0]).toMatchObject({
      id,
      status: "new",
      intervalSeconds: 900,
      topics: ["libya-ceasefire"],
    });

    const first = await cli(["sources", "poll"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `${id}\tfirst poll: 2 current items recorded as seen, none reported as new`,
    );

    items = [2, 3, 0, 1].map((n) => ({
      title: `Libya ceasefire talks, day ${n}`,
      link: server.url(`/news/${n}`),
      guid: `n${n}`,
    }));
    const second = JSON.parse((await cli(["sources", "poll", id, "--json"])).stdout);
    expect(second.reports[0]).toMatchObject({ outcome: "updated", fresh: 2, added: 2 });
    const brief = JSON.parse((await cli(["brief", "--topic", "libya-ceasefire", "--json"])).stdout);
    const urls = brief.sources.map((s: { url: string | null }) => s.url);
    expect(urls).toContain(server.url("/news/2"));
    expect(urls).toContain(server.url("/news/3"));
    expect(urls).not.toContain(server.url("/news/0"));

    const text = (await cli(["sources", "list"])).stdout;
    expect(text).toMatch(
      new RegExp(
        `^${id}\\tok\\tlibya-ceasefire\\tevery 15m\\t${server.url("/feed.xml")}\\tlast poll \\d{4}-.* UTC\\t4 items, 2 articles$`,
        "m",
      ),
    );
  });

  it("lists, adds and removes feeds in the chat, and bare /sources still lists articles", async () => {
    const lines = [
      "/sources list",
      `/sources add ${server.url("/feed.xml?chat=1")} topic:libya-ceasefire every:1h`,
      "/sources",
      "/sources topic:libya-ceasefire",
      "/sources add topic:libya-ceasefire",
      "/sources remove id:src-00000000",
    ];
    const r = await runCli(["--data-dir", dataDir, "chat"], { env: OPEN, input: `${lines.join("\n")}\n` });
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/News feeds\n/);
    expect(out).toContain("Desert Wire — ok");
    expect(out).toMatch(
      /Following http:\/\/127\.0\.0\.1:\d+\/feed\.xml\?chat=1 for libya-ceasefire \(src-[0-9a-f]{8}\), every 1h/,
    );
    expect(out.match(/Sources for Libya ceasefire/g)).toHaveLength(2);
    expect(out).toMatch(/\/sources add needs url/);
    expect(out).toContain("There is no source 'src-00000000'");
  });

  it("disables a feed that keeps failing and says why in the list", async () => {
    const added = await cli(["sources", "add", server.url("/broken.xml"), "--topic", "libya-ceasefire"]);
    const broken = /added (src-[0-9a-f]{8})/.exec(added.stdout)?.[1] as string;
    const once = await cli(["sources", "poll", broken]);
    expect(once.code).toBe(1);
    expect(once.stdout).toContain(`${broken}\tfailed\tHTTP 503 Service Unavailable`);
    await cli(["sources", "poll", broken]);
    const list = (await cli(["sources", "list"])).stdout;
    expect(list).toContain(`${broken}\tdisabled\t`);
    expect(list).toContain(
      "  disabled: stopped after 2 failed polls in a row; last error: HTTP 503 Service Unavailable",
    );
    // The healthy feed and its articles are untouched.
    expect(list).toMatch(new RegExp(`^${id}\\tok\\t`, "m"));
    const removed = await cli(["sources", "remove", broken]);
    expect(removed.stdout).toContain(`removed ${broken}`);
    expect((await cli(["sources", "remove", broken])).code).toBe(1);
  });

  it("refuses a loopback feed unless NEWSBRIEF_ALLOW_PRIVATE_SOURCES allows it", async () => {
    const r = await cli(["sources", "add", server.url("/feed.xml"), "--topic", "other"], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("newsbrief: Cannot add that source: 127.0.0.1 is a loopback address.\n");
    const bad = await cli([
      "sources",
      "add",
      server.url("/feed.xml"),
      "--topic",
      "other",
      "--every",
      "often",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--every must be an interval/);
    const env = await cli(["sources", "list"], { NEWSBRIEF_ALLOW_PRIVATE_SOURCES: "10.0.0.0/99" });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(
      /NEWSBRIEF_ALLOW_PRIVATE_SOURCES: must be true, false or comma-separated CIDR ranges/,
    );
  });

  it("ingests one web article from its URL", async () => {
    server.serve("/single", articlePage("Port of Misrata reopens", story(11)), "text/html");
    const r = await cli(["ingest", server.url("/single"), "--topic", "ports", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ added: 1, rejected: 0 });
    expect(out.files[0]).toMatchObject({ origin: server.url("/single"), status: "added", topicId: "ports" });
    const refused = await cli(["ingest", server.url("/single"), "--topic", "ports"], {});
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      `rejected   ${server.url("/single")}: refused: 127.0.0.1 is a loopback address`,
    );
  });
});
