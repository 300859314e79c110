import { describe, expect, it } from "vitest";
import { stem } from "../../src/analysis/terms.js";
import { askedAction } from "../../src/qa/actions.js";
import { analyzeQuestion, asksWhatNameIs, defuseMentions } from "../../src/qa/question.js";

describe("question analysis", () => {
  it.each([
    ["Who brokered the ceasefire?", "person"],
    ["When did Haftar take Sirte?", "date"],
    ["In what year did the Normans arrive?", "date"],
    ["How long would the council stay in power?", "duration"],
    ["How many vehicles cross the bridge every day?", "number"],
    ["How much could the repairs cost?", "money"],
    ["Why is the east important?", "reason"],
    ["Where did the Libya conference take place?", "place"],
    ["Which firm is assessing the damage?", "organization"],
    ["Did Haftar accept?", "yesno"],
    ["Who is Wolfram Lacher?", "definition"],
    ["Who is Fattah al-Sisi?", "definition"],
    ["Who was Osama bin Laden?", "definition"],
    ["Who is the governor of the state?", "person"],
    ["What did the government reject?", "thing"],
    ["When the council met, who chaired it?", "person"],
    ["When Iqbal promoted unity, what did he encourage ending?", "thing"],
    ["When the bridge closed, how many cars crossed the river each day?", "number"],
    ["When did the bridge close, and why?", "date"],
    ["What is the population of Tripoli?", "number"],
    ["How much compensation will the families get?", "money"],
    ["How much did sales rise?", "number"],
    ["What was the percentage of votes cast?", "percent"],
    ["What is the name of the mediator?", "thing"],
    ["What is the date applied to?", "thing"],
  ])("%s expects a %s", (question, type) => {
    expect(analyzeQuestion(question).type).toBe(type);
  });

  it("keeps the content terms and the names, not the question words", () => {
    const q = analyzeQuestion("Who is Wolfram Lacher?");
    expect(q.terms).toEqual(["wolfram", "lacher"]);
    expect(q.names).toEqual(["Wolfram Lacher"]);
    // Names as written, with their particles and hyphens.
    expect(analyzeQuestion("Who supports Fattah al-Sisi?").names).toEqual(["Fattah al-Sisi"]);
    expect(analyzeQuestion("What did Austria-Hungary declare?").names).toEqual(["Austria-Hungary"]);
    expect(analyzeQuestion("What year did the war end?").head).toBe("year");
  });

  it('reads the head of a compound after "what is the" as the quantity asked', () => {
    expect(analyzeQuestion("What is the new interest rate?").type).toBe("percent");
    expect(analyzeQuestion("What is the name of the river?").type).toBe("thing");
  });

  it("leaves out a verb that only restates what the wh-word asks", () => {
    expect(analyzeQuestion("How long will the truce last?").terms).toEqual(["truce"]);
    expect(analyzeQuestion("Where were the talks held?").terms).toEqual(["talk"]);
    expect(analyzeQuestion("When did the battle take place?").terms).toEqual(["battl"]);
    // Nor is the measure "how" asks for a word to find: "How big is the fund?".
    expect(analyzeQuestion("How big is the emergency fund?").terms).toEqual(["emerg", "fund"]);
    // Elsewhere they are asked: "Who held the talks?".
    expect(analyzeQuestion("Who held the talks?").terms).toContain(stem("held"));
  });

  it("tells a question about what a name is from other what-questions", () => {
    expect(asksWhatNameIs(analyzeQuestion("What is Halvorsen Engineering?"))).toBe(true);
    expect(asksWhatNameIs(analyzeQuestion("What is the damage?"))).toBe(false);
    expect(asksWhatNameIs(analyzeQuestion("What did Haftar accept?"))).toBe(false);
  });

  it("reads whom a what-did-they-do question asks about, and whether their words or deeds", () => {
    expect(askedAction(analyzeQuestion("What did the United Arab Emirates do?"))).toEqual({
      subject: ["unit", "arab", "emir"],
      common: [],
      saying: false,
      verb: "",
      about: [],
    });
    expect(askedAction(analyzeQuestion("What did the retailers warn?"))).toEqual({
      subject: ["retail"],
      common: ["retail"],
      saying: true,
      verb: "warn",
      about: [],
    });
    expect(askedAction(analyzeQuestion("What did the mayor say about swimming pools?"))?.about).toEqual([
      "swim",
      "pool",
    ]);
    expect(askedAction(analyzeQuestion("What did Wolfram Lacher say?"))?.saying).toBe(true);
    expect(askedAction(analyzeQuestion("What did Haftar accept?"))).toBeNull();
    // A name may be shortened to a surname; "army chief" may not be shortened to "chief".
    expect(askedAction(analyzeQuestion("What did army chief Amara Nwosu say?"))?.common).toEqual([
      "armi",
      "chief",
    ]);
  });

  it("removes every way a question could ping someone", () => {
    const text = defuseMentions("@everyone @here <!channel> <@123> <@&456> <#789> who brokered it?");
    expect(text).not.toMatch(/@everyone|@here|<!|<@|<#/);
    expect(text).toContain("who brokered it?");
  });
});
