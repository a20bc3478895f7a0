import { createHash } from "node:crypto";
import { FetchError, HTML_TYPES, decodeBody, safeFetch, type TSafeFetchOptions } from "@/lib/net/safe-fetch";
import type { TParsedDocument } from "../chunk/types";
import { htmlToBlocks } from "@/lib/kb/parse/parse-html";
import { loadRobots, type TRobots } from "./robots";
import { looksLikeSitemap, readSitemap } from "./sitemap";
import { extractLinks, isSameSite, normaliseUrl, passesFilters } from "./urls";

export type TCrawlPage = {
  /** The page's URL after redirects (normalised); the requested URL when it failed. */
  url: string;
  /** Set when redirects led elsewhere. */
  requestedUrl?: string;
  status: "ok" | "failed" | "skipped";
  /** Readable, for the dashboard: "HTTP 404", "Not an HTML page (application/pdf)", ... */
  reason?: string;
  document?: TParsedDocument;
  /** sha256 (hex) of the extracted content; set for "ok" pages and content duplicates. */
  contentHash?: string;
  depth: number;
};

export type TCrawlOptions = {
  /** A page URL (links are followed) or a sitemap ending in .xml / .xml.gz (its URLs are crawled, links are not followed). */
  startUrl: string;
  /** Pages fetched at most (default 50, at most 500). */
  maxPages?: number;
  /** Link depth from the start page (default 3, at most 10). */
  maxDepth?: number;
  /** Path patterns: "*" globs anchored at the path start ("/docs/*") or substrings ("/blog/"). */
  include?: string[];
  exclude?: string[];
  /** Parallel requests (default 2, at most 8). */
  concurrency?: number;
  /** Hosts allowed despite private addresses (tests, intranet installs). Empty by default. */
  allowHosts?: string[];
  /** "ChatwerkBot/1.0 (+BASE_URL)"; its product token picks the robots.txt group. */
  userAgent: string;
  /** Called once per URL as soon as it is handled; awaited (back-pressure); a throw aborts the crawl. */
  onPage: (page: TCrawlPage) => void | Promise<void>;
  signal?: AbortSignal;
  /** Per page, default 5 MB. */
  maxBytes?: number;
  /** Per request, default 20 s. */
  timeoutMs?: number;
};

export type TCrawlSummary = { pages: number; failed: number; skipped: number; fetched: number };

type TQueued = { url: string; depth: number; isStart: boolean };

/**
 * Crawls one site politely and safely (issue 3 "Website"): same site only (www. and apex
 * are one site), robots.txt honoured (our group, then `*`; Crawl-delay up to 5 s), page and
 * depth limits, include/exclude patterns, de-duplication by normalised URL and by content
 * hash, every request through `safeFetch` (SSRF checks on every hop). Links are read from
 * the raw HTML before main-content extraction.
 */
