import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "@/lib/bots/bots";
import { RESYNC_OVERLAP_MS } from "@/lib/chat/messages";
import { db } from "@/lib/db/client";
import { signConsoleToken } from "@/lib/live-chat/console-token";
import type { TConsoleMessage } from "@/lib/live-chat/protocol";
import type { TAck, TWidgetMessage } from "@/lib/widget/protocol";
import { addMember, createOwnerWithWorkspace } from "../../helpers/factories";
import { call, clientId, nextEvent, settle } from "../../helpers/operator-client";
import { freePort, HAS_BUILD, killAll, prepareDataDir, removeDataDir, SERVER_SECRETS, serverEnv, startServer, waitHealthy, withDatabase, type TServer } from "../../helpers/server-process";

/**
 * "A server restart in the middle of a conversation loses no message" (ARCHITECTURE 6, 12):
 * one real server process; a visitor and an operator chat through a graceful restart
 * (SIGTERM) and a crash (SIGKILL), each sending while the server is down. The clients behave
 * like the real ones: the frame (widget/frame/: chat-client, state) keeps unacknowledged sends and
 * sends them again with the same clientMessageId after the `session` re-sync (`auth.since`);
 * the console (components/console/console-client.ts) fetches a fresh token for every
 * (re)connect, re-opens its chat with `since` after `ready` and re-sends its pending messages.
 * Every message ends up stored exactly once and seen by the other side.
 */
type TSend = { clientMessageId: string; text: string };
type TMsg = { id: string; clientMessageId: string | null; role: string; text: string; createdAt: string };

const RECONNECT = { reconnectionDelay: 200, reconnectionDelayMax: 1_000, timeout: 5_000, transports: ["websocket"], path: "/socket.io/", forceNew: true };

/** Messages by id (a re-sync or a late ack never shows one twice), oldest first. */
function transcript() {
  const byId = new Map<string, TMsg>();
  return {
    upsert: (m: TMsg) => void byId.set(m.id, m),
    list: () => [...byId.values()].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0)),
    texts: (role: string) => [...byId.values()].filter((m) => m.role === role).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((m) => m.text),
  };
}

/** The chat frame's send/re-sync logic (widget/frame/: the outbox, `auth.since`, re-send after `session`) over a real socket. */
function frameClient(url: string, botId: string) {
  const seen = transcript();
  const pending: TSend[] = [];
  const sessions: { incremental: boolean; texts: string[] }[] = [];
  const news: string[] = [];
  let sessionId: string | undefined;
  let conversationId: string | undefined;
  let synced = false;
  const confirm = (m: TMsg) => {
    seen.upsert(m);
    const i = pending.findIndex((p) => p.clientMessageId === m.clientMessageId);
    if (i >= 0) pending.splice(i, 1);
  };
  const auth = (cb: (data: object) => void) => cb({ botId, sessionId, since: sessionId ? seen.list().at(-1)?.id : undefined, locale: "de-DE" });
  const socket: Socket = io(`${url}/widget`, { ...RECONNECT, auth });
  const emitSend = (send: TSend) =>
    socket
      .timeout(20_000)
      .emitWithAck("message:send", send)
      .then((res: TAck<{ message: TWidgetMessage }>) => res.ok && confirm(res.data.message))
      .catch(() => undefined); // lost with the connection: stays pending, goes out after the re-sync
  socket.on("session", (p: { sessionId: string; conversation: { id: string }; messages: TWidgetMessage[]; incremental: boolean }) => {
    sessionId = p.sessionId;
    conversationId = p.conversation.id;
    synced = true;
    sessions.push({ incremental: p.incremental, texts: p.messages.map((m) => m.text) });
    p.messages.forEach(confirm);
    [...pending].forEach(emitSend);
  });
  socket.on("message:new", (m: TWidgetMessage) => (news.push(m.id), confirm(m)));
  socket.on("disconnect", () => (synced = false));
  return {
    socket, seen, pending, sessions, news,
    get synced() { return synced; },
    get conversationId() { return conversationId; },
    /**
     * `loseAck`: the server stores it but the ack never arrives. `unnoticed`: sent as the
     * connection died, before the frame heard of it (socket.io buffers the emit and flushes it
     * on reconnect, and the frame sends it again after `session`: the same send twice).
     */
    send(text: string, options: { loseAck?: boolean; unnoticed?: boolean } = {}) {
      const send = { clientMessageId: clientId("v"), text };
      pending.push(send);
      if (synced && options.loseAck) socket.emit("message:send", send, () => undefined);
      else if (synced || options.unnoticed) void emitSend(send);
      return send;
    },
  };
}

