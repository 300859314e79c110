/**
 * Fits the confidence coefficients (src/qa/confidence-weights.ts) on the SQuAD 2.0 tuning split
 * only: logistic regression from the confidence features to the answer's F1 (0 when the question
 * has no answer), then prints what each abstention threshold would cost and gain on that split.
 * Run: node dist/eval/qa/fit-confidence.js [DATA_DIR] [--write]
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { answerAnalysed } from "../../src/qa/ask.js";
import { SentenceIndex } from "../../src/qa/bm25.js";
import { CONFIDENCE_FEATURES, type ConfidenceFeature, confidenceFeatures } from "../../src/qa/confidence.js";
import { rankCandidates } from "../../src/qa/extract.js";
import { analyzeQuestion } from "../../src/qa/question.js";
import { ANSWER_SENTENCES, queryTerms } from "../../src/qa/retrieve.js";
import { bestOver, f1Score } from "./metrics.js";
import { paragraphArticle } from "./paragraphs.js";
import { readParagraphs, squadFiles } from "./squad.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const dataDir = path.resolve(process.argv[2] ?? "../shared/data");
const v11 = path.join(dataDir, "squad-v1.1-dev");
const paragraphs = readParagraphs(squadFiles(path.join(dataDir, "squad-v2.0-dev"), "tuning", v11));

interface Row {
  x: number[];
  f1: number;
  impossible: boolean;
}
const rows: Row[] = [];
for (const p of paragraphs) {
  const article = paragraphArticle(p);
  if (!article) continue;
  const index = new SentenceIndex([article]);
  for (const q of p.questions) {
    const question = analyzeQuestion(q.question);
    const query = queryTerms(question, index);
    const hits = await index.passages(index.search(query, { limit: ANSWER_SENTENCES }));
    if (hits.length === 0 || question.terms.length === 0) {
      rows.push({
        x: CONFIDENCE_FEATURES.map((k) => (k === "bias" ? 1 : 0)),
        f1: 0,
        impossible: q.impossible,
      });
      continue;
    }
    const f = confidenceFeatures(question, rankCandidates(question, hits, index, query));
    const answer = (await answerAnalysed(index, question, { abstainBelow: -1 })).answer ?? "";
    rows.push({
      x: CONFIDENCE_FEATURES.map((k: ConfidenceFeature) => f[k]),
      f1: q.impossible ? 0 : bestOver(f1Score, answer, q.answers),
      impossible: q.impossible,
    });
  }
}
process.stdout.write(`${rows.length} questions (${rows.filter((r) => r.impossible).length} unanswerable)\n`);

// Full-batch gradient descent on the logistic loss with soft labels.
const w = CONFIDENCE_FEATURES.map(() => 0);
for (let step = 0; step < 3000; step++) {
  const grad = w.map(() => 0);
  for (const r of rows) {
    const z = r.x.reduce((s, x, i) => s + x * (w[i] as number), 0);
    const p = 1 / (1 + Math.exp(-z));
    r.x.forEach((x, i) => {
      grad[i] = (grad[i] as number) + (p - r.f1) * x;
    });
  }
  w.forEach((_, i) => {
    w[i] = (w[i] as number) - (1.0 * (grad[i] as number)) / rows.length;
  });
}
const weights = Object.fromEntries(
  CONFIDENCE_FEATURES.map((k, i) => [k, Number((w[i] as number).toFixed(3))]),
);
process.stdout.write(`${JSON.stringify(weights)}\n`);

const confidence = (r: Row) => 1 / (1 + Math.exp(-r.x.reduce((s, x, i) => s + x * (w[i] as number), 0)));
const answerable = rows.filter((r) => !r.impossible);
const impossible = rows.filter((r) => r.impossible);
const f1All = (100 * answerable.reduce((s, r) => s + r.f1, 0)) / answerable.length;
process.stdout.write(
  `answerable F1 without abstention ${f1All.toFixed(1)}\nthreshold  abstained-unanswerable%  answerable-F1  loss\n`,
);
for (let t = 0.1; t <= 0.61; t += 0.025) {
  const kept = answerable.reduce((s, r) => s + (confidence(r) >= t ? r.f1 : 0), 0);
  const f1 = (100 * kept) / answerable.length;
  const abst = (100 * impossible.filter((r) => confidence(r) < t).length) / impossible.length;
  process.stdout.write(
    `${t.toFixed(3)}      ${abst.toFixed(1).padStart(5)}                  ${f1.toFixed(1)}          ${(f1All - f1).toFixed(1)}\n`,
  );
}
if (process.argv.includes("--write")) {
  const body = CONFIDENCE_FEATURES.map((k) => `  ${k}: ${weights[k]},`).join("\n");
  fs.writeFileSync(
    path.join(root, "src/qa/confidence-weights.ts"),
    `/** Confidence coefficients, fitted on the SQuAD 2.0 tuning split by eval/qa/fit-confidence.ts. */\nexport const CONFIDENCE_WEIGHTS: Record<string, number> = {\n${body}\n};\n`,
  );
  process.stdout.write("wrote src/qa/confidence-weights.ts\n");
}
