/** Markdown articles with YAML front matter: the fields are checked and every problem names its field. */
import { parse as parseYaml } from "yaml";

export interface FrontMatterFields {
  title: string;
  published?: string;
  source?: string;
  url?: string;
  topic?: string;
  language?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function splitFrontMatter(text: string): Parsed<{ yaml: string; body: string }> {
  const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!normalized.startsWith("---\n"))
    return { ok: false, error: "no front matter: the file must start with a line '---'" };
  const end = normalized.indexOf("\n---", 4);
  if (end < 0) return { ok: false, error: "front matter is not closed by a line '---'" };
  const afterClose = normalized.indexOf("\n", end + 4);
  return {
    ok: true,
    value: { yaml: normalized.slice(4, end), body: afterClose < 0 ? "" : normalized.slice(afterClose + 1) },
  };
}

function optionalString(data: Record<string, unknown>, field: string, errors: string[]): string | undefined {
  const v = data[field];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return String(v);
  errors.push(`field '${field}' must be text`);
  return undefined;
}

export function parseFrontMatter(yaml: string): Parsed<FrontMatterFields> {
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch (error) {
    return { ok: false, error: `front matter is not valid YAML: ${(error as Error).message.split("\n")[0]}` };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return {
      ok: false,
      error: "front matter must be a YAML mapping of fields (title, published, source, url)",
    };
  }
  const record = data as Record<string, unknown>;
  const errors: string[] = [];
  const title = optionalString(record, "title", errors);
  if (!title) errors.push("field 'title' is missing");
  let published: string | undefined;
  const rawPublished = record.published;
  if (rawPublished instanceof Date) published = rawPublished.toISOString();
  else if (rawPublished !== undefined && rawPublished !== null && rawPublished !== "") {
    if (
      typeof rawPublished !== "string" ||
      !ISO_DATE.test(rawPublished.trim()) ||
      Number.isNaN(Date.parse(rawPublished))
    ) {
      errors.push(
        `field 'published' must be an ISO date such as 2020-06-08 (got ${JSON.stringify(rawPublished)})`,
      );
    } else published = rawPublished.trim();
  }
  const url = optionalString(record, "url", errors);
  if (url && !/^https?:\/\/\S+$/i.test(url))
    errors.push(`field 'url' must be an http(s) link (got ${JSON.stringify(url)})`);
  const topic = optionalString(record, "topic", errors);
  if (topic && !isTopicId(topic))
    errors.push(
      `field 'topic' must be a topic id of letters, digits and dashes (got ${JSON.stringify(topic)})`,
    );
  const fields: FrontMatterFields = {
    title: title ?? "",
    published,
    source: optionalString(record, "source", errors),
    url,
    topic,
    language: optionalString(record, "language", errors),
  };
  if (errors.length > 0) return { ok: false, error: errors.join("; ") };
  return { ok: true, value: fields };
}

export function isTopicId(id: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,63}$/.test(id);
}
