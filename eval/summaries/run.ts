/**
 * Summary quality: CNN/DailyMail 250 (3 sentences) and BBC News Summary (K = sentences in the
 * reference), newsbrief's `summarize --jsonl` against Lead-N and the npm peers, all scored here by
 * one ROUGE implementation. Usage: node dist/eval/summaries/run.js [DATA_DIR]
 * Writes eval/results/summaries.json and prints a table per data set and split.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cliSummaries } from "./cli-summaries.js";
import { loadBbc, loadCnnDm, type SummaryDoc } from "./data.js";
import { lead } from "./lead.js";
import { PEERS } from "./peers.js";
import { meanScore, type RougeScore, rouge } from "./rouge.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const dataDir = path.resolve(process.argv[2] ?? "../shared/data");
const cli = path.join(root, "dist/src/cli.js");

type Outputs = Map<string, string[]>;

/** BBC articles are given to every system as the file has them: headline line, blank line, body. */
function inputText(doc: SummaryDoc): string {
  return doc.title ? `${doc.title}\n\n${doc.text}` : doc.text;
}

async function peerOutputs(docs: SummaryDoc[]): Promise<Record<string, Outputs>> {
  const result: Record<string, Outputs> = {};
  for (const [name, peer] of Object.entries(PEERS)) {
    const out: Outputs = new Map();
    const started = Date.now();
    for (const doc of docs) out.set(doc.id, await peer(doc.text, doc.sentences));
    result[name] = out;
    process.stderr.write(
      `  ${name}: ${docs.length} documents in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
  return result;
}

function score(docs: SummaryDoc[], outputs: Outputs, stem = true): RougeScore {
  return meanScore(docs.map((d) => rouge(outputs.get(d.id) ?? [], d.reference, stem)));
}

interface Row {
  system: string;
  rouge1: number;
  rouge2: number;
  rougeL: number;
  rougeLsum: number;
}

function table(title: string, rows: Row[]): string {
  const lines = [
    title,
    `  ${"system".padEnd(30)} ${["R-1", "R-2", "R-L", "R-Lsum"].map((h) => h.padStart(7)).join("")}`,
  ];
  for (const r of rows) {
    const cells = [r.rouge1, r.rouge2, r.rougeL, r.rougeLsum].map((v) => v.toFixed(2).padStart(7)).join("");
    lines.push(`  ${r.system.padEnd(30)} ${cells}`);
  }
  return lines.join("\n");
}

function splits(docs: SummaryDoc[]): Record<string, SummaryDoc[]> {
  return {
    all: docs,
    "held-out": docs.filter((d) => !d.tuning),
    tuning: docs.filter((d) => d.tuning),
  };
}

async function evaluate(name: string, docs: SummaryDoc[], leadName: string) {
  process.stderr.write(`${name}: ${docs.length} documents\n`);
  const ours = await cliSummaries(
    cli,
    docs.map((d) => ({ ...d, text: inputText(d) })),
  );
  const leadOut: Outputs = new Map(docs.map((d) => [d.id, lead(inputText(d), d.sentences)]));
  const peers = await peerOutputs(docs);
  const systems: Record<string, Outputs> = { newsbrief: ours, [leadName]: leadOut, ...peers };
  const result: Record<string, Row[]> = {};
  for (const [split, subset] of Object.entries(splits(docs))) {
    result[split] = Object.entries(systems).map(([system, out]) => ({ system, ...score(subset, out) }));
    process.stdout.write(
      `${table(`${name}, ${split} (${subset.length} documents)`, result[split] as Row[])}\n\n`,
    );
  }
  return { documents: docs.length, systems: Object.keys(systems), scores: result, ours, leadOut };
}

async function main(): Promise<void> {
  if (!fs.existsSync(cli)) throw new Error(`no built CLI at ${cli}: run npm run build first`);
  const cnndm = loadCnnDm(dataDir);
  const bbc = loadBbc(dataDir);
  const cnn = await evaluate("CNN/DailyMail 250, 3 sentences", cnndm, "Lead-3");
  const bb = await evaluate("BBC News Summary, K sentences", bbc, "Lead-K");

  // Scorer check against published figures: BBC Lead-3 without stemming (rouge-score: 44.10/35.83/43.17).
  const bbcLead3: Outputs = new Map(bbc.map((d) => [d.id, lead(inputText(d), 3)]));
  const check = score(bbc, bbcLead3, false);
  const cnnLead = cnn.scores.all?.find((r) => r.system === "Lead-3");
  process.stdout.write(
    `Scorer check: BBC Lead-3, no stemming ${check.rouge1.toFixed(2)}/${check.rouge2.toFixed(2)}/${check.rougeLsum.toFixed(2)} ` +
      `(published 44.10/35.83/43.17); CNN/DM Lead-3 ${cnnLead?.rouge1.toFixed(2)}/${cnnLead?.rouge2.toFixed(2)}/` +
      `${cnnLead?.rougeLsum.toFixed(2)} R-Lsum (published, ROUGE-1.5.5: 41.60/19.00/37.66)\n`,
  );

  const results = {
    generatedAt: new Date().toISOString(),
    scorer:
      "rouge-score method: lower-case, [a-z0-9] tokens, Porter stemming of tokens > 3 chars, F1 in percent",
    peers: {
      lexrank: "1.0.5",
      "ts-textrank": "1.0.3 (AbsoluteSummarizerConfig, Sørensen–Dice, d = 0.85)",
      "node-summarizer": "1.0.7 (getSummaryByFrequency and getSummaryByRank)",
    },
    cnndm: { documents: cnn.documents, sentences: 3, scores: cnn.scores },
    bbc: { documents: bb.documents, sentences: "K = sentences in the reference", scores: bb.scores },
    scorerCheck: { bbcLead3NoStemming: check, published: { rouge1: 44.1, rouge2: 35.83, rougeLsum: 43.17 } },
  };
  const outDir = path.join(root, "eval/results");
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "summaries.json"), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`written ${path.relative(process.cwd(), path.join(outDir, "summaries.json"))}\n`);
}

main().catch((error) => {
  process.stderr.write(`summaries eval failed: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
