import { parseHTML } from "linkedom";

/** Tracking parameters dropped from URLs before de-duplication. */
const TRACKING_PARAM = /^(utm_[a-z_]*|gclid|fbclid|msclkid|mc_cid|mc_eid)$/i;

/**
 * The crawler's canonical form of a URL: http(s) only, no credentials, no fragment, no
 * tracking parameters (utm_*, gclid, ...). Host is lower-cased and default ports dropped by
 * the URL parser; path and the remaining query are kept as they are. Undefined when the URL
 * is not crawlable.
 */
export function normaliseUrl(input: string, base?: string | URL): string | undefined {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (url.username || url.password) return undefined;
  url.hash = "";
  for (const key of Array.from(url.searchParams.keys())) {
    if (TRACKING_PARAM.test(key)) url.searchParams.delete(key);
  }
  if (url.search === "?") url.search = "";
  return url.href;
}

/**
 * The site key: host name without a leading "www." (apex and www. count as one site; http
 * and https too), plus an explicit non-default port (another port is another site).
 * Sub-domains are other sites: without a public-suffix list we do not guess registrable
 * domains.
 */
export function siteKey(url: string | URL): string {
  const parsed = typeof url === "string" ? new URL(url) : url;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, "");
  return `${host.startsWith("www.") ? host.slice(4) : host}:${parsed.port}`;
}

export function isSameSite(a: string | URL, b: string | URL): boolean {
  return siteKey(a) === siteKey(b);
}

/**
 * Include/exclude patterns match the URL path (with its query). A pattern with `*` is a glob
 * (`*` any characters, anchored at the start of the path, e.g. "/docs/*"); without `*` it is
 * a substring ("/blog/").
 */
export function matchesPattern(pathAndQuery: string, pattern: string): boolean {
  const p = pattern.trim();
  if (p === "") return false;
  if (!p.includes("*")) return pathAndQuery.includes(p);
  const regex = new RegExp(`^${p.split("*").map(escapeRegExp).join(".*")}`);
  return regex.test(pathAndQuery) || (!p.startsWith("/") && regex.test(pathAndQuery.slice(1)));
}

export function passesFilters(url: string, include: readonly string[] | undefined, exclude: readonly string[] | undefined): boolean {
  const { pathname, search } = new URL(url);
  const target = pathname + search;
  if (exclude?.some((p) => matchesPattern(target, p))) return false;
  const includes = include?.filter((p) => p.trim() !== "") ?? [];
  return includes.length === 0 || includes.some((p) => matchesPattern(target, p));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

export type TPageLinks = {
  /** Absolute, normalised http(s) links from a[href], in document order, without duplicates. */
  links: string[];
  /** <link rel="canonical">, normalised, if present. */
  canonical?: string;
  noindex: boolean;
  nofollow: boolean;
};

/** Reads links and robots meta from the raw HTML, before any main-content extraction. */
export function extractLinks(html: string, pageUrl: string): TPageLinks {
  const { document } = parseHTML(html);
  const baseHref = document.querySelector("base[href]")?.getAttribute("href");
  let base = pageUrl;
  if (baseHref) base = normaliseUrl(baseHref, pageUrl) ?? pageUrl;

  const robots = Array.from(document.querySelectorAll('meta[name="robots" i], meta[name="chatwerkbot" i]'))
    .map((m) => (m.getAttribute("content") ?? "").toLowerCase())
    .join(",");
  const noindex = /\b(noindex|none)\b/.test(robots);
  const nofollow = /\b(nofollow|none)\b/.test(robots);

  const seen = new Set<string>();
  const links: string[] = [];
  if (!nofollow) {
    for (const a of Array.from(document.querySelectorAll("a[href]"))) {
      const rel = (a.getAttribute("rel") ?? "").toLowerCase();
      if (/\bnofollow\b/.test(rel)) continue;
      const href = a.getAttribute("href")?.trim();
      if (!href || href.startsWith("#")) continue;
      const url = normaliseUrl(href, base);
      if (url && !seen.has(url)) {
        seen.add(url);
        links.push(url);
      }
    }
  }
  const canonicalHref = document.querySelector('link[rel~="canonical" i][href]')?.getAttribute("href");
  const canonical = canonicalHref ? normaliseUrl(canonicalHref, base) : undefined;
  return { links, ...(canonical ? { canonical } : {}), noindex, nofollow };
}
