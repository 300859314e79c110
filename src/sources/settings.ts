/** Source settings from the configuration. */
import type { Config } from "../config.js";
import { DEFAULT_FETCH_POLICY } from "./fetch.js";
import { DEFAULT_SOURCE_SETTINGS, type SourceSettings } from "./service.js";

export function sourceSettings(config: Pick<Config, "sources">): SourceSettings {
  return {
    ...DEFAULT_SOURCE_SETTINGS,
    policy: {
      ...DEFAULT_FETCH_POLICY,
      privateAddresses: config.sources.allowPrivate,
      timeoutMs: config.sources.fetchTimeoutSeconds * 1000,
      maxBytes: config.sources.fetchMaxBytes,
    },
    failureLimit: config.sources.failureLimit,
    defaultIntervalSeconds: config.sources.defaultIntervalSeconds,
  };
}
