/** The benchmark corpus: BBC News, CNN/DailyMail and SQuAD paragraphs from the data folder, as article inputs. */
import fs from "node:fs";
import path from "node:path";
import type { ArticleInput } from "../../src/core/model.js";

export function benchArticles(dataDir: string): ArticleInput[] {
  const out: ArticleInput[] = [];
  const bbc = path.join(dataDir, "bbc-news-summary/articles");
  for (const category of fs.existsSync(bbc) ? fs.readdirSync(bbc).sort() : []) {
    for (const file of fs.readdirSync(path.join(bbc, category)).sort()) {
      const bytes = fs.readFileSync(path.join(bbc, category, file));
      const text = new TextDecoder("utf-8").decode(bytes);
      const [title = "", ...rest] = text.split("\n");
      out.push({
        title: title.trim() || file,
        body: rest.join("\n"),
        topicId: `bbc-${category}`,
        published: "2005-01-01",
      });
    }
  }
  const cnndm = path.join(dataDir, "cnndm-test-250.jsonl");
  if (fs.existsSync(cnndm)) {
    for (const line of fs.readFileSync(cnndm, "utf8").split("\n").filter(Boolean)) {
      const item = JSON.parse(line) as { id: string; article: string; url?: string };
      const firstSentence = item.article.split(/(?<=[.!?])\s/)[0] ?? item.id;
      out.push({
        title: firstSentence.slice(0, 90),
        body: item.article,
        topicId: "cnndm",
        url: item.url,
        published: "2015-04-01",
      });
    }
  }
  for (const version of ["squad-v1.1-dev", "squad-v2.0-dev"]) {
    const dir = path.join(dataDir, version);
    if (!fs.existsSync(dir)) continue;
    for (const file of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      const raw = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as {
        data: { title: string; paragraphs: { context: string }[] }[];
      };
      for (const a of raw.data) {
        const topicId = `squad-${a.title
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "")}`.slice(0, 60);
        a.paragraphs.forEach((p, k) => {
          out.push({
            title: `${a.title.replace(/_/g, " ")} ${k + 1}`,
            body: p.context,
            topicId,
            published: "2016-06-01",
          });
        });
      }
    }
  }
  return out;
}

/** Questions to time: SQuAD questions (with the topic of their article), spread over the files. */
export function benchQuestions(dataDir: string, count: number): { question: string; topic: string }[] {
  const all: { question: string; topic: string }[] = [];
  const dir = path.join(dataDir, "squad-v1.1-dev");
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const raw = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as {
      data: { title: string; paragraphs: { qas: { question: string }[] }[] }[];
    };
    for (const a of raw.data) {
      const topic = `squad-${a.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")}`.slice(0, 60);
      for (const p of a.paragraphs) for (const q of p.qas) all.push({ question: q.question, topic });
    }
  }
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count);
}
