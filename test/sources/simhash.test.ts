/** SimHash: reprints of a story are near, different stories are far, and band lookup finds every near one. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hammingDistance, NEAR_DUPLICATE_BITS, simhash, simhashBands } from "../../src/sources/simhash.js";
import { reprint, story } from "./stories.js";

describe("simhash", () => {
  it("puts a lightly edited reprint within the near-duplicate distance, and other stories far away", () => {
    const original = story(3).join("\n\n");
    const copy = reprint(story(3)).join("\n\n");
    const a = simhash(original) as bigint;
    const b = simhash(copy) as bigint;
    expect(hammingDistance(a, b)).toBeLessThanOrEqual(NEAR_DUPLICATE_BITS);
    for (let n = 4; n < 14; n++) {
      const other = simhash(story(n).join("\n\n")) as bigint;
      expect(hammingDistance(a, other)).toBeGreaterThan(NEAR_DUPLICATE_BITS);
    }
  });

  it("gives no fingerprint for texts too short to compare", () => {
    expect(simhash("Ceasefire holds.")).toBeUndefined();
  });

  it("shares at least one band between fingerprints within the near-duplicate distance", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: NEAR_DUPLICATE_BITS }),
        (h, bits) => {
          let other = h;
          for (const b of bits) other ^= 1n << BigInt(b);
          expect(hammingDistance(h, other)).toBe(bits.length);
          const x = simhashBands(h);
          const y = simhashBands(other);
          expect(x.some((band, i) => band === y[i])).toBe(true);
        },
      ),
    );
  });
});
