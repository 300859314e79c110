/** The chat platforms whose credentials are configured, as adapters over one core. */
import type { App } from "./app.js";
import type { ChatAdapter } from "./core/port.js";

export async function createPlatformAdapters(app: App): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  void app;
  return adapters;
}
