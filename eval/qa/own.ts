/**
 * The project's own question sets (test/fixtures/questions/*.json), asked through the core over a
 * real SQLite store holding the seed article and the unseen-topic fixture articles.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { Core } from "../../src/core/core.js";
import type { AskResult } from "../../src/core/reply.js";
import { listArticleFiles, readArticleFile } from "../../src/corpus/files.js";
import { openSqliteStore } from "../../src/store/sqlite.js";

export interface OwnQuestion {
  question: string;
  type?: string;
  expect?: string[];
  abstain?: boolean;
}

export interface QuestionSet {
  topic: string;
  questions: OwnQuestion[];
  followUps?: { steps: OwnQuestion[] }[];
}

/**
 * Right when it abstains where it should, or answers and the answer contains an expected phrase; a
 * yes/no expectation is met by the verdict the answer starts with (its sentence may say "not").
 */
export function isRight(q: OwnQuestion, a: AskResult): boolean {
  if (q.abstain) return a.abstained;
  if (a.abstained || !a.answer) return false;
  const answer = a.answer.toLowerCase();
  return (q.expect ?? []).some((e) => {
    const expected = e.toLowerCase();
    return expected === "yes" || expected === "no"
      ? answer.startsWith(`${expected} —`)
      : answer.includes(expected);
  });
}

export async function loadQuestionCore(dir: string): Promise<{ core: Core; close: () => Promise<void> }> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, "../../..");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsbrief-own-"));
  const store = openSqliteStore(dataDir);
  const core = new Core({ store, logger: pino({ level: "silent" }) });
  const { files } = listArticleFiles([path.join(root, "briefings"), path.join(dir, "articles")]);
  for (const file of files) {
    const read = readArticleFile(file);
    if (read.kind === "article" && read.article.topicId)
      await core.ingest({ ...read.article, topicId: read.article.topicId });
  }
  return {
    core,
    close: async () => {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function runOwnQuestions(dir: string) {
  const { core, close } = await loadQuestionCore(dir);
  const sets = [];
  try {
    for (const file of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()) {
      const set = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as QuestionSet;
      const details = [];
      let right = 0;
      let total = 0;
      for (const q of set.questions) {
        const a = await core.ask(q.question, set.topic);
        const ok = isRight(q, a);
        right += ok ? 1 : 0;
        total++;
        details.push({
          question: q.question,
          expected: q.abstain ? "(abstain)" : q.expect,
          answer: a.answer,
          type: a.answerType,
          confidence: a.confidence,
          right: ok,
        });
      }
      let n = 0;
      for (const f of set.followUps ?? []) {
        const conversation = `eval-${file}-${n++}`;
        for (const step of f.steps) {
          const a = await core.ask(step.question, set.topic, conversation);
          const ok = isRight(step, a);
          right += ok ? 1 : 0;
          total++;
          details.push({
            question: step.question,
            understoodAs: a.resolvedQuestion,
            expected: step.expect,
            answer: a.answer,
            right: ok,
          });
        }
      }
      sets.push({ name: file.replace(/\.json$/, ""), right, total, details });
    }
  } finally {
    await close();
  }
  return { sets };
}