/** The console's reconnect logic (components/console/console-client.ts) for one open chat. */
function consoleClient(url: string, auth: () => object) {
  const seen = transcript();
  const pending: (TSend & { conversationId: string })[] = [];
  const news: string[] = [];
  let conversationId: string | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const confirm = (m: TMsg) => {
    seen.upsert(m);
    const i = pending.findIndex((p) => p.clientMessageId === m.clientMessageId);
    if (i >= 0) pending.splice(i, 1);
  };
  const socket: Socket = io(`${url}/operator`, { ...RECONNECT, auth: (cb: (data: object) => void) => cb(auth()) });
  const scheduleRetry = () => (retry ??= setTimeout(() => ((retry = undefined), !socket.connected && socket.connect()), 300));
  const deliver = async (send: TSend & { conversationId: string }) => {
    if (!socket.connected) return;
    const res = await socket.timeout(10_000).emitWithAck("message:send", send).catch(() => null) as TAck<{ message: TConsoleMessage }> | null;
    if (res?.ok) confirm(res.data.message);
  };
  const resync = async () => {
    if (!conversationId) return;
    const since = seen.list().at(-1)?.id;
    const res = await call<{ messages: TConsoleMessage[] }>(socket, "conversation:open", since ? { conversationId, since } : { conversationId });
    if (res.ok) res.data.messages.forEach(confirm);
    [...pending].forEach((p) => void deliver(p));
  };
  socket.on("ready", () => void resync());
  socket.on("message:new", ({ message }: { message: TConsoleMessage }) => (news.push(message.id), confirm(message)));
  socket.on("connect_error", () => !socket.active && scheduleRetry());
  socket.on("disconnect", (reason) => reason === "io server disconnect" && scheduleRetry());
  return {
    socket, seen, pending, news,
    async open(id: string) {
      conversationId = id;
      await resync();
    },
    send(text: string) {
      const send = { conversationId: conversationId!, clientMessageId: clientId("o"), text };
      pending.push(send);
      void deliver(send);
      return send;
    },
    close: () => (clearTimeout(retry), socket.disconnect()),
  };
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await settle(100);
  }
}

type TFixture = { workspaceId: string; slug: string; botPublicId: string; anna: { id: string } };

