import { describe, expect, it } from "vitest";
import { buildBriefing } from "../../src/briefing/brief.js";
import { mergeTopicEntities } from "../../src/briefing/entities.js";
import type { Article, DatedEvent, Entity, StanceMention } from "../../src/core/model.js";

const topic = { id: "libya", title: "Libya", description: "", keywords: [] };

/** An analysed article built by hand, so each test controls exactly which entities and events it holds. */
function article(
  id: string,
  published: string,
  sentences: string[],
  extra: { entities?: Entity[]; events?: DatedEvent[]; stances?: StanceMention[] } = {},
): Article {
  return {
    id,
    topicId: topic.id,
    title: id,
    body: sentences.join(" "),
    published,
    publishedEstimated: false,
    source: null,
    url: null,
    language: "en",
    ingestedAt: published,
    analysis: {
      version: 1,
      sentences: sentences.map((text, index) => ({
        index,
        text,
        paragraph: index,
        heading: false,
        terms: text.toLowerCase().match(/[a-z]+/g) ?? [],
      })),
      entities: extra.entities ?? [],
      events: extra.events ?? [],
      stances: extra.stances ?? [],
    },
  };
}

const person = (name: string, aliases: string[] = [], mentions = 1): Entity => ({
  name,
  type: "person",
  aliases,
  mentions,
  sentences: [0],
});

describe("merging a topic's entities", () => {
  it("gives a surname alone to the first person with that surname, in entities and positions alike", () => {
    const said = "The commander rejected the ceasefire proposal on Monday in the capital.";
    const articles = [
      article("a1", "2020-01-01T00:00:00Z", [said], { entities: [person("Khalifa Haftar")] }),
      article("a2", "2020-01-02T00:00:00Z", [said], { entities: [person("Saddam Hifter")] }),
      article("a3", "2020-01-03T00:00:00Z", [said], {
        entities: [person("Hifter", [], 3)],
        stances: [
          { actor: "Hifter", stance: "opposes", verb: "rejected", target: "the ceasefire", sentenceIndex: 0 },
        ],
      }),
    ];
    const { entities, aliases } = mergeTopicEntities(articles);
    expect(entities.map((e) => e.name)).toEqual(["Khalifa Haftar", "Saddam Hifter"]);
    expect(entities[0]?.mentions).toBe(4);
    expect(entities[0]?.aliases).toEqual(["Hifter"]);
    expect(aliases.get("Hifter")).toBe("Khalifa Haftar");

    const b = buildBriefing(topic, articles);
    expect(b.entities.map((e) => e.name)).toEqual(["Khalifa Haftar", "Saddam Hifter"]);
    expect(b.positions?.map((p) => p.actor)).toEqual(["Khalifa Haftar"]);
  });

  it("lists each alias once however many articles repeat it, and merges spellings of a full name", () => {
    const articles = Array.from({ length: 60 }, (_, i) =>
      article(`a${i}`, `2020-02-${String((i % 28) + 1).padStart(2, "0")}T00:00:00Z`, ["Talks went on."], {
        entities: [
          i % 2 === 0
            ? person("Fayez al-Sarraj", ["Sarraj", "Mr Sarraj"], 2)
            : person("Fajis al-Sarradsch", [], 1),
        ],
      }),
    );
    const { entities } = mergeTopicEntities(articles);
    expect(entities).toHaveLength(1);
    expect(entities[0]?.name).toBe("Fayez al-Sarraj");
    expect(entities[0]?.aliases).toEqual(["Sarraj", "Mr Sarraj", "Fajis al-Sarradsch"]);
    expect(entities[0]?.mentions).toBe(90);
    expect(entities[0]?.articles.size).toBe(60);
  });
});

describe("a topic's timeline", () => {
  it("lists one report of an event per date, and the same words on another date as another event", () => {
    const text = "Fighters shelled the airport south of Tripoli, closing it to flights.";
    const event = (date: string): DatedEvent => ({ date, sentenceIndex: 0, phrase: "on Monday" });
    const articles = [
      article("a1", "2020-03-01T00:00:00Z", [text], { events: [event("2020-02-28")] }),
      article("a2", "2020-03-02T00:00:00Z", [text], { events: [event("2020-02-28")] }),
      article("a3", "2020-03-09T00:00:00Z", [text], { events: [event("2020-03-07")] }),
      article("a4", "2020-03-10T00:00:00Z", ["Talks on a truce resumed in Geneva under UN mediation."], {
        events: [event("2020-02-28")],
      }),
    ];
    const timeline = buildBriefing(topic, articles).timeline;
    expect(timeline.map((t) => [t.date, t.articleId])).toEqual([
      ["2020-02-28", "a1"],
      ["2020-02-28", "a4"],
      ["2020-03-07", "a3"],
    ]);
  });
});
