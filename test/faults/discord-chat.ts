/** The fake Discord and the real discord.js-backed DiscordChat over a store seeded with the fault tests' topic. */
import type { Logger } from "pino";
import { DiscordChat } from "../../src/adapters/discord/discord-chat.js";
import { Core } from "../../src/core/core.js";
import type { Store } from "../../src/store/store.js";
import { FakeDiscord } from "../discord/fake-discord.js";
import { FAKE_SECRETS } from "../helpers/fake-secrets.js";
import { seedTopic } from "./fanout.js";

export interface DiscordFanOut {
  fake: FakeDiscord;
  chat: DiscordChat;
  /** Disconnects the bot and stops the fake (the store is the caller's). */
  stop(): Promise<void>;
}

export async function startDiscordFanOut(store: Store, logger: Logger): Promise<DiscordFanOut> {
  const fake = new FakeDiscord();
  await fake.start();
  await seedTopic(store, new Date());
  const chat = new DiscordChat({
    core: new Core({ store, logger }),
    logger,
    token: FAKE_SECRETS.discordToken,
    apiBaseUrl: fake.apiBaseUrl,
    answerMentions: false,
  });
  await chat.start();
  return {
    fake,
    chat,
    stop: async () => {
      await chat.stop();
      await fake.stop();
    },
  };
}