export async function crawlSite(options: TCrawlOptions): Promise<TCrawlSummary> {
  const maxPages = clamp(options.maxPages ?? 50, 1, 500);
  const maxDepth = clamp(options.maxDepth ?? 3, 0, 10);
  const concurrency = clamp(options.concurrency ?? 2, 1, 8);
  const start = normaliseUrl(options.startUrl);
  if (!start) throw new FetchError(`Not a crawlable http(s) URL: ${options.startUrl}`, "invalid_url", options.startUrl);

  const fetchOptions: Omit<TSafeFetchOptions, "accept" | "maxBytes"> = {
    allowHosts: options.allowHosts ?? [],
    userAgent: options.userAgent,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const summary: TCrawlSummary = { pages: 0, failed: 0, skipped: 0, fetched: 0 };
  const seen = new Set<string>();
  const okUrls = new Set<string>();
  const hashes = new Map<string, string>();
  const robotsByOrigin = new Map<string, Promise<TRobots>>();
  const nextSlot = new Map<string, number>();
  const queue: TQueued[] = [];

  const emit = async (page: TCrawlPage) => {
    if (page.status === "ok") summary.pages++;
    else if (page.status === "failed") summary.failed++;
    else summary.skipped++;
    await options.onPage(page);
  };

  const robotsFor = (url: string) => {
    const origin = new URL(url).origin;
    let robots = robotsByOrigin.get(origin);
    if (!robots) {
      robots = loadRobots(origin, fetchOptions).catch((error: unknown) => ({
        isAllowed: () => false,
        crawlDelayMs: 0,
        sitemaps: [],
        unavailable: error instanceof Error ? error.message : String(error),
      }));
      robotsByOrigin.set(origin, robots);
    }
    return robots;
  };

  /** Spaces requests to one origin by its Crawl-delay (shared by all workers). */
  const politeWait = async (url: string, delayMs: number) => {
    if (delayMs <= 0) return;
    const origin = new URL(url).origin;
    const now = Date.now();
    const at = Math.max(now, nextSlot.get(origin) ?? 0);
    nextSlot.set(origin, at + delayMs);
    if (at > now) await sleep(at - now, options.signal);
  };

  const enqueue = (url: string, depth: number, isStart = false) => {
    if (seen.has(url)) return;
    seen.add(url);
    queue.push({ url, depth, isStart });
  };

  // Seeds: the start page, or the URLs of a sitemap (no link discovery then).
  const discover = !looksLikeSitemap(start);
  if (discover) {
    enqueue(start, 0, true);
  } else {
    let urls: string[];
    try {
      urls = await readSitemap(start, fetchOptions, Math.min(maxPages * 4, 5000));
    } catch (error) {
      await emit({ url: start, status: "failed", reason: reasonOf(error), depth: 0 });
      return summary;
    }
    for (const raw of urls) {
      const url = normaliseUrl(raw);
      if (url && isSameSite(url, start) && passesFilters(url, options.include, options.exclude)) enqueue(url, 0);
    }
  }

  const processItem = async (item: TQueued) => {
    const robots = await robotsFor(item.url);
    if (robots.unavailable) {
      await emit({ url: item.url, status: "failed", reason: robots.unavailable, depth: item.depth });
      return;
    }
    if (!robots.isAllowed(item.url)) {
      await emit({ url: item.url, status: "skipped", reason: "Disallowed by robots.txt", depth: item.depth });
      return;
    }
    if (summary.fetched >= maxPages) return;
    summary.fetched++;
    await politeWait(item.url, robots.crawlDelayMs);

    let result;
    try {
      result = await safeFetch(item.url, {
        ...fetchOptions,
        accept: HTML_TYPES,
        ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
        // Never leave the site, not even for one redirect hop.
        checkRedirect: (next) => (isSameSite(next, start) ? undefined : `Redirects to another site (${next.href})`),
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const skipped = error instanceof FetchError && (error.code === "unsupported_type" || error.code === "redirect_refused");
      await emit({ url: item.url, status: skipped ? "skipped" : "failed", reason: reasonOf(error), depth: item.depth });
      return;
    }

    const finalUrl = normaliseUrl(result.url) ?? item.url;
    const base = { url: finalUrl, ...(finalUrl !== item.url ? { requestedUrl: item.url } : {}), depth: item.depth };
    if (finalUrl !== item.url) {
      if (!isSameSite(finalUrl, start)) {
        await emit({ ...base, status: "skipped", reason: `Redirects to another site (${finalUrl})` });
        return;
      }
      if (seen.has(finalUrl)) {
        await emit({ ...base, status: "skipped", reason: `Redirects to ${finalUrl}, which is crawled already` });
        return;
      }
      seen.add(finalUrl);
      const finalRobots = await robotsFor(finalUrl);
      if (finalRobots.unavailable || !finalRobots.isAllowed(finalUrl)) {
        await emit({ ...base, status: "skipped", reason: "Disallowed by robots.txt" });
        return;
      }
    }
    if (result.status < 200 || result.status >= 300) {
      await emit({ ...base, status: "failed", reason: `HTTP ${result.status}` });
      return;
    }

    const html = decodeBody(result);
    const page = extractLinks(html, finalUrl);
    if (discover && item.depth < maxDepth) {
      for (const link of page.links) {
        if (isSameSite(link, start) && passesFilters(link, options.include, options.exclude)) enqueue(link, item.depth + 1);
      }
    }

    if (item.isStart && !passesFilters(finalUrl, options.include, options.exclude)) {
      await emit({ ...base, status: "skipped", reason: "Does not match the include/exclude patterns" });
      return;
    }
    if (page.noindex) {
      await emit({ ...base, status: "skipped", reason: "Marked noindex" });
      return;
    }
    if (page.canonical && page.canonical !== finalUrl && okUrls.has(page.canonical)) {
      await emit({ ...base, status: "skipped", reason: `Duplicate of ${page.canonical} (canonical)` });
      return;
    }

    const document = htmlToBlocks(html, { url: finalUrl });
    if (document.blocks.length === 0) {
      await emit({ ...base, status: "skipped", reason: "No text content" });
      return;
    }
    const contentHash = hashDocument(document);
    const original = hashes.get(contentHash);
    if (original) {
      await emit({ ...base, status: "skipped", reason: `Same content as ${original}`, contentHash });
      return;
    }
    hashes.set(contentHash, finalUrl);
    okUrls.add(finalUrl);
    await emit({ ...base, status: "ok", document, contentHash });
  };

  // A small worker pool over a breadth-first queue.
  let active = 0;
  let wake: (() => void)[] = [];
  const notify = () => {
    const waiting = wake;
    wake = [];
    for (const resolve of waiting) resolve();
  };
  let failure: unknown;
  const worker = async () => {
    for (;;) {
      if (failure !== undefined || options.signal?.aborted) return;
      const item = queue.shift();
      if (!item) {
        if (active === 0) {
          notify();
          return;
        }
        await new Promise<void>((resolve) => wake.push(resolve));
        continue;
      }
      if (summary.fetched >= maxPages) {
        queue.length = 0;
        continue;
      }
      active++;
      try {
        await processItem(item);
      } catch (error) {
        failure ??= error;
      } finally {
        active--;
        notify();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  if (failure !== undefined) throw failure;
  options.signal?.throwIfAborted();
  return summary;
}

/** sha256 of the extracted content (title and blocks), so boilerplate differences do not matter. */
export function hashDocument(document: TParsedDocument): string {
  return createHash("sha256")
    .update(JSON.stringify([document.title, document.blocks]))
    .digest("hex");
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason instanceof Error ? signal.reason : new Error("Aborted"));
      },
      { once: true },
    );
  });
}
