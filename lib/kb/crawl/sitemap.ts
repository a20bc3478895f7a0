import { gunzipSync } from "node:zlib";
import { XMLParser } from "fast-xml-parser";
import { FetchError, safeFetch, decodeBody, type TSafeFetchOptions } from "@/lib/net/safe-fetch";

export const SITEMAP_TYPES = ["application/xml", "text/xml", "application/gzip", "application/x-gzip", "application/octet-stream"];
const MAX_SITEMAP_FILES = 20;
const MAX_SITEMAP_BYTES = 10 * 1024 * 1024;

/** A start URL is read as a sitemap when its path ends in .xml or .xml.gz. */
export function looksLikeSitemap(url: string): boolean {
  return /\.xml(\.gz)?$/i.test(new URL(url).pathname);
}

/**
 * Reads a sitemap or sitemap index (nested up to two levels, at most 20 files) and returns
 * the page URLs (`<loc>`) in document order, stopping once `limit` URLs are collected.
 * Gzipped sitemaps are decompressed (with the same size limit).
 */
export async function readSitemap(url: string, fetchOptions: Omit<TSafeFetchOptions, "accept" | "maxBytes">, limit: number): Promise<string[]> {
  const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, isArray: (name) => name === "url" || name === "sitemap" });
  const pages: string[] = [];
  const pending: { url: string; level: number }[] = [{ url, level: 0 }];
  const visited = new Set<string>();
  while (pending.length > 0 && pages.length < limit && visited.size < MAX_SITEMAP_FILES) {
    const next = pending.shift()!;
    if (visited.has(next.url)) continue;
    visited.add(next.url);
    const result = await safeFetch(next.url, { ...fetchOptions, accept: SITEMAP_TYPES, maxBytes: MAX_SITEMAP_BYTES });
    if (result.status < 200 || result.status >= 300) {
      if (next.level === 0) throw new FetchError(`Sitemap not available (HTTP ${result.status})`, "network", next.url);
      continue;
    }
    let body = result.body;
    if (body[0] === 0x1f && body[1] === 0x8b) {
      try {
        body = gunzipSync(body, { maxOutputLength: MAX_SITEMAP_BYTES });
      } catch {
        throw new FetchError("Sitemap could not be decompressed or is too large", "too_large", next.url);
      }
    }
    const xml = decodeBody({ ...result, body, contentType: "application/xml" });
    let parsed: { urlset?: { url?: { loc?: unknown }[] }; sitemapindex?: { sitemap?: { loc?: unknown }[] } };
    try {
      parsed = parser.parse(xml) as typeof parsed;
    } catch {
      throw new FetchError("Sitemap is not valid XML", "unsupported_type", next.url);
    }
    if (parsed.sitemapindex && next.level < 2) {
      for (const entry of parsed.sitemapindex.sitemap ?? []) {
        const loc = locOf(entry.loc, next.url);
        if (loc) pending.push({ url: loc, level: next.level + 1 });
      }
    } else if (parsed.urlset) {
      for (const entry of parsed.urlset.url ?? []) {
        const loc = locOf(entry.loc, next.url);
        if (loc) pages.push(loc);
        if (pages.length >= limit) break;
      }
    } else if (next.level === 0) {
      throw new FetchError("Not a sitemap (no <urlset> or <sitemapindex>)", "unsupported_type", next.url);
    }
  }
  return pages;
}

function locOf(value: unknown, base: string): string | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  try {
    return new URL(value.trim(), base).href;
  } catch {
    return undefined;
  }
}
