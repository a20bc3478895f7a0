import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { Socket } from "node:net";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { Agent, buildConnector, request } from "undici";
import { describeAddress, isAllowedHost, isIpLiteral, isPublicAddress } from "./address-policy";

/**
 * Fetching a URL an owner (or a page) gave us, without letting it reach our own network
 * (ARCHITECTURE 8 and 12, issue 3 "SSRF safety").
 *
 * - Only http: and https: URLs.
 * - The connection is made by a custom undici connector: an IP literal host is checked
 *   before any connection; a host name is resolved once, the results are filtered to public
 *   addresses and the socket connects to exactly those (no second lookup an attacker's DNS
 *   could answer differently); after connecting, `socket.remoteAddress` is checked again, so
 *   whatever path Node took, the address actually connected to is the one judged.
 * - Redirects are followed by hand (at most 5, loop detection), each hop through the same
 *   connector and therefore checked again.
 * - Connect and total timeouts, a maximum (decoded) body size, and an allow-list of content
 *   types.
 * - `allowHosts` (exact host names or IPs, optionally host:port) lifts the address check for
 *   those hosts only; it is empty unless configured.
 */

export class FetchError extends Error {
  constructor(
    message: string,
    readonly code: TFetchErrorCode,
    readonly url?: string,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

export class BlockedAddressError extends FetchError {
  constructor(message: string, url?: string) {
    super(message, "blocked", url);
    this.name = "BlockedAddressError";
  }
}

export type TFetchErrorCode =
  | "blocked"
  | "invalid_url"
  | "unsupported_protocol"
  | "too_many_redirects"
  | "redirect_loop"
  | "redirect_refused"
  | "too_large"
  | "unsupported_type"
  | "timeout"
  | "network";

export type TSafeFetchOptions = {
  /** Hosts (or IPs, optionally with :port) allowed despite resolving to non-public addresses. */
  allowHosts?: readonly string[];
  userAgent: string;
  /** Default 5 MB. Measured after content decoding. */
  maxBytes?: number;
  /** Accepted MIME types for a 2xx response, e.g. ["text/html", "application/xhtml+xml"]. Empty or absent: any. */
  accept?: readonly string[];
  /** Whole request including redirects and body. Default 20 s. */
  timeoutMs?: number;
  /** Default 10 s. */
  connectTimeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  signal?: AbortSignal;
  /**
   * Asked before following each redirect (after the http/https check, before connecting);
   * returning a string refuses the hop with that reason (FetchError "redirect_refused").
   */
  checkRedirect?: (next: URL) => string | undefined;
};

export type TSafeFetchResult = {
  /** The final URL after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  /** Lower-case MIME type without parameters, "" when absent. */
  contentType: string;
  /** The charset parameter of Content-Type, if any. */
  charset?: string;
  /** Every URL requested, the first being the one passed in. */
  redirects: string[];
  body: Uint8Array;
};

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
export const HTML_TYPES = ["text/html", "application/xhtml+xml"] as const;

export async function safeFetch(input: string, options: TSafeFetchOptions): Promise<TSafeFetchResult> {
  const allowHosts = options.allowHosts ?? [];
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  const agent = new Agent({
    connect: createGuardedConnector(allowHosts, { connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS }),
    connections: 2,
    pipelining: 0,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });

  const visited: string[] = [];
  let url = parseHttpUrl(input);
  try {
    for (;;) {
      visited.push(url.href);
      const response = await send(agent, url, options.userAgent, signal, allowHosts, timeoutMs);
      const headers = flattenHeaders(response.headers);

      if (REDIRECT_STATUSES.has(response.statusCode) && headers.location !== undefined) {
        discard(response.body);
        const next = resolveRedirect(url, headers.location);
        if (visited.includes(next.href)) {
          throw new FetchError(`Redirect loop (${next.href} was already visited)`, "redirect_loop", next.href);
        }
        if (visited.length > maxRedirects) {
          throw new FetchError(`Too many redirects (more than ${maxRedirects})`, "too_many_redirects", next.href);
        }
        const refused = options.checkRedirect?.(next);
        if (refused !== undefined) throw new FetchError(refused, "redirect_refused", next.href);
        url = next;
        continue;
      }

      const { mime, charset } = parseContentType(headers["content-type"]);
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      if (ok && options.accept && options.accept.length > 0 && !options.accept.includes(mime)) {
        discard(response.body);
        throw new FetchError(unsupportedTypeMessage(options.accept, mime), "unsupported_type", url.href);
      }
      const declared = Number(headers["content-length"]);
      if (!headers["content-encoding"] && Number.isFinite(declared) && declared > maxBytes) {
        discard(response.body);
        throw new FetchError(`Response larger than ${formatBytes(maxBytes)}`, "too_large", url.href);
      }
      const body = await readBody(response.body, headers["content-encoding"], maxBytes, url.href);
      return { url: url.href, status: response.statusCode, headers, contentType: mime, charset, redirects: visited, body };
    }
  } catch (error) {
    throw toFetchError(error, url.href, signal, options.signal, timeoutMs);
  } finally {
    agent.destroy().catch(() => undefined);
  }
}

/** Decodes a fetched body as text using the declared charset (or a <meta charset> for HTML). */
export function decodeBody(result: Pick<TSafeFetchResult, "body" | "charset" | "contentType">): string {
  let charset = result.charset;
  if (!charset && (result.contentType === "text/html" || result.contentType === "application/xhtml+xml")) {
    const head = new TextDecoder("latin1").decode(result.body.subarray(0, 2048));
    charset = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  }
  try {
    return new TextDecoder(charset ?? "utf-8").decode(result.body);
  } catch {
    return new TextDecoder("utf-8").decode(result.body);
  }
}

function parseHttpUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchError(`Not a valid URL: ${input}`, "invalid_url", input);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchError(`Only http and https URLs can be fetched (${url.protocol.replace(/:$/, "")})`, "unsupported_protocol", input);
  }
  if (url.username || url.password) {
    throw new FetchError("URLs with credentials are not fetched", "invalid_url", input);
  }
  url.hash = "";
  return url;
}

