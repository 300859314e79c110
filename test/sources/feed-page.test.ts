/** Feed documents (RSS, Atom, RDF, and what is not a feed) and article pages. */
import { describe, expect, it } from "vitest";
import { decodeText } from "../../src/sources/charset.js";
import { FeedError, parseFeedDocument } from "../../src/sources/feed.js";
import { extractPage } from "../../src/sources/page.js";
import { articlePage, atom, rdf, rss } from "./feed-server.js";
import { story } from "./stories.js";

const BASE = "https://news.example.com/feed.xml";
const ITEMS = [
  {
    title: "Talks resume",
    link: "https://news.example.com/a?utm_source=rss",
    guid: "tag:a",
    description: "<p>Talks <b>resumed</b> in Geneva.</p>",
    pubDate: "2024-05-02T08:00:00Z",
  },
  {
    title: "Ceasefire holds",
    link: "/b",
    description: "The ceasefire held.",
    pubDate: "2024-05-01T08:00:00Z",
  },
];

describe("feed documents", () => {
  it("reads RSS 2.0 items: GUID, canonical link, text without markup, date", () => {
    const doc = parseFeedDocument(rss("Wire &amp; Co", ITEMS), BASE);
    expect(doc.format).toBe("rss");
    expect(doc.title).toBe("Wire & Co");
    expect(doc.items[0]).toEqual({
      key: "tag:a",
      url: "https://news.example.com/a",
      title: "Talks resume",
      text: "Talks resumed in Geneva.",
      published: "2024-05-02T08:00:00.000Z",
      author: null,
    });
    // No GUID: the canonical link identifies the item.
    expect(doc.items[1]?.key).toBe("https://news.example.com/b");
  });

  it("reads Atom entries and RDF items the same way", () => {
    const a = parseFeedDocument(atom("Atom wire", ITEMS), BASE);
    expect(a.format).toBe("atom");
    expect(a.items.map((i) => [i.key, i.url, i.published])).toEqual([
      ["tag:a", "https://news.example.com/a", "2024-05-02T08:00:00.000Z"],
      ["/b", "https://news.example.com/b", "2024-05-01T08:00:00.000Z"],
    ]);
    const r = parseFeedDocument(rdf("RDF wire", ITEMS), BASE);
    expect(r.format).toBe("rdf");
    expect(r.items[0]?.url).toBe("https://news.example.com/a");
    expect(r.items[0]?.published).toBe("2024-05-02T08:00:00.000Z");
  });

  it("says when the address is a web page, naming the feed the page links to", () => {
    const page = `<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>Hi</body></html>`;
    expect(() => parseFeedDocument(page, "https://news.example.com/")).toThrow(
      "the address is a web page, not a feed; it links to the feed https://news.example.com/rss.xml: add that URL instead",
    );
    expect(() => parseFeedDocument("<html><body>no feed</body></html>", BASE)).toThrow(
      /web page, not a feed/,
    );
  });

  it("rejects malformed XML, other XML, empty documents and entity bombs with a reason", () => {
    expect(() => parseFeedDocument("", BASE)).toThrow("the feed is empty");
    expect(() => parseFeedDocument("<note><to>x</to></note>", BASE)).toThrow(/not an RSS, Atom or RDF feed/);
    expect(() =>
      parseFeedDocument("<rss version='2.0'><channel><title>x</title><item><title>a</title></chan", BASE),
    ).toThrow(FeedError);
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">]><rss version="2.0"><channel><title>&lol6;</title><item><title>&lol6;</title><description>x</description></item></channel></rss>`;
    const started = Date.now();
    let title = "";
    try {
      title = parseFeedDocument(lol, BASE).items[0]?.title ?? "";
    } catch (error) {
      expect(error).toBeInstanceOf(FeedError);
    }
    // Either refused or left unexpanded: never a million "lol"s.
    expect(title.length).toBeLessThan(10_000);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("decodes the charset from the header, the XML declaration or a meta tag", () => {
    const latin = Buffer.from("<p>Caf\xe9</p>", "latin1");
    expect(decodeText(latin, "text/html; charset=iso-8859-1")).toBe("<p>Café</p>");
    expect(
      decodeText(Buffer.from('<?xml version="1.0" encoding="windows-1252"?><a>\x93q\x94</a>', "latin1")),
    ).toContain("“q”");
    expect(
      decodeText(Buffer.from('<html><head><meta charset="iso-8859-1"></head>Z\xfcrich', "latin1")),
    ).toContain("Zürich");
    expect(decodeText(Buffer.from("plain ü", "utf8"), "text/plain; charset=bogus-charset")).toBe("plain ü");
  });
});

describe("article pages", () => {
  it("extracts the article's paragraphs, not the navigation, scripts or styles, and its metadata", () => {
    const paragraphs = story(1);
    const html = articlePage("Talks resume in Sirte", paragraphs, {
      published: "2024-05-02T09:30:00Z",
      site: "Test News",
    });
    const page = extractPage(html, "https://news.example.com/a");
    expect(page.text.split("\n\n")).toHaveLength(paragraphs.length);
    expect(page.text).toContain(paragraphs[3]);
    expect(page.text).not.toMatch(/SCRIPT RAN|SECRETSTYLE|Most read|Copyright/);
    expect(page.published).toBe("2024-05-02T09:30:00.000Z");
    expect(page.siteName).toBe("Test News");
    expect(page.language).toBe("en");
    expect((globalThis as { __scriptRan?: boolean }).__scriptRan).toBeUndefined();
  });

  it("reads the date from JSON-LD and the canonical link", () => {
    const html = `<html><head><link rel="canonical" href="/story?utm_campaign=x&id=4"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-04-30T10:00:00Z"}</script></head>
<body><article>${story(2)
      .map((p) => `<p>${p}</p>`)
      .join("")}</article></body></html>`;
    const page = extractPage(html, "https://news.example.com/x");
    expect(page.published).toBe("2024-04-30T10:00:00.000Z");
    expect(page.canonicalUrl).toBe("https://news.example.com/story?id=4");
  });

  it("gives no text for a page without an article", () => {
    const page = extractPage("<html><body><nav>Home</nav></body></html>", "https://news.example.com/");
    expect(page.text.length).toBeLessThan(20);
  });
});
