const NO_RETURN = ["/login", "/signup", "/forgot-password", "/reset-password", "/verify-email", "/api"];

/**
 * A post-login destination taken from the query string. Only same-origin relative paths
 * are honoured ("/dashboard/acme?x=1"); anything that a browser could resolve to another
 * origin ("//evil.test", "/\\evil.test", "https://…", control characters) falls back.
 */
export function safeCallbackUrl(raw: unknown, fallback = "/dashboard"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  const base = "http://callback.invalid";
  let parsed: URL;
  try {
    parsed = new URL(raw, base);
  } catch {
    return fallback;
  }
  if (parsed.origin !== base) return fallback;
  // Coming back to a sign-in screen (or an API route) after signing in would loop or dead-end.
  if (NO_RETURN.some((p) => parsed.pathname === p || parsed.pathname.startsWith(`${p}/`))) return fallback;
  const normalised = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  // Dot segments can collapse into a protocol-relative path: "/a/../..//evil.test" → "//evil.test".
  return normalised.startsWith("//") ? fallback : normalised;
}

/** First value of a search param. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
