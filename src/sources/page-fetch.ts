/**
 * Fetching article pages as a good citizen of the sites they are on: robots.txt is asked first (see
 * robots.ts), and at most a few pages per host are in flight at once across every feed polled by this
 * process (see host-limit.ts), spaced by the site's Crawl-delay when it sets one. One instance is shared
 * by all polls of a SourceService.
 */
import { FetchError, type FetchPolicy, type FetchResult, safeFetch } from "./fetch.js";
import { DEFAULT_PAGES_PER_HOST, HostLimiter } from "./host-limit.js";
import { RobotsCache, RobotsRefusal } from "./robots.js";
import { checkSourceUrl } from "./url.js";

export class PageFetcher {
  readonly hosts: HostLimiter;
  readonly robots: RobotsCache;

  constructor(pagesPerHost: number = DEFAULT_PAGES_PER_HOST) {
    this.hosts = new HostLimiter(pagesPerHost);
    this.robots = new RobotsCache(this.hosts);
  }

  /** The page, unless robots.txt disallows it (a RobotsRefusal) or the fetch fails (a FetchError). */
  async fetch(pageUrl: string, policy: FetchPolicy, now: Date): Promise<FetchResult> {
    let url: URL;
    try {
      url = checkSourceUrl(pageUrl);
    } catch (error) {
      throw new FetchError((error as Error).message, "refused");
    }
    const verdict = await this.robots.check(url.toString(), policy, now);
    if (!verdict.allowed) throw new RobotsRefusal(verdict.reason);
    return this.hosts.run(
      url.host,
      () => safeFetch({ url: url.toString(), expect: "page" }, policy),
      verdict.crawlDelayMs,
    );
  }
}
