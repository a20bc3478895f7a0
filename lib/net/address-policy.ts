import ipaddr from "ipaddr.js";

/**
 * Which addresses an outgoing fetch may reach (ARCHITECTURE 8, issue 3 "SSRF safety").
 * Only plain public unicast addresses pass: loopback, private, link-local (including the
 * cloud metadata address 169.254.169.254), multicast, broadcast, unspecified, carrier-grade
 * NAT, unique-local IPv6, reserved ranges and IPv6 forms that embed an IPv4 address
 * (IPv4-mapped, NAT64, 6to4, Teredo) are refused. An IPv4-mapped IPv6 address is judged as
 * the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  const bare = stripBrackets(address);
  if (!ipaddr.isValid(bare)) return false;
  return ipaddr.process(bare).range() === "unicast";
}

/** "private address", "loopback address", ... for readable block reasons. */
export function describeAddress(address: string): string {
  const bare = stripBrackets(address);
  if (!ipaddr.isValid(bare)) return "invalid address";
  const range = ipaddr.process(bare).range();
  switch (range) {
    case "loopback":
      return "loopback address";
    case "linkLocal":
      return "link-local address";
    case "multicast":
      return "multicast address";
    case "unspecified":
      return "unspecified address";
    case "unicast":
      return "public address";
    default:
      return "private address";
  }
}

export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(stripBrackets(host));
}

function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

/**
 * The explicit allow-list (tests, intranet installs; never on by default). Entries are exact
 * host names or IP addresses, optionally with a port ("127.0.0.1", "localhost",
 * "intranet.local:8080"). Matching is by the host the URL names, not by the address a name
 * resolves to: allowing "127.0.0.1" does not allow "localhost" or any name pointing there.
 */
export function isAllowedHost(allowHosts: readonly string[], hostname: string, port: string): boolean {
  if (allowHosts.length === 0) return false;
  const host = normaliseHost(hostname);
  for (const raw of allowHosts) {
    const entry = parseAllowEntry(raw);
    if (!entry) continue;
    if (entry.host === host && (entry.port === undefined || entry.port === port)) return true;
  }
  return false;
}

function normaliseHost(hostname: string): string {
  const bare = stripBrackets(hostname.trim().toLowerCase()).replace(/\.$/, "");
  if (ipaddr.isValid(bare)) return ipaddr.process(bare).toString();
  return bare;
}

function parseAllowEntry(raw: string): { host: string; port?: string } | undefined {
  const value = raw.trim().toLowerCase();
  if (value === "") return undefined;
  if (ipaddr.isValid(stripBrackets(value))) return { host: normaliseHost(value) };
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(value);
  if (bracketed) return { host: normaliseHost(bracketed[1]!), port: bracketed[2] };
  const withPort = /^([^:]+):(\d+)$/.exec(value);
  if (withPort) return { host: normaliseHost(withPort[1]!), port: withPort[2] };
  return { host: normaliseHost(value) };
}
