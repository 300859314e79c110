/**
 * A small web server on 127.0.0.1 for feed tests: each path answers with a handler the test sets,
 * and every request is recorded (path and headers) so tests can check what the client sent.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export class FeedServer {
  readonly routes = new Map<string, Handler>();
  readonly requests: { path: string; headers: http.IncomingHttpHeaders }[] = [];
  private readonly server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    this.requests.push({ path, headers: req.headers });
    const handler = this.routes.get(path.split("?")[0] as string);
    if (!handler) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    handler(req, res);
  });
  private readonly sockets = new Set<import("node:net").Socket>();
  base = "";

  async start(): Promise<this> {
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  /** Serve a fixed body with a content type (and extra headers). */
  serve(
    path: string,
    body: string | Buffer,
    contentType: string,
    headers: Record<string, string> = {},
  ): void {
    this.routes.set(path, (_req, res) => {
      res.writeHead(200, { "content-type": contentType, ...headers }).end(body);
    });
  }

  hits(path: string): number {
    return this.requests.filter((r) => r.path.split("?")[0] === path).length;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface TestItem {
  title: string;
  link: string;
  guid?: string;
  description?: string;
  pubDate?: string;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function rss(title: string, items: TestItem[]): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${escapeXml(i.title)}</title><link>${escapeXml(i.link)}</link>${
          i.guid ? `<guid isPermaLink="false">${escapeXml(i.guid)}</guid>` : ""
        }${i.pubDate ? `<pubDate>${new Date(i.pubDate).toUTCString()}</pubDate>` : ""}<description>${escapeXml(
          i.description ?? "",
        )}</description></item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${escapeXml(title)}</title><link>http://example.org/</link><description>test</description>
${body}
</channel></rss>`;
}

export function atom(title: string, items: TestItem[]): string {
  const entries = items
    .map(
      (i) => `<entry><title>${escapeXml(i.title)}</title><id>${escapeXml(i.guid ?? i.link)}</id>
<link rel="alternate" href="${escapeXml(i.link)}"/><updated>${i.pubDate ?? "2024-05-01T00:00:00Z"}</updated>
${i.pubDate ? `<published>${i.pubDate}</published>` : ""}<summary>${escapeXml(i.description ?? "")}</summary></entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${escapeXml(title)}</title><id>urn:test:${escapeXml(title)}</id>
<updated>2024-05-01T00:00:00Z</updated>
${entries}
</feed>`;
}

export function rdf(title: string, items: TestItem[]): string {
  const list = items
    .map(
      (
        i,
      ) => `<item rdf:about="${escapeXml(i.link)}"><title>${escapeXml(i.title)}</title><link>${escapeXml(i.link)}</link>
<description>${escapeXml(i.description ?? "")}</description>${i.pubDate ? `<dc:date>${i.pubDate}</dc:date>` : ""}</item>`,
    )
    .join("\n");
  return `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://example.org/"><title>${escapeXml(title)}</title><link>http://example.org/</link><description>t</description></channel>
${list}
</rdf:RDF>`;
}

/** An article page with navigation, a script, an aside and the article itself in paragraphs. */
export function articlePage(
  title: string,
  paragraphs: string[],
  meta: { published?: string; site?: string } = {},
): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)} | ${meta.site ?? "Test News"}</title>
${meta.published ? `<meta property="article:published_time" content="${meta.published}">` : ""}
${meta.site ? `<meta property="og:site_name" content="${escapeXml(meta.site)}">` : ""}
<script>document.title = "SCRIPT RAN"; globalThis.__scriptRan = true;</script>
<style>body { color: red } .SECRETSTYLE {}</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>${escapeXml(title)}</h1>
${paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join("\n")}
</article>
<aside>Most read: celebrity gossip and other things</aside><footer>Copyright Test News</footer></body></html>`;
}
