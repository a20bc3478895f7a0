import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { Server } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { createBot } from "@/lib/bots/bots";
import { drainBotTurns } from "@/lib/chat/bot-turn";
import { db } from "@/lib/db/client";
import { createSource } from "@/lib/kb/sources";
import { issueConsoleToken } from "@/lib/live-chat/console-token";
import type { TOperatorServerEvents } from "@/lib/live-chat/protocol";
import { drainTranscripts } from "@/lib/live-chat/send-transcripts";
import { registerRealtimeServer } from "@/lib/realtime/broadcast";
import { socketIoRedisAdapter } from "@/lib/redis/redis";
import type { TAck, TWidgetMessage } from "@/lib/widget/protocol";
import { attachOperatorNamespace } from "@/server/operator-socket";
import { attachWidgetNamespace } from "@/server/widget-socket";
import { addMember, createOwnerWithWorkspace } from "./factories";
import { runQueuedIngestJobs } from "./ingest-jobs";

/** Every client socket the helpers opened; closing a server disconnects them all. */
const trackSockets: ClientSocket[] = [];

export type TLiveServer = { url: string; io: Server; close: () => Promise<void> };

/**
 * A real socket.io server with both namespaces on an ephemeral port, registered as the
 * process's publisher (as server/realtime.ts does), plus clients for operators and visitors.
 */
export async function startLiveServer(options: { offlineGraceMs?: number; redisUrl?: string; register?: boolean } = {}): Promise<TLiveServer> {
  const server = http.createServer();
  const io = new Server(server, { path: "/socket.io/" });
  const redisClients: Redis[] = [];
  if (options.redisUrl) {
    const pub = new Redis(options.redisUrl);
    const { adapter, sub } = socketIoRedisAdapter(pub);
    redisClients.push(pub, sub);
    io.adapter(adapter);
  }
  attachWidgetNamespace(io.of("/widget"));
  const operator = attachOperatorNamespace(io.of("/operator"), { offlineGraceMs: options.offlineGraceMs ?? 50 });
  // With several "nodes" in one test process, one of them is the process's publisher; the
  // Redis adapter carries its emits to the others' sockets.
  if (options.register !== false) registerRealtimeServer(io);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    io,
    async close() {
      for (const s of trackSockets.splice(0)) s.disconnect();
      // Disconnects start short 'went offline' checks: let them finish before the database closes.
      await new Promise((resolve) => setTimeout(resolve, 300));
      operator.dispose();
      await drainBotTurns();
      await drainTranscripts();
      if (options.register !== false) registerRealtimeServer(undefined);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      for (const client of redisClients) client.disconnect();
    },
  };
}

export type TReady = Parameters<TOperatorServerEvents["ready"]>[0];

type TFirst = {
  queue: Promise<Parameters<TOperatorServerEvents["queue"]>[0]>;
  visitors: Promise<Parameters<TOperatorServerEvents["visitors"]>[0]>;
};

/** An operator console: fetches a console token the way the route does, connects, waits for `ready`. */
export async function connectOperator(url: string, user: { id: string }, slug: string, extraAuth: Record<string, unknown> = {}): Promise<{ socket: ClientSocket; ready: TReady; first: TFirst }> {
  const { token } = await issueConsoleToken(user, slug);
  return connectOperatorWith(url, { token, ...extraAuth });
}

/** Connects and waits for `ready`; `first` holds the queue and visitor snapshots sent right after it. */
export function connectOperatorWith(url: string, auth: Record<string, unknown>, extra: { extraHeaders?: Record<string, string> } = {}): Promise<{ socket: ClientSocket; ready: TReady; first: TFirst }> {
  return new Promise((resolve, reject) => {
    const socket = connect(`${url}/operator`, { path: "/socket.io/", transports: ["websocket"], auth, reconnection: false, forceNew: true, ...extra });
    trackSockets.push(socket);
    const first: TFirst = {
      queue: new Promise((r) => socket.once("queue", r)),
      visitors: new Promise((r) => socket.once("visitors", r)),
    };
    socket.once("ready", (ready: TReady) => resolve({ socket, ready, first }));
    socket.once("connect_error", (error: Error & { data?: unknown }) => reject(error));
  });
}

