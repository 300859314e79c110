/**
 * A quick in-process reading of answer quality on the tuning split only (never the held-out half):
 * the SQuAD v1.1 check files that eval/qa/train.ts keeps out of fitting. Shows the best span's F1,
 * the engine's F1 with its type checks and abstention, how often it abstains, and F1 by answer type.
 * Run: node dist/eval/qa/tune.js [DATA_DIR] [--threshold T]
 */
import path from "node:path";
import { answerAnalysed } from "../../src/qa/ask.js";
import { SentenceIndex } from "../../src/qa/bm25.js";
import { rankCandidates } from "../../src/qa/extract.js";
import { analyzeQuestion } from "../../src/qa/question.js";
import { retrieve } from "../../src/qa/retrieve.js";
import { bestOver, f1Score } from "./metrics.js";
import { paragraphArticle } from "./paragraphs.js";
import { readParagraphs, squadFiles } from "./squad.js";

const args = process.argv.slice(2);
const dataDir = path.resolve(args.find((a) => !a.startsWith("--") && !/^\d/.test(a)) ?? "../shared/data");
const at = args.indexOf("--threshold");
const threshold = at >= 0 ? Number(args[at + 1]) : undefined;
const v11 = path.join(dataDir, "squad-v1.1-dev");
const checkFiles = squadFiles(v11, "tuning", v11).slice(-4);

let n = 0;
let raw = 0;
let engine = 0;
let abstained = 0;
const byType = new Map<string, { n: number; f1: number }>();
for (const p of readParagraphs(checkFiles)) {
  const article = paragraphArticle(p);
  if (!article) continue;
  const index = new SentenceIndex([article]);
  for (const q of p.questions) {
    const question = analyzeQuestion(q.question);
    const ranked = rankCandidates(question, await retrieve(question, index), index);
    const best = ranked.candidates[ranked.best];
    raw += best ? bestOver(f1Score, best.text, q.answers) : 0;
    const a = await answerAnalysed(
      index,
      question,
      threshold === undefined ? {} : { abstainBelow: threshold },
    );
    const f = a.abstained ? 0 : bestOver(f1Score, a.answer ?? "", q.answers);
    engine += f;
    if (a.abstained) abstained++;
    const t = byType.get(question.type) ?? { n: 0, f1: 0 };
    t.n++;
    t.f1 += f;
    byType.set(question.type, t);
    n++;
  }
}
const pct = (x: number, d: number) => ((100 * x) / Math.max(1, d)).toFixed(1);
process.stdout.write(
  `v1.1 check files (${n} questions): best span F1 ${pct(raw, n)}, engine F1 ${pct(engine, n)}, abstained ${pct(abstained, n)}%\n` +
    `by type: ${[...byType.entries()]
      .sort((a, b) => b[1].n - a[1].n)
      .map(([k, v]) => `${k} ${pct(v.f1, v.n)} (${v.n})`)
      .join(", ")}\n`,
);
