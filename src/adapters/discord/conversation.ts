/**
 * Conversation keys for follow-up questions: a DM and a thread are each one conversation; in an
 * ordinary channel, where many people talk at once, each person's questions are their own.
 */
export interface ConversationPlace {
  channelId: string;
  userId: string;
  isDM: boolean;
  isThread: boolean;
}

export function conversationId(place: ConversationPlace): string {
  if (place.isDM) return `discord:dm:${place.channelId}`;
  if (place.isThread) return `discord:thread:${place.channelId}`;
  return `discord:channel:${place.channelId}:user:${place.userId}`;
}
