/** How the own question sets are judged: a yes/no is judged by its verdict, not by words of its sentence. */
import { describe, expect, it } from "vitest";
import { isRight } from "../../eval/qa/own.js";
import type { AskResult } from "../../src/core/reply.js";

const answer = (text: string | null, abstained = false): AskResult =>
  ({ question: "q", answer: text, abstained, confidence: 0.5, evidence: [] }) as unknown as AskResult;

describe("own question judging", () => {
  it("judges a yes/no by the verdict it starts with", () => {
    const no = { question: "Did the union accept the earlier offer?", expect: ["No"] };
    expect(isRight(no, answer("Yes — The union had rejected it because it did not cover overtime."))).toBe(
      false,
    );
    expect(isRight(no, answer("No — The union had rejected it."))).toBe(true);
  });

  it("judges other answers by an expected phrase, and abstentions by whether one was due", () => {
    expect(isRight({ question: "q", expect: ["8 percent"] }, answer("a raise of 8 percent"))).toBe(true);
    expect(isRight({ question: "q", expect: ["8 percent"] }, answer("8"))).toBe(false);
    expect(isRight({ question: "q", abstain: true }, answer(null, true))).toBe(true);
    expect(isRight({ question: "q", abstain: true }, answer("Tuesday"))).toBe(false);
  });
});
