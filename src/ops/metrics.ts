/** Prometheus metrics (prom-client): what an operator watches on /metrics. */
import client from "prom-client";

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: "newsbrief_" });

export const commandsTotal = new client.Counter({
  name: "newsbrief_commands_total",
  help: "Chat commands handled, by command, platform and outcome (ok, user_error, error, limited, denied)",
  labelNames: ["command", "platform", "outcome"] as const,
  registers: [registry],
});

export const answerSeconds = new client.Histogram({
  name: "newsbrief_answer_seconds",
  help: "Time to answer a question",
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const digestsTotal = new client.Counter({
  name: "newsbrief_digests_total",
  help: "Digest deliveries by outcome (delivered, skipped, retrying, failed)",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

export const digestsPending = new client.Gauge({
  name: "newsbrief_digests_pending",
  help: "Digest deliveries waiting to be posted",
  registers: [registry],
});

export const feedPollsTotal = new client.Counter({
  name: "newsbrief_feed_polls_total",
  help: "Feed polls by outcome",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

export const rateLimitEvents = new client.Counter({
  name: "newsbrief_platform_rate_limits_total",
  help: "Rate-limit responses (429) received from chat platforms",
  labelNames: ["platform"] as const,
  registers: [registry],
});
