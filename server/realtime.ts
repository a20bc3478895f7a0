import type http from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Server } from "socket.io";
import { registerRealtimeServer } from "../lib/realtime/broadcast";
import { redis } from "../lib/redis/redis";
import { operatorAuth } from "./socket-auth";
import { attachWidgetNamespace } from "./widget-socket";

/**
 * socket.io on the app's HTTP server. /operator is authenticated from the dashboard
 * session; /widget serves the chat frames (widget-socket.ts). With REDIS_URL, events fan out across
 * nodes through the Redis adapter.
 */
export async function createRealtimeServer(server: http.Server) {
  const io = new Server(server, {
    path: "/socket.io/",
    serveClient: false,
    destroyUpgrade: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 },
  });
  const pub = redis();
  if (pub) {
    const sub = pub.duplicate();
    io.adapter(createAdapter(pub, sub));
  }

  const operator = io.of("/operator");
  operator.use(operatorAuth);
  operator.on("connection", (socket) => {
    const { workspaceId } = socket.data as { workspaceId: string };
    void socket.join(`workspace:${workspaceId}`);
    socket.emit("ready", { workspaceId, role: socket.data.role });
  });

  attachWidgetNamespace(io.of("/widget"));
  registerRealtimeServer(io);

  return {
    io,
    async close() {
      registerRealtimeServer(undefined);
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
