/**
 * Entities on the seed article: every person it names must be found as a person under the full
 * name it gives, with no title or sentence fragment glued on. Usage: node dist/eval/entities/run.js
 * [DATA_DIR] (the seed ships with the project; DATA_DIR is accepted for symmetry). Writes eval/results/entities.json.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeArticle } from "../../src/analysis/analyze.js";
import { cleanArticleText } from "../../src/corpus/clean.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const seed = path.join(root, "briefings/libya-ceasefire/articles/2020-06-08-egypt-ceasefire-initiative.md");

/** The people the seed names, by surname, with the full name it gives each. */
const EXPECTED = [
  { surname: "Haftar", full: "Chalifa Haftar" },
  { surname: "Baschagha", full: "Fathi Baschagha" },
  { surname: "al-Sarradsch", full: "Fajis al-Sarradsch" },
  { surname: "al-Sisi", full: "Fattah al-Sisi" },
  { surname: "al-Gaddafi", full: "Muammar al-Gaddafi" },
  { surname: "Lacher", full: "Wolfram Lacher" },
];
const TITLE_WORDS =
  /\b(?:President|Minister|General|Prime|Interior|expert|ruler|commander|Mr|Dr|of|the|said)\b|[,.;:]/;

const text = fs.readFileSync(seed, "utf8").replace(/^---\n[\s\S]*?\n---\n/, "");
const analysis = analyzeArticle(cleanArticleText(text), new Date("2020-06-08T00:00:00Z"));
const people = analysis.entities.filter((e) => e.type === "person");
const rows = EXPECTED.map((x) => {
  const entity = people.find((e) => e.name === x.full || e.aliases.includes(x.full));
  return { ...x, found: Boolean(entity), as: entity?.name ?? null, role: entity?.role ?? null };
});
const glued = people.filter((e) => TITLE_WORDS.test(e.name)).map((e) => e.name);
const found = rows.filter((r) => r.found).length;
for (const r of rows)
  process.stdout.write(
    `  ${r.found ? "found  " : "MISSING"} ${r.full.padEnd(22)} ${r.role ? `role: ${r.role}` : ""}\n`,
  );
process.stdout.write(
  `persons found with full name: ${found}/${EXPECTED.length}; names with a title or fragment glued on: ${glued.length}${glued.length ? ` (${glued.join(", ")})` : ""}\n`,
);
process.stdout.write(`all persons found: ${people.map((p) => p.name).join("; ")}\n`);
const outDir = path.join(root, "eval/results");
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(
  path.join(outDir, "entities.json"),
  `${JSON.stringify({ generatedAt: new Date().toISOString(), seed: path.relative(root, seed), expected: rows, found, total: EXPECTED.length, glued, persons: people }, null, 2)}\n`,
);
process.exit(found === EXPECTED.length && glued.length === 0 ? 0 : 1);
