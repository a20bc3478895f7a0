/**
 * The bare socket.io relay the live-chat bench (scripts/bench/live-chat.ts) compares the
 * product against: the same two namespaces, the same events and payload shapes, the same
 * emits per visitor message (ack to the sender, `message:new` to the conversation's other
 * frames, `message:new` to the assigned operator's room), but no database, no rate limit, no
 * validation and default socket.io options. Run as a child process with an IPC channel;
 * answers the same `stats` / `stop` messages as live-chat-node.ts.
 *
 * Handshake auth: /operator `{userId}`; /widget `{conversationId, operatorUserId}`.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { startStatsMeter } from "./live-chat/server-stats";

type TParentMessage = { type: "stats"; id: number } | { type: "stop" };

async function main() {
  const send = (message: unknown) => process.send?.(message);
  const server = http.createServer();
  const io = new Server(server, { path: "/socket.io/", serveClient: false });
  const operators = io.of("/operator");
  const widget = io.of("/widget");

  operators.on("connection", (socket) => {
    const { userId } = socket.handshake.auth as { userId: string };
    void socket.join(`op:${userId}`);
    socket.emit("ready", { me: { userId } });
  });

  widget.on("connection", (socket) => {
    const { conversationId, operatorUserId } = socket.handshake.auth as { conversationId: string; operatorUserId: string };
    const room = `conversation:${conversationId}`;
    const opRoom = `op:${operatorUserId}`;
    void socket.join(room);
    socket.on("message:send", (payload: { text: string; clientMessageId: string }, ack: unknown) => {
      const message = {
        id: randomUUID(), clientMessageId: payload.clientMessageId, role: "visitor", text: payload.text,
        createdAt: new Date().toISOString(), status: "done", citations: [], author: null,
      };
      if (typeof ack === "function") ack({ ok: true, data: { message } });
      socket.to(room).emit("message:new", message);
      operators.to(opRoom).emit("message:new", { message: { ...message, conversationId, author: null, internal: false } });
    });
    socket.emit("session", { sessionId: "relay", conversation: { id: conversationId, status: "assigned" }, messages: [], incremental: false });
  });

  await new Promise<void>((resolve) => server.listen(Number(process.env.BENCH_PORT ?? 0), "127.0.0.1", resolve));

  const meter = startStatsMeter();

  const stop = () => {
    io.disconnectSockets(true);
    server.closeAllConnections();
    io.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  };

  process.on("message", (raw) => {
    const message = raw as TParentMessage;
    if (message.type === "stats") {
      send({ type: "stats", id: message.id, stats: meter.take() });
    } else if (message.type === "stop") {
      stop();
    }
  });
  process.on("disconnect", stop);
  process.on("SIGTERM", stop);

  send({ type: "ready", port: (server.address() as AddressInfo).port, ownsEmbedded: false });
}

main().catch((error: unknown) => {
  process.send?.({ type: "error", message: error instanceof Error ? error.stack : String(error) });
  process.exit(1);
});
