/**
 * Follow-up questions in a conversation (a DM, a thread, the console session): "And who supports
 * him?" is read with "him" replaced by whom the previous exchange was about. What a follow-up may
 * refer back to is kept in the store and expires after a while.
 */
import type { AskResult } from "../core/reply.js";

/** How long a conversation is remembered after its last question. */
export const CONVERSATION_TTL_MS = 30 * 60 * 1000;

export interface ConversationState {
  question: string;
  answer: string | null;
  answerType?: string;
  /** Names the previous question was about, last one first. */
  names: string[];
  topicId?: string;
}

const PERSONAL = /\b(he|him|she|her|his|hers|they|them|their|it|its)\b/gi;
const POSSESSIVE = new Set(["his", "her", "hers", "their", "its"]);
const REFERABLE_TYPES = new Set(["person", "organization", "place", "definition"]);

export function isState(value: unknown): value is ConversationState {
  return (
    typeof value === "object" && value !== null && typeof (value as ConversationState).question === "string"
  );
}

/** Who or what a pronoun in the next question most likely means. */
export function referentOf(state: ConversationState): string | undefined {
  if (
    state.answer &&
    state.answerType &&
    REFERABLE_TYPES.has(state.answerType) &&
    state.answer.length <= 60
  ) {
    return state.answerType === "definition" ? state.names[0] : state.answer;
  }
  return state.names[0];
}

/** "Why?", "And when?": a wh-word alone asks the previous question again in its way. */
const BARE_WH = /^\s*(?:(?:and|so|then)\b[\s,]*)?(why|when|where|how long|how much|how many|how)\s*\?*\s*$/i;
/** The previous question from its auxiliary on: "did the union reject?" of "What did the union reject?". */
const FROM_AUXILIARY =
  /^(?:(?:what|which|who|whom|whose|when|where|why|how)\b(?:\s+[\p{L}\p{N}'’-]+)*?\s+)?((?:did|does|do|is|was|are|were|will|would|has|have|had|can|could)\b.*)$/iu;

/** "Why?" after "What did the union reject?" → "Why did the union reject?", or undefined. */
function elliptical(question: string, previous: string): string | undefined {
  const wh = BARE_WH.exec(question)?.[1];
  const rest = wh ? FROM_AUXILIARY.exec(previous.trim())?.[1] : undefined;
  if (!wh || !rest) return undefined;
  return `${wh.charAt(0).toUpperCase()}${wh.slice(1).toLowerCase()} ${rest.charAt(0).toLowerCase()}${rest.slice(1)}`;
}

/**
 * The question with its pronouns replaced, or a bare "Why?" completed from the previous question, or
 * the question itself when there is nothing to resolve.
 */
export function resolveFollowUp(question: string, state: ConversationState | undefined): string {
  if (!state) return question;
  const completed = elliptical(question, state.question);
  if (completed) return completed;
  const referent = referentOf(state);
  if (!referent) return question;
  let replaced = false;
  const resolved = question.replace(PERSONAL, (word) => {
    if (replaced) return word;
    replaced = true;
    return POSSESSIVE.has(word.toLowerCase()) ? `${referent}'s` : referent;
  });
  return resolved.replace(/^\s*(?:and|so|also|then)\b[\s,]*/i, "");
}

export function nextState(result: AskResult, names: string[], topicId?: string): ConversationState {
  return {
    question: result.question,
    answer: result.abstained ? null : result.answer,
    answerType: result.answerType,
    names: [...names].reverse(),
    ...(topicId ? { topicId } : {}),
  };
}