function resolveRedirect(from: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new FetchError(`Invalid redirect target: ${location}`, "invalid_url", from.href);
  }
  return parseHttpUrl(next.href);
}

async function send(agent: Agent, url: URL, userAgent: string, signal: AbortSignal, allowHosts: readonly string[], timeoutMs: number) {
  // Checked here too (not only in the connector) so the error names the URL's host and an
  // IP literal never reaches the connection pool.
  if (isIpLiteral(url.hostname) && !isAllowedHost(allowHosts, url.hostname, effectivePort(url)) && !isPublicAddress(url.hostname)) {
    throw blocked(url.hostname, url.hostname, url.href);
  }
  return request(url, {
    dispatcher: agent,
    method: "GET",
    signal,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    headers: {
      "user-agent": userAgent,
      accept: "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
      "accept-encoding": "gzip, deflate, br",
    },
  });
}

function effectivePort(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}

function blocked(host: string, address: string, url?: string): BlockedAddressError {
  const bare = address.replace(/^\[|\]$/g, "");
  const kind = describeAddress(bare);
  const what = `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}`;
  const message =
    host.replace(/^\[|\]$/g, "") === bare ? `Blocked: ${bare} is ${what}` : `Blocked: ${host} resolves to ${what} (${bare})`;
  return new BlockedAddressError(message, url);
}

type TLookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

