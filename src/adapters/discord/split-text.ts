/**
 * Splitting long text to fit Discord's limits: at sentence boundaries first, then between words;
 * only a single word longer than the limit (a URL, a run of symbols) is ever cut inside.
 */
import { splitParagraph } from "../../analysis/sentences.js";
import { safeSlice } from "./markdown.js";

/** Pieces of one line of text, each at most `limit` characters, in order; joined with spaces they give the text. */
export function splitText(text: string, limit: number): string[] {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= limit) return flat ? [flat] : [];
  const units = splitParagraph(flat).flatMap((sentence) =>
    sentence.length <= limit ? [sentence] : splitWords(sentence, limit),
  );
  return joinGreedily(units, " ", limit);
}

function splitWords(sentence: string, limit: number): string[] {
  const words = sentence.split(" ").flatMap((word) => (word.length <= limit ? [word] : cutWord(word, limit)));
  return joinGreedily(words, " ", limit);
}

/** A word longer than a whole field cannot stay whole; it is cut between characters. */
function cutWord(word: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > limit) {
    let piece = safeSlice(rest, limit);
    // An escape sequence or surrogate pair longer than the room left: take it whole rather than loop.
    if (!piece) piece = rest.slice(0, Math.min(2, rest.length));
    pieces.push(piece);
    rest = rest.slice(piece.length);
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Join units with a separator into as few chunks of at most `limit` characters as the order allows. */
export function joinGreedily(units: string[], separator: string, limit: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const unit of units) {
    if (!unit) continue;
    if (!current) current = unit;
    else if (current.length + separator.length + unit.length <= limit) current += separator + unit;
    else {
      chunks.push(current);
      current = unit;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/** A line of a section: its text may be split, and every piece keeps the prefix ("> ", "• "). */
export interface Line {
  prefix?: string;
  text: string;
}

/** Pack lines into blocks of at most `limit` characters joined by newlines, splitting lines that are too long. */
export function packLines(lines: (Line | string)[], limit: number): string[] {
  const rows = lines.flatMap((line) => {
    const { prefix = "", text } = typeof line === "string" ? { text: line } : line;
    if (prefix.length + text.length <= limit) return [prefix + text];
    return splitText(text, limit - prefix.length).map((piece) => prefix + piece);
  });
  return joinGreedily(rows, "\n", limit);
}
