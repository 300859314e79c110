/** Canonical URLs, accepted source URLs, address classes, polling slots and back-off. */
import { describe, expect, it } from "vitest";
import { parsePrivatePolicy, refusedAddress } from "../../src/sources/address.js";
import { nextSlot, offsetSeconds, parseInterval, retryAt } from "../../src/sources/schedule.js";
import { canonicalUrl, checkSourceUrl } from "../../src/sources/url.js";

describe("canonical article URLs", () => {
  it("drops tracking parameters and fragments, sorts the rest, resolves relative links", () => {
    expect(canonicalUrl("https://News.example.com/a/b?utm_source=rss&id=7&fbclid=x&b=2#top")).toBe(
      "https://news.example.com/a/b?b=2&id=7",
    );
    expect(canonicalUrl("/story/1?utm_medium=feed", "https://example.com/feed.xml")).toBe(
      "https://example.com/story/1",
    );
    expect(canonicalUrl("http://example.com:80/x")).toBe("http://example.com/x");
    expect(canonicalUrl("javascript:alert(1)")).toBeUndefined();
    expect(canonicalUrl("not a url")).toBeUndefined();
  });
});

describe("source URLs", () => {
  it("accepts http and https, refuses other schemes and credentials with a reason", () => {
    expect(checkSourceUrl(" https://example.com/feed ").toString()).toBe("https://example.com/feed");
    expect(() => checkSourceUrl("ftp://example.com/feed")).toThrow(/only http and https/);
    expect(() => checkSourceUrl("file:///etc/passwd")).toThrow(/only http and https/);
    expect(() => checkSourceUrl("https://user:secret@example.com/feed")).toThrow(/user name or password/);
    expect(() => checkSourceUrl("example.com/feed")).toThrow(/not a URL/);
    expect(() => checkSourceUrl(`https://example.com/${"a".repeat(3000)}`)).toThrow(/longer than/);
  });
});

describe("address classes", () => {
  it("refuses loopback, private, link-local, CGNAT, mapped and unspecified addresses; allows public ones", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "fc00::1",
      "::ffff:127.0.0.1",
      "224.0.0.1",
    ])
      expect(refusedAddress(ip, false), ip).toBeDefined();
    expect(refusedAddress("169.254.169.254", false)).toMatch(/link-local/);
    expect(refusedAddress("93.184.216.34", false)).toBeUndefined();
    expect(refusedAddress("2606:4700::1111", false)).toBeUndefined();
  });

  it("lets a policy allow everything, or named ranges only", () => {
    expect(refusedAddress("127.0.0.1", true)).toBeUndefined();
    const ranges = parsePrivatePolicy("127.0.0.1/32, 10.0.0.0/8");
    expect(ranges).toEqual(["127.0.0.1/32", "10.0.0.0/8"]);
    expect(refusedAddress("10.9.9.9", ranges as string[])).toBeUndefined();
    expect(refusedAddress("127.0.0.1", ranges as string[])).toBeUndefined();
    expect(refusedAddress("169.254.169.254", ranges as string[])).toMatch(/link-local/);
    expect(parsePrivatePolicy("true")).toBe(true);
    expect(parsePrivatePolicy(undefined)).toBe(false);
    expect(parsePrivatePolicy("10.0.0.0/99")).toHaveProperty("error");
  });
});

describe("polling slots", () => {
  it("gives each URL a stable slot within its interval and spreads many URLs over it", () => {
    const now = new Date("2024-05-01T12:00:00Z");
    const a = nextSlot("https://a.example/feed", 600, now);
    expect(a.getTime()).toBeGreaterThan(now.getTime());
    expect(a.getTime() - now.getTime()).toBeLessThanOrEqual(600_000);
    expect(nextSlot("https://a.example/feed", 600, new Date(now.getTime() + 1000))).toEqual(a);
    // Every later slot is a whole number of intervals after the first.
    const later = nextSlot("https://a.example/feed", 600, a);
    expect(later.getTime() - a.getTime()).toBe(600_000);
    const seconds = new Set<number>();
    for (let i = 0; i < 500; i++) seconds.add(offsetSeconds(`https://feeds.example/${i}.xml`, 600));
    expect(seconds.size).toBeGreaterThan(250);
  });

  it("backs off exponentially and never retries before Retry-After", () => {
    const now = new Date("2024-05-01T12:00:00Z");
    const url = "https://a.example/feed";
    const wait = (d: Date) => (d.getTime() - now.getTime()) / 1000;
    expect(wait(retryAt(url, 600, 1, now))).toBeGreaterThanOrEqual(600);
    expect(wait(retryAt(url, 600, 3, now))).toBeGreaterThanOrEqual(2400);
    expect(wait(retryAt(url, 600, 1, now, 7200))).toBeGreaterThanOrEqual(7200);
    expect(wait(retryAt(url, 600, 20, now))).toBeLessThanOrEqual(24 * 3600 + 600);
  });

  it("reads intervals such as 10m, 1h and 2h30m", () => {
    expect(parseInterval("10m")).toBe(600);
    expect(parseInterval("2h30m")).toBe(9000);
    expect(parseInterval("45s")).toBe(45);
    expect(parseInterval("ten minutes")).toBeUndefined();
  });
});
