/**
 * Where a visitor came from: the referrer when it is another site, and for the known search
 * engines the search phrase from its query parameter (most engines no longer send it, so
 * this is often null).
 */
const ENGINES: { host: RegExp; params: string[] }[] = [
  { host: /(^|\.)google\.[a-z.]+$/, params: ["q", "as_q"] },
  { host: /(^|\.)bing\.com$/, params: ["q"] },
  { host: /(^|\.)duckduckgo\.com$/, params: ["q"] },
  { host: /(^|\.)search\.yahoo\.[a-z.]+$|(^|\.)yahoo\.[a-z.]+$/, params: ["p", "q"] },
  { host: /(^|\.)yandex\.[a-z.]+$/, params: ["text"] },
  { host: /(^|\.)baidu\.com$/, params: ["wd", "word"] },
  { host: /(^|\.)ecosia\.org$/, params: ["q"] },
  { host: /(^|\.)startpage\.com$/, params: ["query", "q"] },
  { host: /(^|\.)qwant\.com$/, params: ["q"] },
  { host: /(^|\.)search\.brave\.com$/, params: ["q"] },
  { host: /(^|\.)ask\.com$/, params: ["q", "query"] },
  { host: /(^|\.)web\.de$|(^|\.)gmx\.(net|de)$|(^|\.)t-online\.de$/, params: ["q", "su"] },
];

export function externalReferrer(page: { url: string; referrer: string }): string | null {
  if (!page.referrer) return null;
  try {
    const from = new URL(page.referrer);
    if (from.protocol !== "http:" && from.protocol !== "https:") return null;
    let host = "";
    try {
      host = new URL(page.url).hostname;
    } catch {
      // a page without a parseable address: any referrer counts
    }
    return from.hostname === host ? null : from.href.slice(0, 2000);
  } catch {
    return null;
  }
}

export function searchPhraseOf(referrer: string | null): string | null {
  if (!referrer) return null;
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return null;
  }
  const engine = ENGINES.find((e) => e.host.test(url.hostname.toLowerCase()));
  if (!engine) return null;
  for (const param of engine.params) {
    const value = url.searchParams.get(param)?.replace(/\s+/g, " ").trim();
    if (value) return value.slice(0, 200);
  }
  return null;
}
