import type http from "node:http";
import { Server } from "socket.io";
import { runLiveChatSweep } from "../lib/live-chat/run-live-chat-sweep";
import { drainTranscripts } from "../lib/live-chat/send-transcripts";
import { log } from "../lib/log/logger";
import { registerRealtimeServer } from "../lib/realtime/broadcast";
import { redis, socketIoRedisAdapter } from "../lib/redis/redis";
import { attachOperatorNamespace } from "./operator-socket";
import { attachWidgetNamespace } from "./widget-socket";

const SWEEP_MS = 15_000;

/**
 * socket.io on the app's HTTP server. /operator (operator-socket.ts) is authenticated by
 * short-lived console tokens; /widget (widget-socket.ts) serves the chat frames. With
 * REDIS_URL, events fan out across nodes through the Redis adapter; everything shared
 * (conversation state, operator status) lives in the database, presence in Redis. Every node
 * runs the live-chat sweep (queue timeouts, automatic away, offers); it is safe in parallel.
 */
export async function createRealtimeServer(server: http.Server) {
  const io = new Server(server, {
    path: "/socket.io/",
    serveClient: false,
    destroyUpgrade: false,
    // No connectionStateRecovery: both clients re-sync from their last seen message on every
    // connect (widget `auth.since`, console `conversation:open {since}`; ADR 015), and that
    // option kept a copy of every broadcast for two minutes (at 2,000 msgs/s about half a
    // million packets for the garbage collector), tagged each with an offset and, on a
    // recovered reconnect, skipped the namespaces' auth middleware.
  });
  const pub = redis();
  if (pub) io.adapter(socketIoRedisAdapter(pub).adapter);

  const operator = attachOperatorNamespace(io.of("/operator"));
  attachWidgetNamespace(io.of("/widget"), { singleNode: !pub });
  registerRealtimeServer(io);

  let sweeping: Promise<void> | null = null;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = runLiveChatSweep()
      .then(() => undefined)
      .catch((error: unknown) => log.error("Live-chat sweep failed", { error: String(error) }))
      .finally(() => {
        sweeping = null;
      });
  }, SWEEP_MS);
  sweep.unref();

  return {
    io,
    async close() {
      clearInterval(sweep);
      // A sweep under way finishes before the database closes (it would fail half-done).
      await Promise.race([Promise.all([drainTranscripts(), sweeping]), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      registerRealtimeServer(undefined);
      // No namespace-level disconnect: io.close() drops the connections at transport level,
      // which clients treat as a network loss and reconnect (to this node once it is back, or
      // to another). A server-side disconnect would tell them not to come back.
      operator.dispose();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
