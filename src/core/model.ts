/** The data the core works on: topics, articles and what analysis stores for each article. */

export interface Topic {
  id: string;
  title: string;
  description: string;
  keywords: string[];
}

/** An article as it arrives from a corpus file, a feed or the CLI, before analysis. */
export interface ArticleInput {
  title: string;
  body: string;
  /** ISO date or date-time; absent when the source gave none. */
  published?: string;
  source?: string;
  url?: string;
  topicId: string;
  language?: string;
  /** Where it came from (file path or URL), for messages. */
  origin?: string;
}

/** Granularity of a resolved date: a bare year, a month, or a day. */
export type DateValue = string; // "YYYY" | "YYYY-MM" | "YYYY-MM-DD"

export interface Sentence {
  /** Index of the sentence within its article. */
  index: number;
  text: string;
  /** Paragraph number, 0-based; headings count as paragraphs of their own. */
  paragraph: number;
  /** A headline or sub-heading: no closing punctuation, short, alone in its paragraph. */
  heading: boolean;
  /** Stemmed content terms, stop words removed, in order. */
  terms: string[];
}

export type EntityType = "person" | "organization" | "place" | "other";

export interface Entity {
  name: string;
  type: EntityType;
  aliases: string[];
  mentions: number;
  role?: string;
  /** The organization a person speaks for ("Science and Politics Foundation"). */
  affiliation?: string;
  /** The country a place, demonym or national body belongs to. */
  country?: string;
  /** Indices of the sentences that mention it. */
  sentences?: number[];
}

export interface DatedEvent {
  date: DateValue;
  /** The sentence that states it. */
  sentenceIndex: number;
  /** The words the date was read from ("in January"). */
  phrase: string;
}

/** An amount the text states: "$1.13bn", "76%", "14-month", "2,000". */
export interface Quantity {
  kind: "number" | "money" | "percent" | "duration";
  text: string;
  sentenceIndex: number;
}

/** Where someone stands on something, as one sentence states it. */
export interface StanceMention {
  /** Who takes the position: an entity name or the phrase that names it ("the government"). */
  actor: string;
  /** "supports" | "opposes" | "proposes" | "calls for" */
  stance: string;
  /** The verb as written ("accepted", "rejected", "welcomed"). */
  verb: string;
  /** What it is about ("the proposal"), pronouns resolved where the sentence allows. */
  target: string;
  /** What the target was called: "a great step forward" of "called the agreement a great step forward". */
  complement?: string;
  sentenceIndex: number;
}

export interface ArticleAnalysis {
  version: number;
  sentences: Sentence[];
  entities: Entity[];
  events: DatedEvent[];
  quantities?: Quantity[];
  stances?: StanceMention[];
}

export interface Article {
  /** Content hash of the normalized body: the same text is the same article. */
  id: string;
  topicId: string;
  title: string;
  body: string;
  published: string;
  /** True when the source gave no date and `published` is the ingestion time. */
  publishedEstimated: boolean;
  source: string | null;
  url: string | null;
  language: string | null;
  ingestedAt: string;
  analysis: ArticleAnalysis;
}
