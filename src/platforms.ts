/** The chat platforms whose credentials are configured, as adapters over one core. */
import type { App } from "./app.js";
import type { ChatAdapter } from "./core/port.js";

export async function createPlatformAdapters(app: App): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  // discord: added by the Discord adapter
  // slack: added by the Slack adapter
  void app;
  return adapters;
}
