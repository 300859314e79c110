/**
 * The benchmark's news site, in a process of its own so that its memory does not count against the
 * poller's: a feed of BBC News Summary articles and one HTML page per article. Starts with 20 items;
 * `POST /grow` switches to 2,000 more. Prints its port on stdout.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const dataDir = process.argv[2] as string;
const total = Number(process.argv[3] ?? 2020);
const initial = 20;

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

interface Story {
  title: string;
  paragraphs: string[];
}

function loadStories(): Story[] {
  const dir = path.join(dataDir, "bbc-news-summary", "articles");
  const out: Story[] = [];
  for (const category of fs.readdirSync(dir).sort()) {
    for (const name of fs.readdirSync(path.join(dir, category)).sort()) {
      const buffer = fs.readFileSync(path.join(dir, category, name));
      const utf8 = buffer.toString("utf8");
      const text = utf8.includes("\uFFFD") ? buffer.toString("latin1") : utf8;
      const [title, ...rest] = text.split("\n");
      out.push({
        title: (title ?? "").trim(),
        paragraphs: rest.map((p) => p.trim()).filter(Boolean),
      });
    }
  }
  return out;
}

const stories = loadStories().slice(0, total);
let visible = initial;

function page(i: number): string {
  const s = stories[i] as Story;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(s.title)} | BBC</title>
<meta property="article:published_time" content="${new Date(Date.UTC(2005, 0, 1) + i * 3_600_000).toISOString()}">
<script>var tracking = "x";</script><style>body{}</style></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>${escapeXml(s.title)}</h1>
${s.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join("\n")}</article><footer>Footer</footer></body></html>`;
}

function feed(base: string): string {
  const items: string[] = [];
  for (let i = visible - 1; i >= 0; i--) {
    const s = stories[i] as Story;
    items.push(
      `<item><title>${escapeXml(s.title)}</title><link>${base}/a/${i}?utm_source=rss</link><guid isPermaLink="false">bbc-${i}</guid>` +
        `<description>${escapeXml(s.paragraphs[0] ?? "")}</description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>BBC News Summary</title><link>${base}/</link><description>bench</description>\n${items.join("\n")}\n</channel></rss>`;
}

const server = http.createServer((req, res) => {
  const url = req.url ?? "/";
  const base = `http://${req.headers.host}`;
  if (req.method === "POST" && url === "/grow") {
    visible = stories.length;
    res.writeHead(204).end();
  } else if (url === "/feed.xml")
    res.writeHead(200, { "content-type": "application/rss+xml" }).end(feed(base));
  else if (url.startsWith("/a/")) {
    const i = Number.parseInt(url.slice(3), 10);
    if (!(i >= 0 && i < visible)) res.writeHead(404).end();
    else res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(i));
  } else res.writeHead(404).end();
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