type TResolver = (hostname: string, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemResolver: TResolver = (hostname, callback) => dnsLookup(hostname, { all: true, verbatim: true }, callback);

/**
 * An undici connector that only ever connects to checked addresses. See the file comment.
 * `resolve` is replaceable for tests (a resolver answering with private or mixed addresses).
 */
export function createGuardedConnector(
  allowHosts: readonly string[],
  { connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS, resolve = systemResolver }: { connectTimeoutMs?: number; resolve?: TResolver } = {},
): buildConnector.connector {
  return (opts, callback) => {
    const hostname = opts.hostname.replace(/^\[|\]$/g, "");
    const port = opts.port || (opts.protocol === "https:" ? "443" : "80");
    const allowed = isAllowedHost(allowHosts, hostname, port);

    if (isIpLiteral(hostname) && !allowed && !isPublicAddress(hostname)) {
      callback(blocked(hostname, hostname), null);
      return;
    }

    resolve(hostname, (error, results) => {
      if (error) {
        callback(new FetchError(`Could not resolve ${hostname} (${error.code ?? error.message})`, "network"), null);
        return;
      }
      const usable = allowed ? results : results.filter((r) => isPublicAddress(r.address));
      if (usable.length === 0) {
        callback(results[0] ? blocked(hostname, results[0].address) : new FetchError(`Could not resolve ${hostname}`, "network"), null);
        return;
      }
      // Connect to exactly the addresses just checked: Node asks this lookup (it skips it only
      // for IP literals, which were checked above), never the resolver again.
      const pinnedLookup = (_host: string, options: { all?: boolean }, cb: TLookupCallback) => {
        if (options.all) cb(null, usable);
        else cb(null, usable[0]!.address, usable[0]!.family);
      };
      const connect = buildConnector({ timeout: connectTimeoutMs, lookup: pinnedLookup as never });
      connect(opts, (connectError, socket) => {
        if (connectError || !socket) {
          callback(connectError ?? new FetchError(`Could not connect to ${hostname}`, "network"), null);
          return;
        }
        const remote = (socket as Socket).remoteAddress;
        if (!allowed && (!remote || !isPublicAddress(remote))) {
          socket.destroy();
          callback(blocked(hostname, remote ?? "unknown"), null);
          return;
        }
        callback(null, socket);
      });
    });
  };
}

function discard(stream: Readable): void {
  stream.on("error", () => undefined);
  stream.destroy();
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function parseContentType(header: string | undefined): { mime: string; charset?: string } {
  if (!header) return { mime: "" };
  const [type, ...params] = header.split(";");
  const mime = (type ?? "").trim().toLowerCase();
  let charset: string | undefined;
  for (const param of params) {
    const [key, value] = param.split("=");
    if (key?.trim().toLowerCase() === "charset" && value) charset = value.trim().replace(/^"|"$/g, "").toLowerCase();
  }
  return { mime, charset };
}

function unsupportedTypeMessage(accept: readonly string[], mime: string): string {
  const shown = mime || "no content type";
  if (accept.every((t) => (HTML_TYPES as readonly string[]).includes(t))) return `Not an HTML page (${shown})`;
  return `Unsupported content type (${shown}; expected ${accept.join(" or ")})`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

async function readBody(body: Readable, encoding: string | undefined, maxBytes: number, url: string): Promise<Uint8Array> {
  const coding = (encoding ?? "identity").trim().toLowerCase();
  let stream: Readable = body;
  if (coding === "gzip" || coding === "x-gzip") stream = body.pipe(zlib.createGunzip());
  else if (coding === "deflate") stream = body.pipe(zlib.createInflate());
  else if (coding === "br") stream = body.pipe(zlib.createBrotliDecompress());
  else if (coding !== "identity" && coding !== "") {
    discard(body);
    throw new FetchError(`Unsupported content encoding (${coding})`, "unsupported_type", url);
  }
  if (stream !== body) body.on("error", (error) => stream.destroy(error));

  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      total += buffer.length;
      if (total > maxBytes) {
        throw new FetchError(`Response larger than ${formatBytes(maxBytes)}`, "too_large", url);
      }
      chunks.push(buffer);
    }
  } finally {
    if (total > maxBytes) {
      discard(stream);
      discard(body);
    }
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

function toFetchError(error: unknown, url: string, signal: AbortSignal, callerSignal: AbortSignal | undefined, timeoutMs: number): Error {
  if (error instanceof FetchError) return error;
  if (callerSignal?.aborted) return callerSignal.reason instanceof Error ? callerSignal.reason : new Error("Aborted");
  // undici may wrap the connector's error.
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof FetchError) return cause;
  const code = (error as { code?: string } | null)?.code;
  if (signal.aborted || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT") {
    return new FetchError(code === "UND_ERR_CONNECT_TIMEOUT" ? "Connection timed out" : `Timed out after ${Math.round(timeoutMs / 1000)} s`, "timeout", url);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ECONNREFUSED") return new FetchError(`Connection refused (${new URL(url).host})`, "network", url);
  return new FetchError(`Fetch failed: ${code ? `${code} ` : ""}${message}`, "network", url);
}
