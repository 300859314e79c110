/** Article files: front matter fields checked one by one, every problem named. */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readArticleFile } from "../../src/corpus/files.js";
import { parseFrontMatter, splitFrontMatter } from "../../src/corpus/frontmatter.js";
import { tempDir } from "../helpers/cli.js";

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe("front matter", () => {
  it("reads every field of a good article", () => {
    const r = readArticleFile(
      write(
        "a.md",
        '---\ntitle: "Talks resume"\npublished: 2021-03-12\nsource: Wire\nurl: https://news.test/a\ntopic: talks\nlanguage: en\n---\nBody text.\n',
      ),
    );
    expect(r).toMatchObject({
      kind: "article",
      article: {
        title: "Talks resume",
        published: "2021-03-12",
        source: "Wire",
        url: "https://news.test/a",
        topicId: "talks",
        body: "Body text.\n",
      },
    });
  });

  it("names each broken field", () => {
    const r = parseFrontMatter("published: soon\nurl: javascript:alert(1)\ntopic: Not A Topic");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/'title' is missing/);
      expect(r.error).toMatch(/'published' must be an ISO date/);
      expect(r.error).toMatch(/'url' must be an http\(s\) link/);
      expect(r.error).toMatch(/'topic' must be a topic id/);
    }
  });

  it("rejects YAML that does not parse and files without front matter", () => {
    expect(parseFrontMatter("title: [unclosed").ok).toBe(false);
    expect(splitFrontMatter("just text").ok).toBe(false);
    expect(splitFrontMatter("---\ntitle: x\nno end").ok).toBe(false);
  });

  it("reads a .txt article with its first line as title, and Latin-1 text", () => {
    const r = readArticleFile(
      write("b.txt", Buffer.from("Caf\xe9 reopens\n\nThe caf\xe9 reopened on Monday.\n", "latin1")),
    );
    expect(r).toMatchObject({ kind: "article", article: { title: "Café reopens" } });
    if (r.kind === "article") expect(r.article.body).toContain("café reopened");
  });

  it("rejects an empty title line and other file types", () => {
    expect(readArticleFile(write("c.txt", "\nBody only.")).kind).toBe("rejected");
    expect(readArticleFile(write("d.html", "<p>x</p>")).kind).toBe("rejected");
  });
});
