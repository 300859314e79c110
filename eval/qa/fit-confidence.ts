/**
 * Fits the confidence model (src/qa/confidence-model.ts) on the SQuAD 2.0 tuning split only: boosted
 * trees from the confidence features to (1 + 2·F1) / 3 of the answer, or 0 when the question has no
 * answer. Before
 * the final fit, a cross-validation by article (each title's paragraphs are predicted by trees that
 * never saw that title) prints what each abstention threshold would cost and gain, so the threshold
 * is chosen on predictions the model did not fit.
 * Run: node dist/eval/qa/fit-confidence.js [DATA_DIR] [--write] [--rows CACHE.json]
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { answerAnalysed } from "../../src/qa/ask.js";
import { SentenceIndex } from "../../src/qa/bm25.js";
import {
  CONFIDENCE_FEATURES,
  type ConfidenceFeature,
  confidenceFeatures,
  confidenceFromFeatures,
} from "../../src/qa/confidence.js";
import { rankCandidates } from "../../src/qa/extract.js";
import { analyzeQuestion } from "../../src/qa/question.js";
import { answerSentencesFor, queryTerms } from "../../src/qa/retrieve.js";
import { DEFAULT_BOOST, fitTrees } from "./boost.js";
import { bestOver, f1Score } from "./metrics.js";
import { paragraphArticle } from "./paragraphs.js";
import { readParagraphs, squadFiles } from "./squad.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const args = process.argv.slice(2);
const dataDir = path.resolve(
  args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--rows") ?? "../shared/data",
);
const rowsAt = args.indexOf("--rows");
const rowsCache = rowsAt >= 0 ? args[rowsAt + 1] : undefined;
const FOLDS = 4;
/**
 * What an answerable question's answer counts for besides its F1: the model learns "is this answered
 * here" as well as "how right is the answer", which tells unanswerable questions apart better.
 */
const ANSWERED_SHARE = 1 / 3;
const targetOf = (r: Row) => (r.impossible ? 0 : ANSWERED_SHARE + (1 - ANSWERED_SHARE) * r.f1);
const named = (x: number[]) =>
  Object.fromEntries(CONFIDENCE_FEATURES.map((k, i) => [k, x[i] ?? 0])) as Record<ConfidenceFeature, number>;

interface Row {
  x: number[];
  f1: number;
  impossible: boolean;
  title: string;
}

async function collect(): Promise<Row[]> {
  const v11 = path.join(dataDir, "squad-v1.1-dev");
  const paragraphs = readParagraphs(squadFiles(path.join(dataDir, "squad-v2.0-dev"), "tuning", v11));
  const rows: Row[] = [];
  for (const p of paragraphs) {
    const article = paragraphArticle(p);
    if (!article) continue;
    const index = new SentenceIndex([article]);
    for (const q of p.questions) {
      const question = analyzeQuestion(q.question);
      const query = queryTerms(question, index);
      const hits = await index.passages(index.search(query, { limit: answerSentencesFor(question) }));
      const base = { impossible: q.impossible, title: p.title };
      if (hits.length === 0 || question.terms.length === 0) {
        rows.push({ ...base, x: CONFIDENCE_FEATURES.map(() => 0), f1: 0 });
        continue;
      }
      const f = confidenceFeatures(question, rankCandidates(question, hits, index, query));
      const answer = (await answerAnalysed(index, question, { abstainBelow: -1 })).answer ?? "";
      rows.push({
        ...base,
        x: CONFIDENCE_FEATURES.map((k) => f[k]),
        f1: q.impossible ? 0 : bestOver(f1Score, answer, q.answers),
      });
    }
  }
  return rows;
}

const rows: Row[] =
  rowsCache && fs.existsSync(rowsCache) ? JSON.parse(fs.readFileSync(rowsCache, "utf8")) : await collect();
if (rowsCache && !fs.existsSync(rowsCache)) fs.writeFileSync(rowsCache, JSON.stringify(rows));
process.stdout.write(`${rows.length} questions (${rows.filter((r) => r.impossible).length} unanswerable)\n`);

// Out-of-fold confidences: the titles are dealt round-robin into folds.
const titles = [...new Set(rows.map((r) => r.title))].sort();
const foldOf = new Map(titles.map((t, i) => [t, i % FOLDS]));
const outOfFold = rows.map(() => 0);
for (let fold = 0; fold < FOLDS; fold++) {
  const train = rows.filter((r) => foldOf.get(r.title) !== fold);
  const model = fitTrees(
    CONFIDENCE_FEATURES,
    train.map((r) => r.x),
    train.map(targetOf),
  );
  rows.forEach((r, i) => {
    if (foldOf.get(r.title) === fold) outOfFold[i] = confidenceFromFeatures(named(r.x), model);
  });
}

const answerable = rows.map((r, i) => ({ r, c: outOfFold[i] as number })).filter(({ r }) => !r.impossible);
const impossible = rows.map((r, i) => ({ r, c: outOfFold[i] as number })).filter(({ r }) => r.impossible);
const f1All = (100 * answerable.reduce((s, { r }) => s + r.f1, 0)) / answerable.length;
process.stdout.write(
  `cross-validated by title (${FOLDS} folds); answerable F1 without abstention ${f1All.toFixed(1)}\n` +
    "threshold  abstained-unanswerable%  answerable-F1  loss\n",
);
for (let t = 0.05; t <= 0.401; t += 0.01) {
  const kept = answerable.reduce((s, { r, c }) => s + (c >= t ? r.f1 : 0), 0);
  const f1 = (100 * kept) / answerable.length;
  const abst = (100 * impossible.filter(({ c }) => c < t).length) / impossible.length;
  process.stdout.write(
    `${t.toFixed(3)}      ${abst.toFixed(1).padStart(5)}                  ${f1.toFixed(1)}          ${(f1All - f1).toFixed(1)}\n`,
  );
}

if (args.includes("--write")) {
  const model = fitTrees(
    CONFIDENCE_FEATURES,
    rows.map((r) => r.x),
    rows.map(targetOf),
  );
  const file = path.join(root, "src/qa/confidence-model.ts");
  fs.writeFileSync(
    file,
    "// biome-ignore-all lint/suspicious/noApproximativeNumericConstant: fitted values, not constants\n" +
      `/** The confidence model, fitted on the SQuAD 2.0 tuning split by eval/qa/fit-confidence.ts (${JSON.stringify(DEFAULT_BOOST)}). */\n` +
      'import type { TreeModel } from "./trees.js";\n\n' +
      `export const CONFIDENCE_MODEL: TreeModel = ${JSON.stringify(model)};\n`,
  );
  process.stdout.write(`wrote ${file}\n`);
}
