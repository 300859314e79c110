/**
 * Fits the span-scoring weights (src/qa/weights.ts) on the SQuAD v1.1 tuning split only: a softmax
 * over each question's candidate spans, trained with AdaGrad, the gold being every candidate that
 * matches a reference answer after the official normalization. The last files of the tuning split
 * are kept aside to choose the number of passes. Run: node dist/eval/qa/train.js [DATA_DIR] [--write]
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Article } from "../../src/core/model.js";
import { buildArticle } from "../../src/corpus/ingest.js";
import { type Passage, SentenceIndex } from "../../src/qa/bm25.js";
import { rankCandidates, useWeights } from "../../src/qa/extract.js";
import { analyzeQuestion, type Question } from "../../src/qa/question.js";
import { retrieve } from "../../src/qa/retrieve.js";
import { type Candidate, candidatesOf, viewSentences } from "../../src/qa/spans.js";
import { bestOver, f1Score, normalizeAnswer } from "./metrics.js";
import { readParagraphs, squadFiles } from "./squad.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const dataDir = path.resolve(process.argv[2] ?? "../shared/data");
const write = process.argv.includes("--write");
const EPOCHS = Number(process.env.EPOCHS ?? 6);
const RATE = Number(process.env.RATE ?? 0.1);
const L2 = Number(process.env.L2 ?? 3e-4);

interface Item {
  question: Question;
  index: SentenceIndex;
  /** The retrieved sentences (retrieval does not depend on the span weights). */
  passages: Passage[];
  answers: string[];
}

async function load(files: string[]): Promise<Item[]> {
  const items: Item[] = [];
  const now = new Date("2024-01-01T00:00:00Z");
  for (const p of readParagraphs(files)) {
    const article = buildArticle({ title: p.title, body: p.context, topicId: "p" }, now);
    if ("error" in article) continue;
    const index = new SentenceIndex([article as Article]);
    for (const q of p.questions) {
      if (q.impossible) continue;
      const question = analyzeQuestion(q.question);
      const passages = await retrieve(question, index);
      items.push({ question, index, passages, answers: q.answers });
    }
  }
  return items;
}

function candidates(item: Item): Candidate[] {
  return candidatesOf(item.question, viewSentences(item.question, item.passages, item.index));
}

function evaluate(items: Item[], weights: Map<string, number>): number {
  useWeights(weights);
  let f1 = 0;
  for (const item of items) {
    const ranked = rankCandidates(item.question, item.passages, item.index);
    const best = ranked.candidates[ranked.best];
    f1 += best ? bestOver(f1Score, best.text, item.answers) : 0;
  }
  return (100 * f1) / Math.max(1, items.length);
}

const files = squadFiles(
  path.join(dataDir, "squad-v1.1-dev"),
  "tuning",
  path.join(dataDir, "squad-v1.1-dev"),
);
// CHECK=first keeps the first four files aside instead, to see whether a change helps on both.
const checkFirst = process.env.CHECK === "first";
const fitFiles = checkFirst ? files.slice(4) : files.slice(0, -4);
const checkFiles = checkFirst ? files.slice(0, 4) : files.slice(-4);
const started = performance.now();
const fit = await load(fitFiles);
const check = await load(checkFiles);
process.stdout.write(
  `fit ${fit.length} questions, check ${check.length} (${Math.round(performance.now() - started)} ms)\n`,
);

const weights = new Map<string, number>();
const squares = new Map<string, number>();
let bestWeights = new Map<string, number>();
let bestF1 = -1;
const AVERAGE_EVERY = 25;
const sums = new Map<string, number>();
let snapshots = 0;
let steps = 0;
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  const order = fit.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = (i * 7919 + epoch * 104729) % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  let covered = 0;
  for (const k of order) {
    const item = fit[k] as Item;
    const cands = candidates(item);
    const truths = new Set(item.answers.map(normalizeAnswer));
    const gold = cands.map((c) => truths.has(normalizeAnswer(c.text)));
    if (!gold.some(Boolean)) continue;
    covered++;
    const scores = cands.map((c) => {
      let s = 0;
      for (let f = 0; f < c.features.length; f++)
        s += (weights.get(c.features[f] as string) ?? 0) * (c.values[f] as number);
      return s;
    });
    const max = Math.max(...scores);
    const exps = scores.map((s) => Math.exp(s - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    const goldSum = exps.reduce((a, e, i) => a + (gold[i] ? e : 0), 0);
    const grad = new Map<string, number>();
    cands.forEach((c, i) => {
      const g = (exps[i] as number) / sum - (gold[i] ? (exps[i] as number) / goldSum : 0);
      if (Math.abs(g) < 1e-6) return;
      for (let f = 0; f < c.features.length; f++) {
        const name = c.features[f] as string;
        grad.set(name, (grad.get(name) ?? 0) + g * (c.values[f] as number));
      }
    });
    for (const [name, g0] of grad) {
      const w = weights.get(name) ?? 0;
      const g = g0 + L2 * w;
      const sq = (squares.get(name) ?? 0) + g * g;
      squares.set(name, sq);
      weights.set(name, w - (RATE * g) / Math.sqrt(sq + 1e-8));
    }
    if (++steps % AVERAGE_EVERY === 0) {
      snapshots++;
      for (const [name, w] of weights) sums.set(name, (sums.get(name) ?? 0) + w);
    }
  }
  // The average of the weights along the way generalizes better than the last ones.
  const average = new Map<string, number>();
  for (const [name, total] of sums) average.set(name, total / snapshots);
  const f1 = evaluate(check, average);
  process.stdout.write(
    `epoch ${epoch}: gold among candidates for ${covered}/${fit.length}; check F1 ${f1.toFixed(1)} (${Math.round(performance.now() - started)} ms)\n`,
  );
  if (f1 > bestF1) {
    bestF1 = f1;
    bestWeights = average;
  }
}

if (write) {
  const kept = [...bestWeights.entries()]
    .filter(([, w]) => Math.abs(w) >= 0.005)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, w]) => `  ${JSON.stringify(name)}: ${Number(w.toFixed(3))},`);
  const file = path.join(root, "src/qa/weights.ts");
  fs.writeFileSync(
    file,
    "// biome-ignore-all lint/suspicious/noApproximativeNumericConstant: fitted weights, not constants\n" +
      `/** Span-scoring weights, fitted on the SQuAD v1.1 tuning split by eval/qa/train.ts (check F1 ${bestF1.toFixed(1)}). */\n` +
      `export const SPAN_WEIGHTS: Record<string, number> = {\n${kept.join("\n")}\n};\n`,
  );
  process.stdout.write(`wrote ${kept.length} weights to ${file}\n`);
}