export type TVisitorSession = { sessionId: string; conversation: { id: string; status: string }; messages: TWidgetMessage[]; incremental: boolean };

export function openVisitor(url: string, auth: Record<string, unknown>): Promise<{ socket: ClientSocket; session: TVisitorSession }> {
  return new Promise((resolve, reject) => {
    const socket = connect(`${url}/widget`, { path: "/socket.io/", transports: ["websocket"], auth, reconnection: false, forceNew: true });
    trackSockets.push(socket);
    socket.once("session", (session: TVisitorSession) => resolve({ socket, session }));
    socket.once("connect_error", reject);
  });
}

/** An acked event; resolves with the ack. */
export function call<T = unknown>(socket: ClientSocket, event: string, payload: unknown): Promise<TAck<T>> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<TAck<T>>;
}

/** The next `event` on `socket` that satisfies `match`. */
export function nextEvent<T = unknown>(socket: ClientSocket, event: string, match: (payload: T) => boolean = () => true, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`Timed out waiting for "${event}"`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Every event a socket receives from now on, in order (for "never received" assertions). */
export function record(socket: ClientSocket): { events: { event: string; payload: unknown }[]; stop: () => void } {
  const events: { event: string; payload: unknown }[] = [];
  const listener = (event: string, payload: unknown) => events.push({ event, payload });
  socket.onAny(listener);
  return { events, stop: () => socket.offAny(listener) };
}

export const clientId = (label = "m") => `${label}-${randomBytes(8).toString("hex")}`;
export const visitorKey = () => randomBytes(16).toString("base64url");

/** Lets emitted events and background work settle. */
export const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

export const SHOP_FAQ = [
  { question: "Wie lange dauert der Versand nach Österreich?", answer: "Lieferungen nach Österreich sind in 3 bis 5 Werktagen bei Ihnen. Die Versandkosten betragen 9 Euro." },
  { question: "Kann ich mein Fahrrad zurückgeben?", answer: "Unbenutzte Räder nehmen wir innerhalb von 30 Tagen zurück. Das Rücksendeetikett finden Sie im Kundenkonto." },
];

/**
 * A workspace ready for live chat: an owner, a bot with a small FAQ, operators with profiles
 * (`maxChats` 5) and departments. `departments` maps a name to its operators' labels.
 */
export async function createLiveChatWorkspace(
  name: string,
  options: { operators: string[]; departments?: Record<string, string[]>; allowedDomains?: string[]; liveChatSettings?: Record<string, unknown> },
) {
  const { owner, workspace, ctx } = await createOwnerWithWorkspace(name);
  await db().workspace.update({ where: { id: workspace.id }, data: { allowedDomains: options.allowedDomains ?? [], liveChatSettings: (options.liveChatSettings ?? {}) as object } });
  const bot = await createBot(ctx, { name: `${name} Hilfe`, languages: ["de"] });
  await createSource(ctx, bot.id, { type: "qa", pairs: SHOP_FAQ });
  await runQueuedIngestJobs();
  const operators: Record<string, { id: string; email: string; name: string | null; profileId: string }> = {};
  for (const label of options.operators) {
    const { user } = await addMember(workspace.id, "operator", label);
    const profile = await db().operatorProfile.create({ data: { workspaceId: workspace.id, userId: user.id, displayName: label[0]!.toUpperCase() + label.slice(1) } });
    operators[label] = { id: user.id, email: user.email, name: profile.displayName, profileId: profile.id };
  }
  const departments: Record<string, { id: string }> = {};
  for (const [departmentName, members] of Object.entries(options.departments ?? {})) {
    const department = await db().department.create({ data: { workspaceId: workspace.id, name: departmentName } });
    for (const label of members) await db().operatorDepartment.create({ data: { departmentId: department.id, operatorId: operators[label]!.profileId } });
    departments[departmentName] = { id: department.id };
  }
  return { owner, workspace, ctx, bot, operators, departments };
}
