/**
 * `npm run eval` (qa): answer quality on public data, asked through the built CLI.
 * - SQuAD v1.1 held-out half, each paragraph its own article and topic: EM/F1 (official normalization).
 * - SQuAD 2.0 held-out half: F1 on answerable questions (and without abstention, to show the cost),
 *   share of unanswerable questions abstained.
 * - Open corpus: all held-out v1.1 paragraphs in one topic: does the first evidence sentence hold the answer?
 * - The project's own question sets (test/fixtures/questions) on the seed article and an unseen topic.
 * Side by side: a whole-best-sentence BM25 baseline and the published figures.
 * Usage: node dist/eval/qa/run.js [DATA_DIR] [--split tuning|held-out] [--only v11,v20,open,own]
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AskResult } from "../../src/core/reply.js";
import { answerQuestion } from "../../src/qa/ask.js";
import { SentenceIndex } from "../../src/qa/bm25.js";
import { analyzeQuestion } from "../../src/qa/question.js";
import { askAll, type CliAnswer, freshStore, ingestFiles, removeStore } from "./cli.js";
import { answerIsRight, bestOver, exactMatch, f1Score, reliabilityOf } from "./metrics.js";
import { runOwnQuestions } from "./own.js";
import { bestSentence, paragraphArticle, paragraphFiles, topicOf } from "./paragraphs.js";
import { readParagraphs, type SquadParagraph, squadFiles } from "./squad.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const cli = path.join(root, "dist/src/cli.js");
const args = process.argv.slice(2);
const dataDir = path.resolve(
  args.find((a) => !a.startsWith("--") && !/^(tuning|held-out|v11|v20|open|own)/.test(a)) ?? "../shared/data",
);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const split = (option("split") ?? "held-out") as "tuning" | "held-out";
const only = new Set((option("only") ?? "v11,v20,open,own").split(","));
const v11Dir = path.join(dataDir, "squad-v1.1-dev");
const v20Dir = path.join(dataDir, "squad-v2.0-dev");

const PUBLISHED = {
  source: "Rajpurkar et al. 2016 (SQuAD v1.1 dev), Table 5; Sanh et al. 2019",
  slidingWindow: { em: 13.2, f1: 20.2 },
  logisticRegression: { em: 40.0, f1: 51.0, answerSentence: 79.3 },
  distilBert: { em: 77.7, f1: 85.8 },
  human: { em: 80.3, f1: 90.5 },
};

const pct = (x: number, n: number) => (n > 0 ? Math.round((1000 * x) / n) / 10 : 0);
const answered = (a: CliAnswer): a is AskResult => "abstained" in a;

function log(text: string) {
  process.stdout.write(`${text}\n`);
}

async function squadV11(paragraphs: SquadParagraph[]) {
  const store = freshStore(cli, "v11");
  const started = performance.now();
  const added = ingestFiles(store, paragraphFiles(paragraphs));
  const items = paragraphs.flatMap((p, k) => p.questions.map((q) => ({ q, topic: topicOf(k), p })));
  const asked = items.map(({ q, topic }) => ({ question: q.question, topic }));
  // Every v1.1 question has an answer, and the published systems answer them all: the engine is
  // scored the same way (`ask --always-answer`), and with its abstention on, to show what that costs.
  const answers = await askAll(store, asked, ["--always-answer"]);
  const seconds = (performance.now() - started) / 1000;
  const withAbstention = await askAll(store, asked);
  removeStore(store);
  let abstentionF1 = 0;
  let em = 0;
  let f1 = 0;
  let sentenceHolds = 0;
  let baseEm = 0;
  let baseF1 = 0;
  let abstained = 0;
  const byType = new Map<string, { n: number; f1: number }>();
  const indexes = new Map<SquadParagraph, SentenceIndex>();
  for (const [i, { q, p }] of items.entries()) {
    const a = answers[i] as CliAnswer;
    const prediction = answered(a) ? (a.answer ?? "") : "";
    const b = withAbstention[i] as CliAnswer;
    if (!answered(b) || b.abstained) abstained++;
    else abstentionF1 += bestOver(f1Score, b.answer ?? "", q.answers);
    const e = bestOver(exactMatch, prediction, q.answers);
    const f = bestOver(f1Score, prediction, q.answers);
    em += e;
    f1 += f;
    const evidence = answered(a) ? (a.evidence[0]?.sentence ?? "") : "";
    if (q.answers.some((t) => evidence.includes(t))) sentenceHolds++;
    const type = analyzeQuestion(q.question).type;
    const t = byType.get(type) ?? { n: 0, f1: 0 };
    t.n++;
    t.f1 += f;
    byType.set(type, t);
    let index = indexes.get(p);
    if (!index) {
      const article = paragraphArticle(p);
      index = new SentenceIndex(article ? [article] : []);
      indexes.set(p, index);
    }
    const base = await bestSentence(index, q.question);
    baseEm += bestOver(exactMatch, base, q.answers);
    baseF1 += bestOver(f1Score, base, q.answers);
  }
  const n = items.length;
  return {
    paragraphs: paragraphs.length,
    articlesAdded: added,
    questions: n,
    engine: {
      em: pct(em, n),
      f1: pct(f1, n),
      answerSentence: pct(sentenceHolds, n),
    },
    withAbstention: { f1: pct(abstentionF1, n), abstained: pct(abstained, n) },
    baselineBestSentence: { em: pct(baseEm, n), f1: pct(baseF1, n) },
    f1ByAnswerType: Object.fromEntries(
      [...byType.entries()]
        .sort((a, b) => b[1].n - a[1].n)
        .map(([k, v]) => [k, { questions: v.n, f1: pct(v.f1, v.n) }]),
    ),
    seconds: Math.round(seconds),
  };
}

async function squadV20(paragraphs: SquadParagraph[]) {
  const store = freshStore(cli, "v20");
  ingestFiles(store, paragraphFiles(paragraphs));
  const items = paragraphs.flatMap((p, k) => p.questions.map((q) => ({ q, topic: topicOf(k), p })));
  const answers = await askAll(
    store,
    items.map(({ q, topic }) => ({ question: q.question, topic })),
  );
  removeStore(store);
  let answerable = 0;
  let f1 = 0;
  let f1Open = 0;
  let impossible = 0;
  let abstainedImpossible = 0;
  let abstainedAnswerable = 0;
  const indexes = new Map<SquadParagraph, SentenceIndex>();
  // Whether the answers given were right as often as their confidence says: the calibrated confidence
  // the bot shows, and the same answers' raw scores.
  const shown: { confidence: number; right: boolean }[] = [];
  const raw: { confidence: number; right: boolean }[] = [];
  for (const [i, { q, p }] of items.entries()) {
    const a = answers[i] as CliAnswer;
    const didAbstain = !answered(a) || a.abstained;
    let index = indexes.get(p);
    if (!index) {
      const article = paragraphArticle(p);
      index = new SentenceIndex(article ? [article] : []);
      indexes.set(p, index);
    }
    // The same engine in-process with abstention switched off, to show what abstaining costs on
    // answerable questions; its raw score is the one the CLI's answer was calibrated from.
    const open = await answerQuestion(index, q.question, { abstainBelow: -1, rawConfidence: true });
    if (!didAbstain) {
      const given = a as AskResult;
      const right = !q.impossible && answerIsRight(given.answer, q.answers);
      shown.push({ confidence: given.confidence, right });
      raw.push({ confidence: open.confidence, right });
    }
    if (q.impossible) {
      impossible++;
      if (didAbstain) abstainedImpossible++;
      continue;
    }
    answerable++;
    if (didAbstain) abstainedAnswerable++;
    f1 += didAbstain ? 0 : bestOver(f1Score, (a as AskResult).answer ?? "", q.answers);
    f1Open += bestOver(f1Score, open.answer ?? "", q.answers);
  }
  return {
    paragraphs: paragraphs.length,
    answerable,
    unanswerable: impossible,
    answerableF1: pct(f1, answerable),
    answerableF1WithoutAbstention: pct(f1Open, answerable),
    f1LostToAbstention: Math.round((pct(f1Open, answerable) - pct(f1, answerable)) * 10) / 10,
    answerableAbstained: pct(abstainedAnswerable, answerable),
    unanswerableAbstained: pct(abstainedImpossible, impossible),
    calibration: { shown: reliabilityOf(shown), raw: reliabilityOf(raw) },
  };
}

async function openCorpus(paragraphs: SquadParagraph[]) {
  const store = freshStore(cli, "open");
  const topic = "squad-open";
  ingestFiles(store, paragraphFiles(paragraphs, topic));
  const items = paragraphs.flatMap((p) => p.questions.map((q) => ({ q, p })));
  const answers = await askAll(
    store,
    items.map(({ q }) => ({ question: q.question, topic })),
  );
  removeStore(store);
  const articles = paragraphs.map((p) => paragraphArticle(p, topic)).filter((a) => a !== undefined);
  const index = new SentenceIndex(articles);
  let holds = 0;
  let baseHolds = 0;
  let f1 = 0;
  for (const [i, { q }] of items.entries()) {
    const a = answers[i] as CliAnswer;
    const evidence = answered(a) ? (a.evidence[0]?.sentence ?? a.related?.sentence ?? "") : "";
    if (q.answers.some((t) => evidence.includes(t))) holds++;
    if (answered(a) && !a.abstained) f1 += bestOver(f1Score, a.answer ?? "", q.answers);
    const base = await bestSentence(index, q.question);
    if (q.answers.some((t) => base.includes(t))) baseHolds++;
  }
  const n = items.length;
  return {
    paragraphs: paragraphs.length,
    questions: n,
    firstEvidenceHoldsAnswer: pct(holds, n),
    baselineBestSentenceHoldsAnswer: pct(baseHolds, n),
    f1: pct(f1, n),
  };
}

const results: Record<string, unknown> = { split, published: PUBLISHED };
if (only.has("v11") || only.has("open")) {
  const paragraphs = readParagraphs(squadFiles(v11Dir, split, v11Dir));
  if (only.has("v11")) {
    log(`SQuAD v1.1 ${split}: ${paragraphs.length} paragraphs…`);
    results.squadV11 = await squadV11(paragraphs);
  }
  if (only.has("open")) {
    log(`Open corpus (${split} v1.1 paragraphs in one topic)…`);
    results.openCorpus = await openCorpus(paragraphs);
  }
}
if (only.has("v20")) {
  const paragraphs = readParagraphs(squadFiles(v20Dir, split, v11Dir));
  log(`SQuAD 2.0 ${split}: ${paragraphs.length} paragraphs…`);
  results.squadV20 = await squadV20(paragraphs);
}
if (only.has("own")) results.ownQuestions = await runOwnQuestions(path.join(root, "test/fixtures/questions"));

printTable(results);
if (split === "held-out" && only.size === 4) {
  const out = path.join(root, "eval/results/qa.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), ...results }, null, 2)}\n`,
  );
  log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

function printTable(r: Record<string, unknown>) {
  // biome-ignore lint/suspicious/noExplicitAny: a printed report of the JSON above
  const x = r as any;
  const rows: string[][] = [["measure", "newsbrief", "BM25 best sentence", "published"]];
  if (x.squadV11) {
    const s = x.squadV11;
    rows.push([
      `SQuAD v1.1 ${split} EM`,
      s.engine.em,
      s.baselineBestSentence.em,
      "LR 40.0 · window 13.2 · DistilBERT 77.7",
    ]);
    rows.push([
      `SQuAD v1.1 ${split} F1`,
      s.engine.f1,
      s.baselineBestSentence.f1,
      "LR 51.0 · window 20.2 · DistilBERT 85.8",
    ]);
    rows.push(["answer sentence chosen %", s.engine.answerSentence, "", "LR 79.3"]);
    rows.push([
      `  F1 with abstention on (${s.withAbstention.abstained}% abstained)`,
      s.withAbstention.f1,
      "",
      "",
    ]);
  }
  if (x.squadV20) {
    const s = x.squadV20;
    rows.push([`SQuAD 2.0 ${split} answerable F1`, s.answerableF1, "", ""]);
    rows.push(["  … without abstention", s.answerableF1WithoutAbstention, "", ""]);
    rows.push(["  unanswerable abstained %", s.unanswerableAbstained, "", ""]);
    const c = s.calibration;
    rows.push([
      `  answers given: right % / mean confidence`,
      `${c.shown.right} / ${c.shown.meanConfidence}`,
      "",
      `raw score ${c.raw.meanConfidence}`,
    ]);
    rows.push(["  confidence calibration error (ECE)", c.shown.ece, "", `raw score ${c.raw.ece}`]);
  }
  if (x.openCorpus) {
    rows.push([
      "open corpus: 1st evidence holds answer %",
      x.openCorpus.firstEvidenceHoldsAnswer,
      x.openCorpus.baselineBestSentenceHoldsAnswer,
      "",
    ]);
  }
  if (x.ownQuestions) {
    for (const set of x.ownQuestions.sets)
      rows.push([`own questions: ${set.name} right`, `${set.right}/${set.total}`, "", ""]);
  }
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => String(row[c] ?? "").length))) ?? [];
  log("");
  for (const row of rows) log(row.map((cell, c) => String(cell ?? "").padEnd(widths[c] ?? 0)).join("  "));
  if (x.squadV11) {
    log(
      `\nF1 by expected answer type: ${Object.entries(x.squadV11.f1ByAnswerType)
        .map(([k, v]) => `${k} ${(v as { f1: number }).f1} (${(v as { questions: number }).questions})`)
        .join(", ")}`,
    );
  }
}