describe.runIf(HAS_BUILD)("a server restart in the middle of a conversation loses no message", () => {
  let dataDir: string | undefined;
  let fx: TFixture;
  let env: NodeJS.ProcessEnv;
  let server: TServer;
  let visitor: ReturnType<typeof frameClient> | undefined;
  let anna: ReturnType<typeof consoleClient> | undefined;

  beforeAll(async () => {
    ({ dataDir, fixture: fx } = await prepareDataDir(async () => {
      const { workspace, ctx } = await createOwnerWithWorkspace("Neustart GmbH");
      const bot = await createBot(ctx, { name: "Neustart Hilfe", languages: ["de"] });
      const { user } = await addMember(workspace.id, "operator", "anna");
      await db().operatorProfile.create({ data: { workspaceId: workspace.id, userId: user.id, displayName: "Anna" } });
      return { workspaceId: workspace.id, slug: workspace.slug, botPublicId: bot.publicId, anna: { id: user.id } };
    }));
    env = serverEnv(await freePort(3700, 3899), dataDir, { ...SERVER_SECRETS, SEED_DEMO: "false", RATE_LIMIT_SCALE: "10" });
    server = startServer(env);
    await waitHealthy(server);
  }, 180_000);

  afterAll(async () => {
    visitor?.socket.disconnect();
    anna?.close();
    await killAll();
    await removeDataDir(dataDir);
  }, 30_000);

  /** Stops the server with `signal`, lets both sides send while it is down, starts it again. */
  async function outage(signal: "SIGTERM" | "SIGKILL", texts: { visitor: string; operator: string }, unnoticed = false) {
    const down = Promise.all([nextEvent(visitor!.socket, "disconnect", () => true, 20_000), nextEvent(anna!.socket, "disconnect", () => true, 20_000)]);
    server.child.kill(signal);
    const code = await server.exited;
    if (signal === "SIGTERM") expect([code, server.output()]).toEqual([0, expect.stringContaining("Stopped cleanly")]);
    else expect([code, server.child.signalCode]).toEqual([null, "SIGKILL"]);
    await down;
    const sent = { visitor: visitor!.send(texts.visitor, { unnoticed }), operator: anna!.send(texts.operator) };
    await settle(300);
    expect(visitor!.pending).toContainEqual(sent.visitor);
    expect(anna!.pending).toContainEqual(sent.operator);
    server = startServer(env);
    await waitHealthy(server);
    // It owns the data directory again (after a crash: the dead owner's lock is replaced).
    expect(server.output()).not.toContain("Another Chatwerk process owns this data directory");
    await waitFor(`both sides hear of "${texts.visitor}" and "${texts.operator}"`, () =>
      visitor!.pending.length === 0 && anna!.pending.length === 0 && anna!.seen.texts("visitor").includes(texts.visitor) && visitor!.seen.texts("operator").includes(texts.operator),
    );
  }

  it("stores every message sent before, during and after a graceful restart and a crash exactly once, and delivers it", async () => {
    const token = () => ({ token: signConsoleToken({ userId: fx.anna.id, workspaceId: fx.workspaceId, tokenVersion: 0 }).token, workspace: fx.slug });
    anna = consoleClient(server.url, token);
    await nextEvent(anna.socket, "ready");
    visitor = frameClient(server.url, fx.botPublicId);
    await waitFor("the visitor's session", () => visitor!.synced);
    const conversationId = visitor.conversationId!;
    expect(await call(visitor.socket, "handoff:request", {})).toMatchObject({ ok: true, data: { status: "queued" } });
    expect(await call(anna.socket, "conversation:accept", { conversationId })).toMatchObject({ ok: true });
    await anna.open(conversationId);

    const live = async (v: string, o: string) => {
      visitor!.send(v);
      anna!.send(o);
      await waitFor(`"${v}" and "${o}" delivered live`, () => anna!.seen.texts("visitor").includes(v) && visitor!.seen.texts("operator").includes(o) && !visitor!.pending.length && !anna!.pending.length);
    };
    await live("v1 vor dem Neustart", "o1 vor dem Neustart");

    // (a) Graceful restart: both sides write while the server is down.
    await outage("SIGTERM", { visitor: "v2 während des Neustarts", operator: "o2 während des Neustarts" });
    await live("v3 nach dem Neustart", "o3 nach dem Neustart");

    // (b) Crash. Before it, a visitor message the server stores but whose ack never arrives; the
    // message sent while the server is down goes out twice after the restart (see `unnoticed`).
    const lostAck = visitor.send("v4 Bestätigung verloren", { loseAck: true });
    await waitFor("the operator sees v4", () => anna!.seen.texts("visitor").includes(lostAck.text));
    expect(visitor.pending).toEqual([lostAck]);
    const sessionsBefore = visitor.sessions.length;
    const seenBefore = new Map(visitor.seen.list().map((m) => [m.text, m]));
    const newestSeen = Math.max(...[...seenBefore.values()].map((m) => Date.parse(m.createdAt)));
    await outage("SIGKILL", { visitor: "v5 während des Absturzes", operator: "o5 während des Absturzes" }, true);
    // The frame re-synced from its last seen message: the newer ones came back, v4 among them
    // (so the frame knows it arrived), and of those it had seen only the ones written up to
    // RESYNC_OVERLAP_MS before it (a late commit on another node), which it merges by id.
    const resync = visitor.sessions[sessionsBefore]!;
    expect(resync.incremental).toBe(true);
    expect(resync.texts).toContain(lostAck.text);
    for (const text of resync.texts) {
      const known = seenBefore.get(text);
      if (known) expect(Date.parse(known.createdAt), text).toBeGreaterThanOrEqual(newestSeen - RESYNC_OVERLAP_MS);
    }
    await live("v6 nach dem Absturz", "o6 nach dem Absturz");

    // A retried send (same clientMessageId) returns the stored message and delivers nothing again.
    const heardBy = { visitor: visitor.news.length, operator: anna.news.length };
    const storedV5 = visitor.seen.list().find((m) => m.text === "v5 während des Absturzes")!;
    const storedO2 = anna.seen.list().find((m) => m.text === "o2 während des Neustarts")!;
    expect(await call(visitor.socket, "message:send", { text: storedV5.text, clientMessageId: storedV5.clientMessageId })).toMatchObject({ ok: true, data: { message: { id: storedV5.id } } });
    expect(await call(anna.socket, "message:send", { conversationId, text: storedO2.text, clientMessageId: storedO2.clientMessageId })).toMatchObject({ ok: true, data: { message: { id: storedO2.id } } });
    await settle(500);
    expect({ visitor: visitor.news.length, operator: anna.news.length }).toEqual(heardBy);
    // Live, nothing ever arrived twice.
    expect([visitor.news, anna.news].map((ids) => ids.filter((id, i) => ids.indexOf(id) !== i))).toEqual([[], []]);

    const visitorTexts = ["v1 vor dem Neustart", "v2 während des Neustarts", "v3 nach dem Neustart", "v4 Bestätigung verloren", "v5 während des Absturzes", "v6 nach dem Absturz"];
    const operatorTexts = visitorTexts.map((t) => t.replace(/^v/, "o")).filter((t) => !t.startsWith("o4"));
    expect(anna.seen.texts("visitor")).toEqual(visitorTexts);
    expect(visitor.seen.texts("operator")).toEqual(operatorTexts);

    // The database after a clean stop: every message once, nothing else.
    visitor.socket.disconnect();
    anna.close();
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    const rows = await withDatabase(dataDir!, () =>
      db().message.findMany({ where: { conversationId, role: { in: ["visitor", "operator"] } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, role: true, text: true, clientMessageId: true } }),
    );
    expect(rows.filter((r) => r.role === "visitor").map((r) => r.text)).toEqual(visitorTexts);
    expect(rows.filter((r) => r.role === "operator").map((r) => r.text)).toEqual(operatorTexts);
    expect(new Set(rows.map((r) => r.clientMessageId)).size).toBe(rows.length);
    // What each side shows is exactly what is stored (same ids).
    expect(new Set(anna.seen.list().filter((m) => m.role === "visitor").map((m) => m.id))).toEqual(new Set(rows.filter((r) => r.role === "visitor").map((r) => r.id)));
    expect(new Set(visitor.seen.list().filter((m) => m.role === "operator").map((m) => m.id))).toEqual(new Set(rows.filter((r) => r.role === "operator").map((r) => r.id)));
  }, 300_000);
});
