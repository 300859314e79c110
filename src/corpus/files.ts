/**
 * Reading articles and topics from disk: `.md` files with front matter, `.txt` files whose first
 * line is the title, folders of them, and `topic.yaml` files that define a topic.
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { ArticleInput, Topic } from "../core/model.js";
import { isTopicId, parseFrontMatter, splitFrontMatter } from "./frontmatter.js";

export type FileResult =
  | { kind: "article"; file: string; article: Omit<ArticleInput, "topicId"> & { topicId?: string } }
  | { kind: "rejected"; file: string; reason: string };

const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Every .md/.txt file under the given paths (files or folders), sorted for a stable order. */
export function listArticleFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (p: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      missing.push(p);
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) {
        if (entry.startsWith(".")) continue;
        const child = path.join(p, entry);
        if (fs.statSync(child).isDirectory() || /\.(md|txt)$/i.test(entry)) walk(child);
      }
    } else files.push(p);
  };
  for (const p of paths) walk(p);
  return { files, missing };
}

export function readArticleFile(file: string): FileResult {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_FILE_BYTES)
      return { kind: "rejected", file, reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
    text = decodeText(fs.readFileSync(file));
  } catch (error) {
    return {
      kind: "rejected",
      file,
      reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`,
    };
  }
  if (/\.md$/i.test(file)) {
    const split = splitFrontMatter(text);
    if (!split.ok) return { kind: "rejected", file, reason: split.error };
    const fields = parseFrontMatter(split.value.yaml);
    if (!fields.ok) return { kind: "rejected", file, reason: fields.error };
    const f = fields.value;
    return {
      kind: "article",
      file,
      article: {
        title: f.title,
        body: split.value.body,
        published: f.published,
        source: f.source,
        url: f.url,
        topicId: f.topic,
        language: f.language,
        origin: file,
      },
    };
  }
  if (/\.txt$/i.test(file)) {
    const lines = text
      .replace(/^\uFEFF/, "")
      .replace(/\r\n?/g, "\n")
      .split("\n");
    const title = (lines.shift() ?? "").trim();
    if (!title) return { kind: "rejected", file, reason: "the first line (the title) is empty" };
    return { kind: "article", file, article: { title, body: lines.join("\n"), origin: file } };
  }
  return { kind: "rejected", file, reason: "not a .md or .txt file" };
}

/** UTF-8, falling back to Latin-1 when the bytes are not valid UTF-8. */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("latin1").decode(bytes);
  }
}

export type TopicFileResult = { ok: true; topic: Topic } | { ok: false; error: string };

export function readTopicFile(file: string): TopicFileResult {
  let data: unknown;
  try {
    data = parseYaml(fs.readFileSync(file, "utf8"));
  } catch (error) {
    return { ok: false, error: `${file}: ${(error as Error).message.split("\n")[0]}` };
  }
  const d = (data ?? {}) as Record<string, unknown>;
  const id = typeof d.id === "string" ? d.id : path.basename(path.dirname(file));
  if (!isTopicId(id)) return { ok: false, error: `${file}: field 'id' must be letters, digits and dashes` };
  const keywords = Array.isArray(d.keywords)
    ? d.keywords.filter((k): k is string => typeof k === "string")
    : [];
  return {
    ok: true,
    topic: {
      id,
      title: typeof d.title === "string" && d.title.trim() ? d.title.trim() : id,
      description: typeof d.description === "string" ? d.description.trim() : "",
      keywords,
    },
  };
}
