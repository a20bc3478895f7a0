import robotsParser from "robots-parser";
import { BlockedAddressError, FetchError, safeFetch, decodeBody, type TSafeFetchOptions } from "@/lib/net/safe-fetch";

/** Crawl-delay is honoured up to this many seconds. */
export const MAX_CRAWL_DELAY_SECONDS = 5;
const ROBOTS_MAX_BYTES = 512 * 1024;

export type TRobots = {
  isAllowed(url: string): boolean;
  /** Delay between requests to this origin, capped at MAX_CRAWL_DELAY_SECONDS. */
  crawlDelayMs: number;
  sitemaps: string[];
  /** Set when robots.txt was unreachable (5xx or network error): everything is disallowed (RFC 9309 2.3.1.4). */
  unavailable?: string;
};

/**
 * Loads `/robots.txt` for an origin and answers for our group (the product token of the
 * User-Agent, e.g. "ChatwerkBot"), falling back to `*` (robots-parser does both).
 * 4xx: no restrictions. 5xx or unreachable: complete disallow, with the reason.
 */
export async function loadRobots(origin: string, fetchOptions: Omit<TSafeFetchOptions, "accept" | "maxBytes">): Promise<TRobots> {
  const robotsUrl = new URL("/robots.txt", origin).href;
  const agent = robotsToken(fetchOptions.userAgent);
  let text = "";
  try {
    const result = await safeFetch(robotsUrl, { ...fetchOptions, maxBytes: ROBOTS_MAX_BYTES });
    if (result.status >= 500) return disallowAll(`robots.txt unavailable (HTTP ${result.status})`);
    if (result.status >= 200 && result.status < 300) text = decodeBody(result);
  } catch (error) {
    if (error instanceof BlockedAddressError) throw error;
    if (error instanceof FetchError && error.code === "too_large") {
      text = ""; // an oversized robots.txt is treated as empty rather than blocking the site
    } else {
      return disallowAll(`robots.txt unavailable (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const robots = robotsParser(robotsUrl, text);
  const delay = Number(robots.getCrawlDelay(agent) ?? 0);
  return {
    isAllowed: (url) => robots.isAllowed(url, agent) !== false,
    crawlDelayMs: Number.isFinite(delay) && delay > 0 ? Math.min(delay, MAX_CRAWL_DELAY_SECONDS) * 1000 : 0,
    sitemaps: robots.getSitemaps(),
  };
}

/** "ChatwerkBot/1.0 (+https://…)" → "ChatwerkBot". */
export function robotsToken(userAgent: string): string {
  return userAgent.trim().split(/[\s/]/)[0] || "*";
}

function disallowAll(reason: string): TRobots {
  return { isAllowed: () => false, crawlDelayMs: 0, sitemaps: [], unavailable: reason };
}
