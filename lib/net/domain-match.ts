/**
 * Allowed widget domains (workspace settings): "shop.example" matches exactly that host;
 * "*.shop.example" matches every subdomain and the domain itself. Hosts compare
 * case-insensitively, without a trailing dot; a port in the pattern is ignored.
 */
export function domainMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  const p = pattern.toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
  if (p.startsWith("*.")) {
    const base = p.slice(2);
    return h === base || h.endsWith(`.${base}`);
  }
  return h === p;
}

export const matchesAnyDomain = (host: string, patterns: Iterable<string>) => [...patterns].some((p) => domainMatches(host, p));
