import { io, type Socket } from "socket.io-client";
import { WIDGET_NAMESPACE, type TWidgetAuth, type TWidgetClientEvents, type TWidgetServerEvents } from "../../lib/widget/protocol";

export type TWidgetSocket = Socket<TWidgetServerEvents, TWidgetClientEvents>;

/**
 * WebSocket first, long-polling when it fails (proxies that block upgrades). `auth` is a
 * function so every reconnect sends the current session id and last seen message id.
 */
export function connectWidgetSocket(origin: string, auth: () => TWidgetAuth): TWidgetSocket {
  return io(`${origin}${WIDGET_NAMESPACE}`, {
    path: "/socket.io/",
    transports: ["websocket", "polling"],
    tryAllTransports: true,
    auth: (callback) => callback(auth()),
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
    timeout: 10_000,
  });
}
