/**
 * Fits the confidence calibration (src/qa/calibration-table.ts) on the SQuAD 2.0 tuning split only:
 * for each way an answer is found (span, sentence, rule), a monotone map from the raw score to the
 * share of such answers that were right (eval/qa/isotonic.ts).
 * Run: node dist/eval/qa/fit-calibration.js [DATA_DIR] [--write]
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AnswerBasis } from "../../src/core/reply.js";
import { answerQuestion } from "../../src/qa/ask.js";
import { SentenceIndex } from "../../src/qa/bm25.js";
import { type CalibrationCurve, calibrate } from "../../src/qa/calibration.js";
import { fitCurve, type ScoredAnswer } from "./isotonic.js";
import { answerIsRight, reliabilityOf } from "./metrics.js";
import { paragraphArticle } from "./paragraphs.js";
import { readParagraphs, squadFiles } from "./squad.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const args = process.argv.slice(2);
const dataDir = path.resolve(args.find((a) => !a.startsWith("--")) ?? "../shared/data");
async function collect(): Promise<Map<AnswerBasis, ScoredAnswer[]>> {
  const v11 = path.join(dataDir, "squad-v1.1-dev");
  const paragraphs = readParagraphs(squadFiles(path.join(dataDir, "squad-v2.0-dev"), "tuning", v11));
  const rows = new Map<AnswerBasis, ScoredAnswer[]>();
  for (const p of paragraphs) {
    const article = paragraphArticle(p);
    if (!article) continue;
    const index = new SentenceIndex([article]);
    for (const q of p.questions) {
      // Every answer the engine would give at some threshold, with its raw score.
      const a = await answerQuestion(index, q.question, { abstainBelow: -1, rawConfidence: true });
      if (a.abstained || !a.basis) continue;
      const right = !q.impossible && answerIsRight(a.answer, q.answers);
      rows.set(a.basis, [...(rows.get(a.basis) ?? []), { raw: a.confidence, right }]);
    }
  }
  return rows;
}

const rows = await collect();
const table: Record<string, CalibrationCurve> = {};
for (const basis of ["span", "sentence", "rule"] as const) {
  const mine = rows.get(basis) ?? [];
  const curve = fitCurve(mine);
  table[basis] = curve;
  const before = reliabilityOf(mine.map((r) => ({ confidence: r.raw, right: r.right })));
  const after = reliabilityOf(mine.map((r) => ({ confidence: calibrate(r.raw, curve), right: r.right })));
  process.stdout.write(
    `${basis}: ${mine.length} answers, ${before.right.toFixed(1)}% right; ECE raw ${before.ece.toFixed(3)}, ` +
      `calibrated ${after.ece.toFixed(3)} (in-sample)\n  knots ${curve.raw.map((x, i) => `${x}→${curve.right[i]}`).join(" ")}\n`,
  );
}

if (args.includes("--write")) {
  const file = path.join(root, "src/qa/calibration-table.ts");
  fs.writeFileSync(
    file,
    "/** The confidence calibration, fitted on the SQuAD 2.0 tuning split by eval/qa/fit-calibration.ts. */\n" +
      'import type { AnswerBasis } from "../core/reply.js";\n' +
      'import type { CalibrationCurve } from "./calibration.js";\n\n' +
      `export const CALIBRATION: Record<AnswerBasis, CalibrationCurve> = ${JSON.stringify(table)};\n`,
  );
  process.stdout.write(`wrote ${file}\n`);
}
