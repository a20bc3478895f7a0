/**
 * One Chatwerk realtime node for the live-chat bench (scripts/bench/live-chat.ts), run as a
 * child process (`node --import tsx scripts/bench/live-chat-node.ts`, forked with an IPC
 * channel). It is the product's own realtime path without Next.js: the database through
 * `openDatabase(env())` (embedded PGlite on DATA_DIR, migrations applied; a second node on
 * the same DATA_DIR joins the first one's database over its socket), an HTTP server and
 * `createRealtimeServer` (the real /widget and /operator namespaces, the live-chat sweep, and
 * the Redis adapter when REDIS_URL is set). Configuration comes from the environment the
 * bench sets: DATA_DIR, REDIS_URL, NEXTAUTH_SECRET, ENCRYPTION_KEY, RATE_LIMIT_SCALE,
 * LOG_LEVEL, plus BENCH_PORT (0 = any free port).
 *
 * IPC (parent → node): `{type: "setup", conversations, operators}` creates the bench
 * workspace (answer `{type: "setup", data}`), `{type: "stats", id}` answers CPU time and
 * event-loop figures (`{type: "stats", id, stats}`), `{type: "stop"}` closes everything and
 * exits. The node sends `{type: "ready", port, ownsEmbedded}` once it listens.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createPasswordUser } from "../../lib/auth/create-user";
import { createSecret } from "../../lib/auth/one-time-token";
import { hashPassword } from "../../lib/auth/password";
import { createBot } from "../../lib/bots/bots";
import { hashSessionToken } from "../../lib/chat/visitor-session";
import { env } from "../../lib/config/env";
import { db } from "../../lib/db/client";
import { openDatabase } from "../../lib/db/open-database";
import { closeRedis } from "../../lib/redis/redis";
import { createWorkspace } from "../../lib/workspaces/create-workspace";
import { requireMembership } from "../../lib/workspaces/require-membership";
import { createRealtimeServer } from "../../server/realtime";
import { startStatsMeter, type TNodeStats, type TSqlTrace } from "./live-chat/server-stats";

export type TNodeSetup = {
  workspaceId: string;
  workspaceSlug: string;
  botPublicId: string;
  operators: { userId: string; tokenVersion: number }[];
  /** One per conversation: the visitor's session token and the operator it is assigned to. */
  visitors: { token: string; sessionId: string; conversationId: string; operator: number }[];
};

type TParentMessage =
  | { type: "setup"; conversations: number; operators: number }
  | { type: "stats"; id: number }
  | { type: "stop" };

const PASSWORD = "bench-password-not-used-0123456789";

/**
 * The bench workspace: an owner, a bot (allowed domain bench.example), `operators` operators
 * with profiles (maxChats above their share) and `conversations` visitor sessions whose
 * conversations are already assigned round-robin to the operators. Assigned chats route
 * visitor messages to the operators only (lib/live-chat/route-visitor-message.ts): no bot
 * turn, no model call. Live-chat timers are stretched so nothing times out during a run.
 */
