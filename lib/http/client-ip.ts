import type { IncomingMessage } from "node:http";

/**
 * The custom server stamps every request with the client address it saw (overwriting
 * anything the client sent under that name). X-Forwarded-For is believed only with
 * TRUST_PROXY=true, i.e. behind a reverse proxy that sets it; otherwise a client could
 * pick its own address and dodge rate limits.
 */
export const CLIENT_IP_HEADER = "x-chatwerk-client-ip";

export function resolveClientIp(req: Pick<IncomingMessage, "headers" | "socket">, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first.slice(0, 64);
  }
  return (req.socket.remoteAddress ?? "unknown").slice(0, 64);
}

/** Reads the stamped address from request headers (route handlers, actions, next-auth). */
export function clientIp(headers: Record<string, unknown> | Headers | undefined): string {
  if (!headers) return "unknown";
  const value = headers instanceof Headers ? headers.get(CLIENT_IP_HEADER) : headers[CLIENT_IP_HEADER];
  return typeof value === "string" && value ? value : "unknown";
}
