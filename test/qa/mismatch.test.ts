import { describe, expect, it } from "vitest";
import { mismatchOf } from "../../src/qa/mismatch.js";
import { analyzeQuestion } from "../../src/qa/question.js";
import type { Candidate, SentenceView } from "../../src/qa/spans.js";
import { tokenize } from "../../src/qa/tokens.js";

/** The signs read from a question against one sentence, the answer being the span `answer` when given. */
function signs(question: string, sentence: string, answer?: string) {
  const tokens = tokenize(sentence);
  const view = { tokens } as SentenceView;
  let best: Candidate | undefined;
  if (answer) {
    const first = tokens.findIndex((t) => t.text === answer.split(" ")[0]);
    const last = first + answer.split(" ").length - 1;
    best = { first, last, text: answer } as Candidate;
  }
  return mismatchOf(analyzeQuestion(question), view, best);
}

describe("signs that a question was turned against its evidence", () => {
  it("sees a word the sentence negates and the question does not, both ways round", () => {
    expect(
      signs("Who lives longer than the Greeks?", "Americans live no longer than the Greeks.").negationFlip,
    ).toBe(1);
    expect(
      signs("What did the court not acknowledge?", "The court quickly acknowledged the duty.").negationFlip,
    ).toBe(1);
    expect(
      signs("Who lives longer than the Greeks?", "Americans live longer than the Greeks.").negationFlip,
    ).toBe(0);
  });

  it("sees the opposite said where the asked word is missing, inflected or compared", () => {
    expect(signs("Who accepted the offer?", "Haftar rejected the offer.").oppositeSaid).toBe(1);
    expect(signs("Which city has the highest rents?", "Cairo has the lowest rents.").oppositeSaid).toBe(1);
    expect(signs("Who accepted the offer?", "Haftar accepted the offer.").oppositeSaid).toBe(0);
    expect(signs("Who accepted or rejected the offer?", "Haftar rejected the offer.").oppositeSaid).toBe(0);
  });

  it("checks that a count is a count of what was asked", () => {
    expect(
      signs("How many women did Duquesne send?", "Duquesne sent 500 men south.", "500").countedOther,
    ).toBe(1);
    expect(signs("How many men did Duquesne send?", "Duquesne sent 500 men south.", "500").countedOther).toBe(
      0,
    );
    expect(signs("Who did Duquesne send?", "Duquesne sent 500 men south.", "500 men").countedOther).toBe(0.5);
  });

  it("sees a name or number swapped for another beside the same words", () => {
    const fifth = signs(
      "What is Newton's Fifth Law the result of?",
      "Newton's Third Law is the result of symmetry.",
    );
    expect(fifth.nameSwapped).toBe(1);
    expect(fifth.wordSwapped).toBe(1);
    expect(
      signs("Who deployed its army into Iraq?", "The Soviet Union deployed its army into Afghanistan.")
        .nameSwapped,
    ).toBe(1);
    expect(
      signs("Who deployed its army into Afghanistan?", "The Soviet Union deployed its army into Afghanistan.")
        .nameSwapped,
    ).toBe(0);
  });

  it("checks that an age answers 'how old'", () => {
    const sentence = "Inspectors found cracks in two girders of the bridge, built 90 years ago.";
    expect(signs("How old is the bridge?", sentence, "two").unitMismatch).toBe(1);
    expect(signs("How old is the bridge?", sentence, "90 years").unitMismatch).toBe(0);
  });

  it("checks that a year answers when something was built, founded or born", () => {
    const sentence = "The bridge, built in 1932, was closed on Monday.";
    expect(signs("When was the bridge built?", sentence, "Monday").unitMismatch).toBe(1);
    expect(signs("When was the bridge built?", sentence, "1932").unitMismatch).toBe(0);
    expect(signs("When was the bridge closed?", sentence, "Monday").unitMismatch).toBe(0);
  });

  it("checks that a month, year or century is what answers 'what month / year / century'", () => {
    expect(
      signs("In what month did the crisis begin?", "The crisis began in 1979.", "1979").unitMismatch,
    ).toBe(1);
    expect(
      signs("In what year did the crisis begin?", "The crisis began in 1979.", "1979").unitMismatch,
    ).toBe(0);
    expect(
      signs(
        "In what century did the plague strike?",
        "The plague struck in the 14th century.",
        "14th century",
      ).unitMismatch,
    ).toBe(0);
  });
});
