/**
 * Slack does not publish its workspace-wide limit on chat.postMessage and answers a burst over it
 * with 429s and a whole-second Retry-After. Waiting that out after every burst wastes the time the
 * burst took; instead, once limited, posts are spaced at the rate that was getting through, so a
 * large fan-out runs at the limit with few 429s.
 */
/** Posts that must have got through in the last second before a 429 is taken as the workspace's rate. */
const MIN_POSTS_TO_PACE = 20;
/** How long posts stay spaced after the last 429; then a burst finds the limit again. */
const PACE_FOR_MS = 60_000;
const CATCH_UP_SLOTS = 3;

export class WorkspacePacer {
  private readonly successes: number[] = [];
  private closedUntil = 0;
  private spacingMs = 0;
  private nextSlot = 0;
  private pacedUntil = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Wait for this post's turn. */
  async turn(): Promise<void> {
    for (;;) {
      const now = this.now();
      if (this.spacingMs > 0 && now > this.pacedUntil) this.spacingMs = 0;
      const slot = Math.max(this.closedUntil, this.spacingMs > 0 ? this.nextSlot : 0);
      if (now >= slot) {
        // Timers fire a little late; the schedule keeps its pace by letting a late post's successor
        // catch up, by at most a few slots, so the rate holds without bursting past the limit.
        if (this.spacingMs > 0) {
          this.nextSlot = Math.max(this.nextSlot, now - CATCH_UP_SLOTS * this.spacingMs) + this.spacingMs;
        }
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, slot - now));
    }
  }

  succeeded(): void {
    const now = this.now();
    this.successes.push(now);
    while ((this.successes[0] as number) < now - 1000) this.successes.shift();
  }

  /** A 429: wait it out once per burst, and from then on space posts at the rate that got through. */
  limited(retryAfterSeconds: number): void {
    const now = this.now();
    if (now < this.closedUntil) return;
    this.closedUntil = now + retryAfterSeconds * 1000;
    while (this.successes.length > 0 && (this.successes[0] as number) < now - 1000) this.successes.shift();
    // Pace only a fan-out: a 429 among a handful of posts says nothing about the workspace's rate.
    if (this.successes.length < MIN_POSTS_TO_PACE) return;
    // A little under what got through, so the next windows are not overrun; for a while, not for ever.
    this.spacingMs = 1000 / (this.successes.length * 0.985);
    this.nextSlot = this.closedUntil;
    this.pacedUntil = this.closedUntil + PACE_FOR_MS;
  }
}
