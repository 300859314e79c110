/**
 * The fake secrets every test hands the bot: tokens, the Slack signing secret and a PostgreSQL
 * password. Each carries SECRET_MARKER, so the scan of everything the bot writes during the suite
 * (test/setup/scan-output.ts) finds a secret even when only part of it leaked.
 */

export const SECRET_MARKER = "NBSECRET";

export const FAKE_SECRETS = {
  discordToken: "NBSECRET-discord-bot-token-7Qw2",
  slackBotToken: "xoxb-NBSECRET-slack-bot-token-4Zp8",
  slackAppToken: "xapp-NBSECRET-slack-app-token-9Lm3",
  slackSigningSecret: "NBSECRET-slack-signing-secret-6Tr5",
  pgPassword: "NBSECRET-pg-password-5Xk1",
} as const;

/** Environment variables whose values are secrets: a test must give them a recognisable fake value. */
const SECRET_VARIABLES = ["DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"];

/**
 * `url` with the fake PostgreSQL password when it has none. The test server trusts local
 * connections and never asks for it, but the bot carries it around like a real one.
 */
export function withFakePassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) return url;
  parsed.username ||= "postgres";
  parsed.password = FAKE_SECRETS.pgPassword;
  // A URL without a host (a Unix socket) cannot carry a password: it stays as it is.
  return parsed.password ? parsed.toString() : url;
}

/** `url` without its password, for messages a test prints. */
export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/**
 * Refuses an environment that hands the bot a secret the scan would not recognise, so that every
 * test starting the bot with credentials is covered by the scan.
 */
export function assertRecognisableSecrets(env: Record<string, string | undefined>): void {
  for (const name of SECRET_VARIABLES) {
    const value = env[name];
    if (value && !value.includes(SECRET_MARKER))
      throw new Error(`${name} in a test must be a fake secret from test/helpers/fake-secrets.ts`);
  }
  const db = env.DATABASE_URL;
  if (db && URL.canParse(db) && new URL(db).hostname && !new URL(db).password)
    throw new Error("DATABASE_URL in a test must carry a password: use withFakePassword()");
}

/** The environment that connects the bot to the fake Discord. */
export function discordEnv(apiBaseUrl: string): Record<string, string> {
  return { DISCORD_TOKEN: FAKE_SECRETS.discordToken, DISCORD_API_BASE_URL: apiBaseUrl };
}

/** The environment that connects the bot to the fake Slack in Socket Mode. */
export function slackSocketEnv(apiUrl: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: FAKE_SECRETS.slackBotToken,
    SLACK_APP_TOKEN: FAKE_SECRETS.slackAppToken,
    SLACK_API_URL: apiUrl,
  };
}
