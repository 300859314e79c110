/**
 * The npm summarizers a TypeScript developer would reach for, run on the same documents:
 * lexrank 1.0.5 (LexRank), ts-textrank 1.0.3 (TextRank, Sørensen–Dice) and node-summarizer 1.0.7
 * (both its frequency and its TextRank summary). A peer that throws yields an empty summary.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export type Peer = (text: string, sentences: number) => Promise<string[]>;

interface LexrankLine {
  text: string;
  index: number;
}

const lexrank = require("lexrank") as {
  summarize(text: string, lines: number, cb: (err: unknown, top: LexrankLine[]) => void): void;
};
const textrank = require("ts-textrank") as {
  AbsoluteSummarizerConfig: new (
    n: number,
    sim: unknown,
    parser: unknown,
    d: number,
    sort: number,
  ) => unknown;
  SorensenDiceSimilarity: new () => unknown;
  DefaultTextParser: new () => unknown;
  NullLogger: new () => unknown;
  Summarizer: (new (
    config: unknown,
    logger: unknown,
  ) => { summarize(text: string, lang: string): string[] }) & {
    SORT_OCCURENCE: number;
  };
};
const nodeSummarizer = require("node-summarizer") as {
  SummarizerManager: new (
    text: string,
    n: number,
  ) => {
    getSummaryByFrequency(): { summary: string | Error };
    getSummaryByRank(): Promise<{ summary: string | Error }>;
  };
};

function lexrankPeer(text: string, n: number): Promise<string[]> {
  return new Promise((resolve) => {
    try {
      lexrank.summarize(text, n, (err, top) => {
        if (err || !Array.isArray(top)) resolve([]);
        else resolve([...top].sort((a, b) => a.index - b.index).map((l) => l.text));
      });
    } catch {
      resolve([]);
    }
  });
}

async function textrankPeer(text: string, n: number): Promise<string[]> {
  try {
    const config = new textrank.AbsoluteSummarizerConfig(
      n,
      new textrank.SorensenDiceSimilarity(),
      new textrank.DefaultTextParser(),
      0.85,
      textrank.Summarizer.SORT_OCCURENCE,
    );
    return new textrank.Summarizer(config, new textrank.NullLogger()).summarize(text, "en");
  } catch {
    return [];
  }
}

/** node-summarizer returns one string; its sentences end in ". " */
function splitJoined(summary: string | Error): string[] {
  if (typeof summary !== "string") return [];
  return summary
    .split(/(?<=[.!?])\s+(?=\S)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

async function nodeSummarizerFrequency(text: string, n: number): Promise<string[]> {
  try {
    return splitJoined(new nodeSummarizer.SummarizerManager(text, n).getSummaryByFrequency().summary);
  } catch {
    return [];
  }
}

async function nodeSummarizerRank(text: string, n: number): Promise<string[]> {
  try {
    return splitJoined((await new nodeSummarizer.SummarizerManager(text, n).getSummaryByRank()).summary);
  } catch {
    return [];
  }
}

export const PEERS: Record<string, Peer> = {
  lexrank: lexrankPeer,
  "ts-textrank": textrankPeer,
  "node-summarizer (frequency)": nodeSummarizerFrequency,
  "node-summarizer (textrank)": nodeSummarizerRank,
};
