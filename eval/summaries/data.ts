/** The two summary benchmarks as lists of documents: CNN/DailyMail 250 (JSONL) and BBC News Summary (folders). */
import fs from "node:fs";
import path from "node:path";

export interface SummaryDoc {
  id: string;
  /** Article body (BBC: without its title line). */
  text: string;
  title?: string;
  /** Reference summary, one sentence per entry. */
  reference: string[];
  /** Sentences wanted from a system. */
  sentences: number;
  /** True on the split that rules and weights may be tuned on. */
  tuning: boolean;
  group: string;
}

/** CNN/DM highlights come tokenized, sentences ending in " ." */
function splitHighlights(reference: string): string[] {
  return reference
    .split(/(?<=\s\.)\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function loadCnnDm(dataDir: string, sentences = 3): SummaryDoc[] {
  const file = path.join(dataDir, "cnndm-test-250.jsonl");
  const lines = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim());
  return lines.map((line, i) => {
    const item = JSON.parse(line) as { id: string; article: string; reference: string };
    return {
      id: item.id,
      text: item.article,
      reference: splitHighlights(item.reference),
      sentences,
      tuning: i < 100,
      group: "cnndm",
    };
  });
}

/** One file is latin-1: read UTF-8, fall back when that leaves replacement characters. */
function readText(file: string): string {
  const buffer = fs.readFileSync(file);
  const utf8 = buffer.toString("utf8");
  return utf8.includes("\uFFFD") ? buffer.toString("latin1") : utf8;
}

/** BBC reference summaries glue their sentences with no space after the full stop. */
export function splitGluedSummary(summary: string): string[] {
  return summary
    .replace(/\s+/g, " ")
    .split(/(?<=[a-z0-9%)\]][.!?]["”’']?)(?=["“‘']?[A-Z])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const BBC_TUNING = new Set(["business", "entertainment"]);

export function loadBbc(dataDir: string): SummaryDoc[] {
  const root = path.join(dataDir, "bbc-news-summary");
  const docs: SummaryDoc[] = [];
  for (const category of fs.readdirSync(path.join(root, "articles")).sort()) {
    const dir = path.join(root, "articles", category);
    for (const name of fs.readdirSync(dir).sort()) {
      const article = readText(path.join(dir, name)).replace(/\r\n?/g, "\n");
      const summaryFile = path.join(root, "summaries", category, name);
      if (!fs.existsSync(summaryFile)) continue;
      const newline = article.indexOf("\n");
      const title = (newline < 0 ? article : article.slice(0, newline)).trim();
      const text = newline < 0 ? "" : article.slice(newline + 1).trim();
      const reference = splitGluedSummary(readText(summaryFile));
      docs.push({
        id: `${category}/${name}`,
        title,
        text,
        reference,
        sentences: Math.max(1, reference.length),
        tuning: BBC_TUNING.has(category),
        group: category,
      });
    }
  }
  return docs;
}
