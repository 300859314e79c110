/** Generators shared by the renderers' property tests, built from each test's own text and id generators. */
import fc from "fast-check";
import type { Position } from "../../src/core/reply.js";

/** A briefing's position: who stands where on what, with the sentence it cites. */
export function positionOf(
  text: fc.Arbitrary<string>,
  articleId: fc.Arbitrary<string>,
): fc.Arbitrary<Position> {
  return fc.record(
    {
      actor: text,
      stance: fc.constantFrom("supports", "opposes", "proposes", "calls for"),
      target: text,
      verb: text,
      complement: text,
      evidence: fc.record({ articleId, sentence: text }),
    },
    { requiredKeys: ["actor", "stance", "target", "evidence"] },
  );
}
