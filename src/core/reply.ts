/**
 * Neutral reply documents: what a command handler returns and every adapter renders
 * (console text, Discord embeds, Slack blocks). They hold data, never platform markup.
 */
import type { EntityType } from "./model.js";

export interface SourceRef {
  articleId: string;
  title: string;
  url: string | null;
  published: string;
  source: string | null;
}

export interface Evidence {
  articleId: string;
  title: string;
  url: string | null;
  published: string;
  sentence: string;
}

export interface SummaryLine {
  text: string;
  articleId: string;
}

export interface TimelineEvent {
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD"; for a span of days ("at the weekend"), its first day. */
  date: string;
  /** Last day of a span of days ("YYYY-MM-DD"), when the text names one. */
  until?: string;
  text: string;
  articleId: string;
}

export interface EntitySummary {
  name: string;
  type: EntityType;
  aliases: string[];
  mentions: number;
  role?: string;
  affiliation?: string;
  country?: string;
}

/** Where someone stands on something, with the sentence that says so. */
export interface Position {
  actor: string;
  /** "supports" | "opposes" | "proposes" | "calls for" */
  stance: string;
  target: string;
  /** The verb as the article wrote it ("accepted", "did not accept"). */
  verb?: string;
  /** What the target was called: "a great step forward". */
  complement?: string;
  evidence: { articleId: string; sentence: string };
}

export interface Briefing {
  topic: string;
  title: string;
  generatedAt: string;
  since?: string;
  /** Set when there is nothing to report (no articles, or nothing new since `since`). */
  notice?: string;
  summary: SummaryLine[];
  entities: EntitySummary[];
  timeline: TimelineEvent[];
  sources: SourceRef[];
  /** Who stands where, most discussed targets first. */
  positions?: Position[];
  /** In a digest: one line from before `since` that the new lines need to be understood. */
  context?: SummaryLine;
}

export type AnswerBasis = "span" | "sentence" | "rule";

export interface AskResult {
  question: string;
  answer: string | null;
  abstained: boolean;
  confidence: number;
  /**
   * "span" when a typed answer was extracted, "sentence" when the evidence sentence is the answer,
   * "yes-no" for a yes/no verdict followed by its sentence.
   */
  answerKind?: "span" | "sentence" | "yes-no";
  /**
   * How the answer was found: "span" when the span model chose it, "sentence" when the evidence
   * sentence is given whole, "rule" when a pattern read it off a sentence (a description after a name,
   * a reason after "because", an age, what someone said, a yes/no verdict). The confidence is the share
   * of answers found that way, at that raw score, that were right on the SQuAD 2.0 tuning split.
   */
  basis?: AnswerBasis;
  /** The kind of answer the question asks for: person, place, date, number, reason, yesno… */
  answerType?: string;
  /** A follow-up as it was understood, pronouns replaced ("And who supports him?" → "who supports Haftar?"). */
  resolvedQuestion?: string;
  /** Shown when abstaining: the closest sentence found, clearly not an answer. */
  related?: Evidence;
  evidence: Evidence[];
}

export interface TimelineResult {
  topic: string;
  title: string;
  events: TimelineEvent[];
}

export interface ListItem {
  text: string;
  detail?: string;
  url?: string | null;
}

export type ReplyDocument =
  | { kind: "briefing"; briefing: Briefing; private?: boolean }
  | { kind: "answer"; answer: AskResult; private?: boolean }
  | { kind: "timeline"; timeline: TimelineResult; private?: boolean }
  | { kind: "list"; title: string; items: ListItem[]; empty: string; footer?: string; private?: boolean }
  | { kind: "notice"; level: "info" | "warning" | "error"; text: string; private?: boolean };

export function notice(
  text: string,
  level: "info" | "warning" | "error" = "info",
  isPrivate = level !== "info",
): ReplyDocument {
  return { kind: "notice", level, text, private: isPrivate };
}
