/** Reading a follow-up in a conversation: pronouns from the previous exchange, a bare wh-word from the previous question. */
import { describe, expect, it } from "vitest";
import { type ConversationState, resolveFollowUp } from "../../src/qa/conversation.js";

const stateAfter = (question: string, answer: string | null, names: string[] = []): ConversationState => ({
  question,
  answer,
  answerType: "thing",
  names,
});

describe("follow-up questions", () => {
  it("asks the previous question again with a bare wh-word", () => {
    const rejected = stateAfter("What did the union reject?", "earlier offer of 5 percent");
    expect(resolveFollowUp("Why?", rejected)).toBe("Why did the union reject?");
    expect(resolveFollowUp("and when", rejected)).toBe("When did the union reject?");
    expect(resolveFollowUp("Why?", stateAfter("Did Haftar accept?", "Yes — …", ["Haftar"]))).toBe(
      "Why did Haftar accept?",
    );
  });

  it("leaves a bare wh-word alone when the previous question cannot take it", () => {
    // "Who rejected the proposal?" has no auxiliary to hang "why" on.
    expect(resolveFollowUp("Why?", stateAfter("Who rejected the proposal?", "the government"))).toBe("Why?");
    expect(resolveFollowUp("Why?", undefined)).toBe("Why?");
  });

  it("replaces a pronoun with whom the previous question was about", () => {
    const state = stateAfter("Who is Marta Quintero?", "Marta Quintero: Union leader", ["Marta Quintero"]);
    expect(resolveFollowUp("And what did she say?", { ...state, answerType: "definition" })).toBe(
      "what did Marta Quintero say?",
    );
  });
});
