/**
 * The fake Slack of the fan-out benchmark in a process of its own, so that the bot being measured
 * does not share its CPU with the platform it posts to. Started by run.ts over IPC: it answers
 * "ready" with its API URL, and "stats" with what it received.
 */
import { startFakeSlack } from "../../test/slack/fake-slack.js";

const workspacePerSecond = Number(process.argv[2] ?? 200);
const fake = await startFakeSlack();
fake.limits = { perChannelPerSecond: 1, workspacePerSecond };
process.send?.({ type: "ready", apiUrl: fake.apiUrl });
process.on("message", (message: { type: string }) => {
  if (message.type === "stats") {
    const posts: Record<string, number> = {};
    for (const p of fake.posted) posts[p.channel] = (posts[p.channel] ?? 0) + 1;
    process.send?.({ type: "stats", posts, rateLimited: fake.rateLimited });
  } else if (message.type === "stop") {
    void fake.close().then(() => process.exit(0));
  }
});
