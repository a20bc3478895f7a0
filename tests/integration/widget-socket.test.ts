import http from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachWidgetNamespace } from "@/server/widget-socket";
import { createBot } from "@/lib/bots/bots";
import { drainBotTurns } from "@/lib/chat/bot-turn";
import { RESYNC_OVERLAP_MS } from "@/lib/chat/messages";
import { hashSessionToken } from "@/lib/chat/visitor-session";
import { db } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/queue";
import { createSource } from "@/lib/kb/sources";
import type { TWidgetMessage } from "@/lib/widget/protocol";
import { createOwnerWithWorkspace } from "../helpers/factories";
import { runQueuedIngestJobs } from "../helpers/ingest-jobs";
import { useTestDatabase } from "../helpers/test-database";

/**
 * The /widget namespace against a real database and a real socket.io server and client:
 * session handshake, persisted and de-duplicated visitor messages, the offline bot's
 * streamed answer with citations, re-sync after reconnect, and ending a session.
 */
useTestDatabase();

let server: http.Server;
let io: Server;
let url: string;
let botPublicId: string;
let botId: string;
const clients: ClientSocket[] = [];

const FAQ = [
  { question: "Wie lange dauert der Versand nach Österreich?", answer: "Lieferungen nach Österreich sind in 3 bis 5 Werktagen bei Ihnen. Die Versandkosten betragen 9 Euro." },
  { question: "Kann ich mein Fahrrad zurückgeben?", answer: "Unbenutzte Räder nehmen wir innerhalb von 30 Tagen zurück. Das Rücksendeetikett finden Sie im Kundenkonto." },
];

beforeAll(async () => {
  const { ctx } = await createOwnerWithWorkspace("Widget Shop");
  const bot = await createBot(ctx, { name: "Shop-Hilfe", languages: ["de"] });
  botPublicId = bot.publicId;
  botId = bot.id;
  await createSource(ctx, bot.id, { type: "qa", pairs: FAQ });
  await runQueuedIngestJobs();
  server = http.createServer();
  io = new Server(server, { path: "/socket.io/" });
  attachWidgetNamespace(io.of("/widget"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await drainBotTurns();
  await new Promise<void>((resolve) => io.close(() => resolve()));
  await stopJobQueue();
});

type TSession = { sessionId: string; conversation: { id: string; status: string }; messages: TWidgetMessage[]; incremental: boolean };

function open(auth: Record<string, unknown>): Promise<{ socket: ClientSocket; session: TSession }> {
  return new Promise((resolve, reject) => {
    const socket = connect(`${url}/widget`, { path: "/socket.io/", transports: ["websocket"], auth, reconnection: false, forceNew: true });
    clients.push(socket);
    socket.once("session", (session: TSession) => resolve({ socket, session }));
    socket.once("connect_error", reject);
  });
}

function send(socket: ClientSocket, text: string, clientMessageId: string) {
  return socket.timeout(5000).emitWithAck("message:send", { text, clientMessageId }) as Promise<{ ok: boolean; data?: { message: TWidgetMessage }; error?: { code: string } }>;
}

function nextDone(socket: ClientSocket): Promise<{ messageId: string; text: string; citations: { n: number; title: string; url: string | null }[]; status: string; deltas: string }> {
  return new Promise((resolve) => {
    let deltas = "";
    const onDelta = (d: { delta: string }) => (deltas += d.delta);
    socket.on("bot:delta", onDelta);
    socket.once("bot:done", (done) => {
      socket.off("bot:delta", onDelta);
      resolve({ ...done, deltas });
    });
  });
}

describe("/widget namespace", () => {
  it("rejects an unknown bot", async () => {
    await expect(open({ botId: "bot_doesnotexist123456" })).rejects.toThrow(/unknown_bot/);
  });

  it("creates a session, stores only the token's hash, answers from the knowledge with citations", async () => {
    const { socket, session } = await open({ botId: botPublicId, locale: "de-DE" });
    expect(session.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.messages).toEqual([]);
    const stored = await db().visitorSession.findFirst({ where: { botId } });
    expect(stored?.tokenHash).toBe(hashSessionToken(session.sessionId));
    expect(JSON.stringify(stored)).not.toContain(session.sessionId);

    const done = nextDone(socket);
    const ack = await send(socket, "Wie lange dauert die Lieferung nach Österreich?", "client-msg-0001");
    expect(ack.ok).toBe(true);
    expect(ack.data?.message).toMatchObject({ role: "visitor", clientMessageId: "client-msg-0001" });
    const answer = await done;
    expect(answer.status).toBe("done");
    expect(answer.text).toContain("3 bis 5 Werktagen");
    expect(answer.deltas).toBe(answer.text);
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(answer.text).toMatch(/\[1\]/);

    const rows = await db().message.findMany({ where: { conversationId: session.conversation.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.role, r.status])).toEqual([["visitor", "done"], ["bot", "done"]]);
    const usage = await db().usageRecord.findMany({ where: { conversationId: session.conversation.id } });
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ provider: "offline", costMillicents: 0, messageId: rows[1]!.id });
  });

  it("de-duplicates a retried send and re-syncs after reconnect", async () => {
    const first = await open({ botId: botPublicId });
    const done = nextDone(first.socket);
    const a = await send(first.socket, "Kann ich das Rad zurückgeben?", "retry-same-id-01");
    const b = await send(first.socket, "Kann ich das Rad zurückgeben?", "retry-same-id-01");
    expect(b.data?.message.id).toBe(a.data?.message.id);
    await done;
    await drainBotTurns();
    expect(await db().message.count({ where: { conversationId: first.session.conversation.id, role: "visitor" } })).toBe(1);
    expect(await db().message.count({ where: { conversationId: first.session.conversation.id, role: "bot" } })).toBe(1);
    first.socket.disconnect();

    // Same session token: the whole conversation comes back; with `since`, only what is newer.
    const again = await open({ botId: botPublicId, sessionId: first.session.sessionId });
    expect(again.session.sessionId).toBe(first.session.sessionId);
    expect(again.session.conversation.id).toBe(first.session.conversation.id);
    expect(again.session.messages.map((m) => m.role)).toEqual(["visitor", "bot"]);
    again.socket.disconnect();
    // With `since`, what is newer than that message, reaching back RESYNC_OVERLAP_MS for
    // messages that committed late; older ones stay out.
    const [visitorMessage, botMessage] = again.session.messages;
    const anchorAt = (await db().message.findUniqueOrThrow({ where: { id: botMessage!.id } })).createdAt;
    await db().message.update({ where: { id: visitorMessage!.id }, data: { createdAt: new Date(anchorAt.getTime() - RESYNC_OVERLAP_MS - 60_000) } });
    const since = await open({ botId: botPublicId, sessionId: first.session.sessionId, since: botMessage!.id });
    expect(since.session.incremental).toBe(true);
    expect(since.session.messages.map((m) => m.id)).toEqual([botMessage!.id]);
    since.socket.disconnect();

    // A message that started before the anchor but committed after the client saw it (another
    // node's slower transaction) still reaches the client on its next re-sync.
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: first.session.conversation.id } });
    const late = await db().message.create({
      data: {
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        role: "visitor",
        text: "Spät festgeschrieben",
        clientMessageId: "late-commit-0001",
        createdAt: new Date(anchorAt.getTime() - 2_000),
      },
    });
    const resync = await open({ botId: botPublicId, sessionId: first.session.sessionId, since: botMessage!.id });
    expect(resync.session.messages.map((m) => m.id)).toEqual([late.id, botMessage!.id]);
    resync.socket.disconnect();
  });

  it("validates messages and ends the session on close", async () => {
    const { socket, session } = await open({ botId: botPublicId });
    expect((await send(socket, "   ", "empty-text-0001")).error?.code).toBe("validation_failed");
    expect((await send(socket, "x".repeat(4001), "too-long-00001")).error?.code).toBe("validation_failed");
    expect((await send(socket, "hallo", "bad id!")).error?.code).toBe("validation_failed");
    const ended = await (socket.timeout(5000).emitWithAck("session:end", {}) as Promise<{ ok: boolean }>);
    expect(ended.ok).toBe(true);
    const conversation = await db().conversation.findUnique({ where: { id: session.conversation.id } });
    expect(conversation?.status).toBe("closed");
    // The ended token no longer resumes anything: a new session starts.
    const fresh = await open({ botId: botPublicId, sessionId: session.sessionId });
    expect(fresh.session.sessionId).not.toBe(session.sessionId);
    expect(fresh.session.messages).toEqual([]);
  });
});

