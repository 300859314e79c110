/**
 * Direct messages and @mentions are questions: the text goes to /ask in its conversation (the DM,
 * the thread, or the asker's own in a channel) and the answer is a reply quoting its evidence.
 */
import type { Message } from "discord.js";
import type { Logger } from "pino";
import type { Core } from "../../core/core.js";
import { dispatch, questionRequest } from "../../core/dispatch.js";
import { notice, type ReplyDocument } from "../../core/reply.js";
import { conversationId } from "./conversation.js";
import { errorRef } from "./interactions.js";
import { renderDiscord } from "./render-embeds.js";

export interface MessageContext {
  core: Core;
  logger: Logger;
  /** Answer @mentions in server channels (DMs are always answered). */
  answerMentions: boolean;
}

const EMPTY_QUESTION =
  "Ask me a question about the news I follow (who, what, when, where), or use /help for the commands.";

export async function handleMessage(message: Message, ctx: MessageContext): Promise<void> {
  if (message.author.bot || message.system) return;
  const botId = message.client.user.id;
  const isDM = !message.inGuild();
  if (!isDM && !(ctx.answerMentions && message.mentions.users.has(botId))) return;
  try {
    const question = message.content.replace(new RegExp(`<@!?${botId}>`, "g"), " ").trim();
    const reply = question ? await answer(message, question, isDM, ctx.core) : notice(EMPTY_QUESTION);
    await send(message, reply);
  } catch (error) {
    const ref = errorRef();
    ctx.logger.error(
      { err: error, ref, channel: message.channelId, message: message.id },
      "discord message reply failed",
    );
    await send(message, notice(`Something went wrong (ref ${ref}).`, "error")).catch((again: unknown) =>
      ctx.logger.warn({ err: again, ref }, "could not tell the user about the failure"),
    );
  }
}

function answer(message: Message, question: string, isDM: boolean, core: Core): Promise<ReplyDocument> {
  return dispatch(
    core,
    questionRequest(question, {
      // Questions need no permission; subscriptions are slash commands, where Discord reports permissions.
      user: {
        id: message.author.id,
        name: message.author.globalName ?? message.author.username,
        canManageChannel: isDM,
      },
      channel: { platform: "discord", id: message.channelId, workspace: message.guildId ?? undefined, isDM },
      conversationId: conversationId({
        channelId: message.channelId,
        userId: message.author.id,
        isDM,
        isThread: message.channel.isThread(),
      }),
    }),
  );
}

/** The first message replies to the question; the rest of a long answer follows in the same channel. */
async function send(message: Message, reply: ReplyDocument): Promise<void> {
  const [first, ...rest] = renderDiscord(reply);
  if (!first) return;
  await message.reply({
    ...first,
    allowedMentions: { parse: [], repliedUser: false },
    failIfNotExists: false,
  });
  if (!message.channel.isSendable()) return;
  for (const m of rest) await message.channel.send(m);
}
