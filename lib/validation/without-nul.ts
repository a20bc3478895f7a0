import type { Socket } from "socket.io";

/**
 * PostgreSQL text cannot hold U+0000: a NUL anywhere in visitor or API input would fail the
 * insert with an internal error (or refuse a whole widget handshake). Every JSON body and
 * socket payload from outside passes through here first, so the character is simply dropped
 * before validation, whatever field it hides in.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === "string") return (value.includes("\u0000") ? value.replace(/\u0000/g, "") : value) as T;
  if (Array.isArray(value)) return value.map((item) => withoutNul(item)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[withoutNul(key)] = withoutNul(item);
    return out as T;
  }
  return value;
}

/** socket.io packet middleware: cleans every argument of every event (acks stay functions). */
export function stripNulFromPackets(socket: Socket): void {
  socket.use((packet, next) => {
    for (let i = 1; i < packet.length; i++) if (typeof packet[i] !== "function") packet[i] = withoutNul(packet[i]);
    next();
  });
}
