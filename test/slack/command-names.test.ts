import { describe, expect, it } from "vitest";
import { withCommandPrefix } from "../../src/adapters/slack/command-names.js";
import type { ReplyDocument } from "../../src/core/reply.js";

const NAMES = ["brief", "ask", "help"];

describe("withCommandPrefix", () => {
  it("renames command mentions in notices and lists, not look-alikes", () => {
    const notice: ReplyDocument = {
      kind: "notice",
      level: "info",
      text: "Try /help or (/ask Who?) — not /briefing, and/brief stays, as does /brief-x.",
    };
    const renamed = withCommandPrefix(notice, "nb-", NAMES);
    expect(renamed).toMatchObject({
      text: "Try /nb-help or (/nb-ask Who?) — not /briefing, and/brief stays, as does /brief-x.",
    });
    const list: ReplyDocument = {
      kind: "list",
      title: "newsbrief commands",
      empty: "No commands.",
      items: [{ text: "/brief [topic]", detail: "see also /ask" }],
      footer: "Or /help.",
    };
    expect(withCommandPrefix(list, "nb-", NAMES)).toMatchObject({
      title: "newsbrief commands",
      items: [{ text: "/nb-brief [topic]", detail: "see also /nb-ask" }],
      footer: "Or /nb-help.",
    });
  });

  it("leaves replies alone without a prefix, and never changes what articles say", () => {
    const notice: ReplyDocument = { kind: "notice", level: "info", text: "Try /help" };
    expect(withCommandPrefix(notice, "", NAMES)).toBe(notice);
    const answer = {
      kind: "answer",
      answer: {
        question: "What is /brief?",
        answerType: "thing",
        answer: "/brief",
        abstained: false,
        confidence: 1,
        evidence: [],
      },
    } as unknown as ReplyDocument;
    expect(withCommandPrefix(answer, "nb-", NAMES)).toBe(answer);
  });
});