describe("/widget lead:submit", () => {
  it("stores a 'leave a message' lead and reports field errors", async () => {
    const { socket, session } = await open({ botId: botPublicId });
    const bad = (await socket.timeout(5000).emitWithAck("lead:submit", { kind: "message", fields: { email: "not-an-email", message: "Bitte um Rückruf" } })) as { ok: boolean; error?: { code: string; details?: { field?: string } } };
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatchObject({ code: "validation_failed", details: { field: "email" } });
    const good = (await socket.timeout(5000).emitWithAck("lead:submit", { kind: "message", fields: { name: "Petra Probe", email: "petra@example.com", message: "Bitte um Rückruf" } })) as { ok: boolean; data?: { leadId: string } };
    expect(good.ok).toBe(true);
    const lead = await db().lead.findUnique({ where: { id: good.data!.leadId } });
    expect(lead).toMatchObject({ email: "petra@example.com", name: "Petra Probe", conversationId: session.conversation.id, botId });
  });
});

describe("/widget flood control", () => {
  it("rate-limits a flood from one session without losing the accepted messages", async () => {
    const { socket, session } = await open({ botId: botPublicId });
    const acks = await Promise.all(Array.from({ length: 25 }, (_, i) => send(socket, `Frage Nummer ${i + 1}`, `flood-message-${String(i).padStart(3, "0")}`)));
    const accepted = acks.filter((a) => a.ok);
    const refused = acks.filter((a) => !a.ok);
    expect(accepted).toHaveLength(20);
    expect(refused).toHaveLength(5);
    expect(refused.every((a) => a.error?.code === "rate_limited")).toBe(true);
    await drainBotTurns();
    const stored = await db().message.findMany({ where: { conversationId: session.conversation.id, role: "visitor" }, select: { id: true } });
    expect(stored.map((m) => m.id).sort()).toEqual(accepted.map((a) => a.data!.message.id).sort());
  });
});
