/** URL checks for links in answers and for `command` navigation. */

export const LINK_PROTOCOLS = ["http:", "https:", "mailto:", "tel:"] as const;
export const NAVIGATION_PROTOCOLS = ["http:", "https:"] as const;

/**
 * The normalised absolute URL when its scheme is allowed, else null. The URL parser
 * strips the tabs, newlines and control characters that `java\tscript:` tricks rely
 * on, so checking its `protocol` is reliable; relative URLs are refused.
 */
export function safeUrl(raw: unknown, protocols: readonly string[]): string | null {
  if (typeof raw !== "string" || raw.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  return protocols.includes(url.protocol) ? url.href : null;
}