async function setup(conversations: number, operators: number): Promise<TNodeSetup> {
  const passwordHash = await hashPassword(PASSWORD);
  const tag = Date.now().toString(36);
  const owner = await createPasswordUser({ email: `owner-${tag}@bench.example`, password: PASSWORD, passwordHash, name: "Bench Owner", locale: "de", verified: true });
  const workspace = await createWorkspace({ name: "Live-chat bench", ownerId: owner.id });
  const { ctx } = await requireMembership(owner.id, workspace.slug, ["owner"]);
  const bot = await createBot(ctx, { name: "Bench Hilfe", languages: ["de"] });
  await db().workspace.update({
    where: { id: workspace.id },
    data: { allowedDomains: ["bench.example"], liveChatSettings: { autoAwayMinutes: 120, reassignAfterMinutes: 60, queueTimeoutSeconds: 3600 } },
  });

  const maxChats = Math.ceil(conversations / operators) + 10;
  const ops: TNodeSetup["operators"] = [];
  for (let i = 0; i < operators; i++) {
    const user = await createPasswordUser({ email: `op${i}-${tag}@bench.example`, password: PASSWORD, passwordHash, name: `Operator ${i}`, locale: "de", verified: true });
    await db().membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "operator" } });
    await db().operatorProfile.create({ data: { workspaceId: workspace.id, userId: user.id, displayName: `Operator ${i}`, maxChats } });
    ops.push({ userId: user.id, tokenVersion: user.tokenVersion });
  }

  const tokens = Array.from({ length: conversations }, () => createSecret(32));
  const byHash = new Map(tokens.map((token, i) => [hashSessionToken(token), i]));
  const sessions = await db().visitorSession.createManyAndReturn({
    data: tokens.map((token) => ({ workspaceId: workspace.id, botId: bot.id, tokenHash: hashSessionToken(token), locale: "de-DE" })),
    select: { id: true, tokenHash: true },
  });
  const sessionIndex = new Map(sessions.map((s) => [s.id, byHash.get(s.tokenHash)!]));
  const now = new Date();
  const rows = await db().conversation.createManyAndReturn({
    data: sessions.map((s) => {
      const i = sessionIndex.get(s.id)!;
      return {
        workspaceId: workspace.id, botId: bot.id, visitorSessionId: s.id, language: "de", status: "assigned" as const,
        assignedUserId: ops[i % operators]!.userId, handoffReason: "visitor_request", queuedAt: now, assignedAt: now,
      };
    }),
    select: { id: true, visitorSessionId: true },
  });
  const visitors: TNodeSetup["visitors"] = new Array(conversations);
  for (const row of rows) {
    const i = sessionIndex.get(row.visitorSessionId)!;
    visitors[i] = { token: tokens[i]!, sessionId: row.visitorSessionId, conversationId: row.id, operator: i % operators };
  }
  return { workspaceId: workspace.id, workspaceSlug: workspace.slug, botPublicId: bot.publicId, operators: ops, visitors };
}

/**
 * BENCH_TRACE_SQL=1: counts every statement node-postgres sends (Prisma's adapter uses it),
 * with the time until its result, by statement text. For finding per-message round trips;
 * it adds a little overhead, so the bench's headline numbers run without it.
 */
const sqlStats = new Map<string, { count: number; ms: number }>();
function traceSql() {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function traced(this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = (typeof first === "string" ? first : first?.text ?? "?").replace(/\s+/g, " ").slice(0, 160);
    const t0 = performance.now();
    const record = () => {
      const entry = sqlStats.get(text) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += performance.now() - t0;
      sqlStats.set(text, entry);
    };
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === "function") (result as Promise<unknown>).then(record, record);
    else record();
    return result;
  };
}

function takeSqlTrace(): TSqlTrace {
  const all = [...sqlStats.entries()].map(([sql, v]) => ({ sql, ...v }));
  sqlStats.clear();
  return {
    statements: all.reduce((n, e) => n + e.count, 0),
    ms: all.reduce((n, e) => n + e.ms, 0),
    top: all.sort((a, b) => b.count - a.count).slice(0, 25),
  };
}

async function main() {
  if (process.env.BENCH_TRACE_SQL === "1") traceSql();
  const send = (message: unknown) => process.send?.(message);
  const database = await openDatabase(env());
  const server = http.createServer();
  const realtime = await createRealtimeServer(server);
  await new Promise<void>((resolve) => server.listen(Number(process.env.BENCH_PORT ?? 0), "127.0.0.1", resolve));

  const meter = startStatsMeter();

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await realtime.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await closeRedis();
    await database.close();
    process.exit(0);
  };

  process.on("message", (raw) => {
    const message = raw as TParentMessage;
    if (message.type === "setup") {
      setup(message.conversations, message.operators)
        .then((data) => send({ type: "setup", data }))
        .catch((error: unknown) => send({ type: "error", message: error instanceof Error ? error.stack : String(error) }));
    } else if (message.type === "stats") {
      // Figures since the previous `stats` call: CPU of every thread (including the embedded
      // database's worker), main-thread event-loop utilisation and delay.
      const stats: TNodeStats = { ...meter.take(), ...(process.env.BENCH_TRACE_SQL === "1" ? { sql: takeSqlTrace() } : {}) };
      send({ type: "stats", id: message.id, stats });
    } else if (message.type === "stop") {
      void stop();
    }
  });
  process.on("disconnect", () => void stop());
  process.on("SIGTERM", () => void stop());

  send({ type: "ready", port: (server.address() as AddressInfo).port, ownsEmbedded: database.ownsEmbedded });
}

main().catch((error: unknown) => {
  process.send?.({ type: "error", message: error instanceof Error ? error.stack : String(error) });
  process.exit(1);
});
