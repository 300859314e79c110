/** The composition root: configuration → logger → store (seeded on first use) → core. */
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { Core } from "./core/core.js";
import { reanalyseIfOutdated } from "./corpus/reanalyse.js";
import { seedIfEmpty } from "./corpus/seed.js";
import { DigestService } from "./digests/service.js";
import { openStore } from "./store/open.js";

export interface App {
  config: Config;
  core: Core;
  logger: Logger;
  close(): Promise<void>;
}

export async function createApp(config: Config, logger: Logger): Promise<App> {
  const store = await openStore(config);
  const seeded = await seedIfEmpty(store, config.briefingsDir);
  if (seeded) {
    const added = seeded.filter((o) => o.status === "added").length;
    logger.info(
      { added, briefings: config.briefingsDir, store: store.location },
      "seeded the store from the built-in corpus",
    );
    for (const o of seeded.filter((o) => o.status === "rejected"))
      logger.warn({ file: o.origin, reason: o.reason }, "seed file rejected");
  }
  const reanalysed = await reanalyseIfOutdated(store);
  if (reanalysed > 0)
    logger.info({ articles: reanalysed }, "re-analysed stored articles with the improved analysis");
  const core = new Core({ store, logger, defaultTopic: config.defaultTopic });
  core.digests = new DigestService(core, {
    defaultTimezone: config.timezone,
    minIntervalSeconds: config.digests.minIntervalSeconds,
  });
  return { config, core, logger, close: () => store.close() };
}
