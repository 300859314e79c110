/** Reading SQuAD files (v1.1 and v2.0 share the format) and the tuning / held-out split. */
import fs from "node:fs";
import path from "node:path";

export interface SquadQuestion {
  id: string;
  question: string;
  answers: string[];
  impossible: boolean;
}

export interface SquadParagraph {
  title: string;
  /** Position of the paragraph in its file, for stable topic ids. */
  number: number;
  context: string;
  questions: SquadQuestion[];
}

interface RawFile {
  data: {
    title: string;
    paragraphs: {
      context: string;
      qas: { id: string; question: string; answers: { text: string }[]; is_impossible?: boolean }[];
    }[];
  }[];
}

function jsonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
}

/**
 * The tuning split is the alphabetically first half of the SQuAD v1.1 titles (1973_oil_crisis …
 * Islamism); everything after is held out. SQuAD 2.0 reuses the same articles, so its split follows
 * the same titles: no held-out paragraph is ever seen while tuning.
 */
export function squadFiles(dir: string, split: "tuning" | "held-out", v11Dir: string): string[] {
  const v11 = jsonFiles(v11Dir);
  const boundary = v11[Math.ceil(v11.length / 2) - 1] as string;
  const files = jsonFiles(dir).filter((f) => (split === "tuning" ? f <= boundary : f > boundary));
  return files.map((f) => path.join(dir, f));
}

export function readParagraphs(files: string[]): SquadParagraph[] {
  const out: SquadParagraph[] = [];
  for (const file of files) {
    const raw = JSON.parse(fs.readFileSync(file, "utf8")) as RawFile;
    for (const article of raw.data) {
      article.paragraphs.forEach((p, number) => {
        out.push({
          title: article.title,
          number,
          context: p.context,
          questions: p.qas.map((q) => ({
            id: q.id,
            question: q.question,
            answers: q.answers.map((a) => a.text),
            impossible: q.is_impossible === true,
          })),
        });
      });
    }
  }
  return out;
}
