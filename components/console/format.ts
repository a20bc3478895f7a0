/** Small display helpers for the console; pure, tested in tests/unit/console. */

/** `0:42`, `12:05`, `1:02:03`: how long someone has waited or stayed on a page. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

/** A short, stable tag for an anonymous visitor, from the conversation (or visitor) id: `#7F3K`. */
export function visitorTag(id: string): string {
  return `#${id.slice(-4).toUpperCase()}`;
}

/**
 * The address as a link target only when it is http(s): page URLs and referrers come from
 * the visitor's browser and may be `javascript:` or worse. Anything else is shown as text.
 */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** `https://shop.example/a/b?x=1` → `shop.example/a/b?x=1`, for compact lists. */
export function shortUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return url;
    const path = `${parsed.pathname}${parsed.search}`;
    return `${parsed.host}${path === "/" ? "" : path}`;
  } catch {
    return url;
  }
}

/** Initials for an avatar circle: "Anna Berg" → "AB"; nothing usable → "?". */
export function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .map((part) => Array.from(part.replace(/[^\p{L}\p{N}]/gu, ""))[0] ?? "")
    .filter(Boolean)
    .slice(0, 2)
    .join("")
    .toUpperCase();
  return letters || "?";
}

/** A browser and system guess from a user agent, for the visitor panel ("Chrome · Windows"). */
export function describeUserAgent(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua) ? "Edge" : /OPR\//.test(ua) ? "Opera" : /Firefox\//.test(ua) ? "Firefox" : /Chrom(e|ium)\//.test(ua) ? "Chrome" : /Safari\//.test(ua) ? "Safari" : null;
  const system = /Android/.test(ua) ? "Android" : /iPhone|iPad|iPod/.test(ua) ? "iOS" : /Windows/.test(ua) ? "Windows" : /Mac OS X|Macintosh/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : null;
  const parts = [browser, system].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}
