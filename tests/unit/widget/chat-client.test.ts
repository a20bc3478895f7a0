import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TWidgetAuth, TWidgetConfig, TWidgetMessage } from "@/lib/widget/protocol";
import type { TBridge } from "@/widget/frame/bridge";
import { createChatClient } from "@/widget/frame/chat-client";
import { createSessionStore } from "@/widget/frame/session-store";
import type { TWidgetSocket } from "@/widget/frame/socket";
import { readWidgetConfig } from "@/widget/shared/config";

/** Just enough of a socket.io client socket to drive the frame's logic. */
class FakeSocket {
  handlers = new Map<string, ((payload: unknown) => void)[]>();
  emitted: { event: string; payload: unknown }[] = [];
  acks: { event: string; payload: unknown; resolve: (value: unknown) => void; reject: (error: Error) => void }[] = [];
  connected = true;
  on(event: string, handler: (payload: unknown) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  emit(event: string, payload: unknown) {
    this.emitted.push({ event, payload });
    return this;
  }
  timeout() {
    return {
      emitWithAck: (event: string, payload: unknown) =>
        new Promise((resolve, reject) => {
          this.emitted.push({ event, payload });
          this.acks.push({ event, payload, resolve, reject });
        }),
    };
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  connect() {
    this.connected = true;
    return this;
  }
  serverEmit(event: string, payload: unknown) {
    for (const handler of this.handlers.get(event) ?? []) handler(payload);
  }
}

const config = readWidgetConfig({ botId: "bot_1", origin: "https://app.example", title: "Helper" }) as TWidgetConfig;
const SESSION = "s_0123456789abcdefghijklmnop";

function setup(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  const storage = { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value), removeItem: (key: string) => void data.delete(key) };
  const posted: unknown[] = [];
  const bridge: TBridge = { embedded: true, post: (message) => void posted.push(message), listen: () => () => undefined };
  const socket = new FakeSocket();
  let auth: (() => TWidgetAuth) | null = null;
  const connect = vi.fn((_origin: string, getAuth: () => TWidgetAuth) => {
    auth = getAuth;
    return socket as unknown as TWidgetSocket;
  });
  const client = createChatClient({
    config,
    bridge,
    locale: "de-DE",
    store: createSessionStore("bot_1", () => storage as unknown as Storage),
    announce: (name, text) => `${name}: ${text}`,
    connect,
  });
  return { client, data, posted, socket, connect, auth: () => auth?.() };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const visitorMessage = (clientMessageId: string): TWidgetMessage => ({
  id: "m1", clientMessageId, role: "visitor", text: "Hallo", createdAt: "2026-01-01T10:00:00.000Z", status: "done", citations: [], author: null,
});

beforeEach(() => {
  vi.stubGlobal("window", new EventTarget());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("chat client", () => {
  it("neither connects nor stores anything before the visitor writes", () => {
    const { client, data, posted, connect } = setup();
    client.start();
    client.setOpen(true, true);
    client.setVisitor({ name: "Ada" });
    expect(connect).not.toHaveBeenCalled();
    expect(data.size).toBe(0);
    expect(posted).toContainEqual({ type: "ready", hasSession: false, open: false });
  });

  it("connects on the first message, stores the server's session id and sends after the session arrives", async () => {
    const { client, data, socket, connect, auth } = setup();
    client.start();
    client.send("  Hallo  ");
    expect(connect).toHaveBeenCalledOnce();
    expect(auth()).toMatchObject({ botId: "bot_1", sessionId: undefined, since: undefined, locale: "de-DE" });
    expect(socket.emitted).toEqual([]);

    socket.serverEmit("session", { sessionId: SESSION, conversation: { id: "c", status: "bot" }, messages: [], incremental: false });
    expect(JSON.parse(data.get("chatwerk:v1:bot_1") as string)).toEqual({ sessionId: SESSION, open: false });
    const [send] = socket.acks;
    expect(send?.payload).toMatchObject({ text: "Hallo" });

    const clientMessageId = (send?.payload as { clientMessageId: string }).clientMessageId;
    socket.serverEmit("message:new", visitorMessage(clientMessageId));
    send?.resolve({ ok: true, data: { message: visitorMessage(clientMessageId) } });
    await flush();
    expect(client.getView().chat.messages).toHaveLength(1);
    expect(auth()).toMatchObject({ sessionId: SESSION, since: "m1" });
  });

  it("reconnects a returning visitor at once and re-sends unacknowledged messages after re-sync", async () => {
    const { client, socket, connect, posted } = setup({ "chatwerk:v1:bot_1": JSON.stringify({ sessionId: SESSION, open: true }) });
    client.start();
    expect(connect).toHaveBeenCalledOnce();
    expect(posted).toContainEqual({ type: "ready", hasSession: true, open: true });
    socket.serverEmit("session", { sessionId: SESSION, conversation: { id: "c", status: "bot" }, messages: [], incremental: true });
    client.send("Erste");
    socket.serverEmit("disconnect", "transport close");
    socket.acks[0]?.reject(new Error("socket has been disconnected"));
    await flush();
    expect(client.getView().chat.connection).toBe("offline");
    expect(client.getView().chat.messages[0]?.delivery).toBe("sending");

    socket.serverEmit("session", { sessionId: SESSION, conversation: { id: "c", status: "bot" }, messages: [], incremental: true });
    expect(socket.acks).toHaveLength(2);
    expect(socket.acks[1]?.payload).toEqual(socket.acks[0]?.payload);
  });

  it("marks a rejected send as failed and retries it with the same clientMessageId", async () => {
    const { client, socket } = setup({ "chatwerk:v1:bot_1": JSON.stringify({ sessionId: SESSION, open: true }) });
    client.start();
    socket.serverEmit("session", { sessionId: SESSION, conversation: { id: "c", status: "bot" }, messages: [], incremental: true });
    client.send("Hallo");
    socket.acks[0]?.resolve({ ok: false, error: { code: "rate_limited", message: "slow down" } });
    await flush();
    const [failed] = client.getView().chat.messages;
    expect(failed?.delivery).toBe("failed");
    client.retry(failed?.clientMessageId as string);
    expect(socket.acks[1]?.payload).toEqual(socket.acks[0]?.payload);
  });

  it("counts unread answers while minimised, announces them and tells the host page once", () => {
    const { client, socket, posted } = setup({ "chatwerk:v1:bot_1": JSON.stringify({ sessionId: SESSION, open: false }) });
    client.start();
    socket.serverEmit("session", { sessionId: SESSION, conversation: { id: "c", status: "bot" }, messages: [], incremental: true });
    const bot: TWidgetMessage = { ...visitorMessage("x"), id: "b1", clientMessageId: null, role: "bot", text: "", status: "streaming" };
    socket.serverEmit("message:new", bot);
    socket.serverEmit("bot:delta", { messageId: "b1", delta: "**Ja**" });
    socket.serverEmit("bot:done", { messageId: "b1", text: "**Ja** [1]", citations: [], status: "done" });
    socket.serverEmit("message:new", { ...bot, text: "**Ja** [1]", status: "done" });
    expect(posted.filter((message) => (message as { type: string }).type === "unread")).toEqual([{ type: "unread", count: 1 }]);
    expect(posted.filter((message) => (message as { type: string }).type === "event")).toHaveLength(1);
    expect(client.getView().announcement).toBe("Helper: Ja");
  });

  it("ends the session: tells the server, forgets the id and minimises", async () => {
    const { client, socket, data, posted } = setup({ "chatwerk:v1:bot_1": JSON.stringify({ sessionId: SESSION, open: true }) });
    client.start();
    client.setOpen(true, true);
    socket.serverEmit("session", { sessionId: SESSION, conversation: { id: "c", status: "bot" }, messages: [visitorMessage("c1")], incremental: false });
    const ended = client.endSession();
    expect(socket.acks[0]?.event).toBe("session:end");
    socket.acks[0]?.resolve({ ok: true, data: null });
    await ended;
    expect(data.size).toBe(0);
    expect(socket.connected).toBe(false);
    expect(client.getView()).toMatchObject({ hasSession: false, open: false, chat: { messages: [] } });
    expect(posted.slice(-2)).toEqual([{ type: "event", name: "session:end", detail: null }, { type: "close" }]);
  });
});
