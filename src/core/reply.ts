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
  date: string;
  text: string;
  articleId: string;
}

export interface EntitySummary {
  name: string;
  type: EntityType;
  aliases: string[];
  mentions: number;
  role?: string;
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
}

export interface AskResult {
  question: string;
  answer: string | null;
  abstained: boolean;
  confidence: number;
  /** "span" when a typed answer was extracted, "sentence" when the evidence sentence is the answer. */
  answerKind?: "span" | "sentence";
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
