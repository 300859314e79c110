export const USAGE = `newsbrief — briefs chat channels on the news and answers questions about it

Usage: newsbrief [--data-dir DIR] <command> [options]

  --data-dir DIR                 SQLite database and caches (env NEWSBRIEF_DATA_DIR, default ./data)

Commands:
  start [--console]              run the bot: platforms whose credentials are set, else the console chat
  chat                           the console chat only
  ingest PATH... [--topic ID]    add .md (front matter) / .txt (first line = title) files or folders
  ingest URL... --topic ID       fetch web articles and add their text
  topics [--json]                list topics
  brief [--topic ID] [--json]    a briefing: summary, people and organizations, timeline, sources
  digest --since ISO-DATE [--topic ID] [--json]
                                 what is new: only articles published after the date
  timeline [--topic ID] [--json] dated events, oldest first
  ask "QUESTION" [--topic ID] [--json] [--always-answer]
  ask --jsonl [--always-answer]  stdin: one {"question", "topic"?} per line; stdout: one answer per line;
                                 --always-answer gives the best span even when unsure (for benchmarks)
  summarize [FILE|-] [--sentences N] [--json]
  summarize --jsonl              stdin: one {"id", "text", "title"?, "sentences"?} per line
  subscriptions add --platform discord|slack|console --channel ID [--workspace ID] --topic ID
                    --schedule SPEC [--timezone TZ] [--quiet]
  subscriptions list [--json] | remove ID
                                 scheduled digests: SPEC is "daily 08:00", "weekdays 07:30", "twice-daily",
                                 "hourly" or a cron expression
  sources add URL --topic ID [--every 10m] [--route]
  sources list [--topic ID] [--json] | remove ID | poll [ID] [--json]
                                 news feeds (RSS, Atom, RDF) polled while the bot runs; poll = once, now
  register discord|slack         register the slash commands (Discord) or print the app manifest (Slack)
  help                           this text

Exit codes: 0 ok, 1 failure, 2 bad usage or invalid configuration.`;
