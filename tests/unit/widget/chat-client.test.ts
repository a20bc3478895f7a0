import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TWidgetAuth, TWidgetConfig, TWidgetMessage } from "@/lib/widget/protocol";
import type { TBridge } from "@/widget/frame/bridge";
import { createChatClient, HOST_SESSION_WAIT_MS } from "@/widget/frame/chat-client";
import { createSessionStore } from "@/widget/frame/session-store";
import type { TWidgetSocket } from "@/widget/frame/socket";
import { readFrameConfig } from "@/widget/frame/pre-chat-config";
import { FakeSocket } from "./helpers/fake-socket";

const config = readFrameConfig({ botId: "bot_1", origin: "https://app.example", title: "Helper" }) as TWidgetConfig;
const withPreChat = readFrameConfig({
  botId: "bot_1",
  origin: "https://app.example",
  title: "Helper",
  preChat: { enabled: true, fields: [{ key: "email", type: "email", label: { de: "E-Mail", en: "Email" }, required: true, options: [] }] },
}) as TWidgetConfig;
const SESSION = "s_0123456789abcdefghijklmnopqrstuvwxyz-ABCD";
const OTHER_SESSION = "o".repeat(43);
const STORED = { "chatwerk:v1:bot_1": JSON.stringify({ sessionId: SESSION, open: true }) };

type TStorageMode = "works" | "blocked";

function setup(initial: Record<string, string> = {}, { storage = "works" as TStorageMode, widgetConfig = config } = {}) {
  const data = new Map(Object.entries(initial));
  const memory = { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value), removeItem: (key: string) => void data.delete(key) };
  const posted: unknown[] = [];
  const bridge: TBridge = { embedded: true, post: (message) => void posted.push(message), listen: () => () => undefined };
  const socket = new FakeSocket();
  let auth: (() => TWidgetAuth) | null = null;
  const connect = vi.fn((_origin: string, getAuth: () => TWidgetAuth) => {
    auth = getAuth;
    return socket as unknown as TWidgetSocket;
  });
  const blocked = () => {
    throw new DOMException("Access is denied for this document.", "SecurityError");
  };
  const client = createChatClient({
    config: widgetConfig,
    bridge,
    locale: "de-DE",
    store: createSessionStore("bot_1", storage === "works" ? () => memory as unknown as Storage : blocked),
    announce: (name, text) => `${name}: ${text}`,
    connect,
  });
  const ofType = (type: string) => posted.filter((message) => (message as { type: string }).type === type);
  return { client, data, posted, ofType, socket, connect, auth: () => auth?.() };
}

/** What the loader does right after `ready`: hands over the token it keeps (or none). */
function start(client: ReturnType<typeof setup>["client"], hostToken: string | null = null) {
  client.start();
  client.receiveHostSession(hostToken);
}

const session = (socket: FakeSocket, sessionId = SESSION, messages: TWidgetMessage[] = [], incremental = false) =>
  socket.serverEmit("session", { sessionId, conversation: { id: "c", status: "bot" }, messages, incremental });

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const visitorMessage = (clientMessageId: string): TWidgetMessage => ({
  id: "m1", clientMessageId, role: "visitor", text: "Hallo", createdAt: "2026-01-01T10:00:00.000Z", status: "done", citations: [], author: null,
});

beforeEach(() => {
  vi.stubGlobal("window", new EventTarget());
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("chat client", () => {
  it("neither connects nor stores anything before the visitor writes", () => {
    const { client, data, posted, connect } = setup();
    start(client);
    client.setOpen(true, true);
    client.setVisitor({ name: "Ada" });
    client.setPage({ url: "https://shop.example/", title: "Shop", referrer: "" });
    expect(connect).not.toHaveBeenCalled();
    expect(data.size).toBe(0);
    expect(posted).toContainEqual({ type: "ready", hasSession: false, open: false });
    expect(posted.some((message) => (message as { type: string }).type === "session:store")).toBe(false);
  });

  it("connects on the first message, stores the server's session id and sends after the session arrives", async () => {
    const { client, data, socket, connect, auth } = setup();
    start(client);
    expect(client.send("  Hallo  ")).toBe(true);
    expect(connect).toHaveBeenCalledOnce();
    expect(auth()).toMatchObject({ botId: "bot_1", sessionId: undefined, since: undefined, locale: "de-DE" });
    expect(socket.emitted).toEqual([]);

    session(socket);
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
    const { client, socket, connect, posted } = setup(STORED);
    start(client);
    expect(connect).toHaveBeenCalledOnce();
    expect(posted).toContainEqual({ type: "ready", hasSession: true, open: true });
    session(socket, SESSION, [], true);
    client.send("Erste");
    socket.serverEmit("disconnect", "transport close");
    socket.acks[0]?.reject(new Error("socket has been disconnected"));
    await flush();
    expect(client.getView().chat.connection).toBe("offline");
    expect(client.getView().chat.messages[0]?.delivery).toBe("sending");

    session(socket, SESSION, [], true);
    expect(socket.acks).toHaveLength(2);
    expect(socket.acks[1]?.payload).toEqual(socket.acks[0]?.payload);
  });

  it("keeps a rate-limited message as failed with the wait, and retries it with the same clientMessageId", async () => {
    const { client, socket } = setup(STORED);
    start(client);
    session(socket, SESSION, [], true);
    client.send("Hallo");
    socket.acks[0]?.resolve({ ok: false, error: { code: "rate_limited", message: "slow down", retryAfterSeconds: 42 } });
    await flush();
    const [failed] = client.getView().chat.messages;
    expect(failed).toMatchObject({ delivery: "failed", failure: { code: "rate_limited", retryAfterSeconds: 42 }, text: "Hallo" });
    client.retry(failed?.clientMessageId as string);
    expect(client.getView().chat.messages[0]).toMatchObject({ delivery: "sending" });
    expect(client.getView().chat.messages[0]?.failure).toBeUndefined();
    expect(socket.acks[1]?.payload).toEqual(socket.acks[0]?.payload);
  });

  it("refuses a message over the limit instead of cutting it off", () => {
    const { client, connect } = setup();
    start(client);
    expect(client.send("x".repeat(4001))).toBe(false);
    expect(client.send(` ${"x".repeat(4000)} `)).toBe(true);
    expect(client.getView().chat.messages).toHaveLength(1);
    expect(connect).toHaveBeenCalledOnce();
  });

  it("counts unread answers while minimised, announces them and tells the host page once", () => {
    const { client, socket, ofType } = setup({ "chatwerk:v1:bot_1": JSON.stringify({ sessionId: SESSION, open: false }) });
    start(client);
    session(socket, SESSION, [], true);
    const bot: TWidgetMessage = { ...visitorMessage("x"), id: "b1", clientMessageId: null, role: "bot", text: "", status: "streaming" };
    socket.serverEmit("message:new", bot);
    socket.serverEmit("bot:delta", { messageId: "b1", delta: "**Ja**" });
    socket.serverEmit("bot:done", { messageId: "b1", text: "**Ja** [1]", citations: [], status: "done" });
    socket.serverEmit("message:new", { ...bot, text: "**Ja** [1]", status: "done" });
    expect(ofType("unread")).toEqual([{ type: "unread", count: 1 }]);
    expect(ofType("event")).toHaveLength(1);
    expect(client.getView().announcement).toBe("Helper: Ja");
  });

  it("tells the server about page changes only, once connected", () => {
    const { client, socket } = setup(STORED);
    start(client);
    session(socket, SESSION, [], true);
    const page = { url: "https://shop.example/boots", title: "Boots", referrer: "" };
    client.setPage(page);
    client.setPage({ ...page });
    client.setPage({ ...page, url: "https://shop.example/#/cart" });
    expect(socket.emitted.filter((item) => item.event === "page").map((item) => item.payload)).toEqual([page, { ...page, url: "https://shop.example/#/cart" }]);
  });

  it("forgets a stored session the server no longer knows, and stores the new one only once the visitor writes", async () => {
    const { client, socket, data, ofType } = setup(STORED);
    start(client);
    session(socket, OTHER_SESSION);
    expect(data.size).toBe(0);
    expect(ofType("session:store")).toEqual([{ type: "session:store", token: null }]);
    client.send("Hallo");
    expect(JSON.parse(data.get("chatwerk:v1:bot_1") as string)).toMatchObject({ sessionId: OTHER_SESSION });
  });

  it("ends the session: tells the server, forgets the id here and on the host page, and minimises", async () => {
    const { client, socket, data, posted } = setup(STORED);
    start(client);
    client.setOpen(true, true);
    session(socket, SESSION, [visitorMessage("c1")]);
    const ended = client.endSession();
    expect(socket.acks[0]?.event).toBe("session:end");
    socket.acks[0]?.resolve({ ok: true, data: null });
    await ended;
    expect(data.size).toBe(0);
    expect(socket.connected).toBe(false);
    expect(client.getView()).toMatchObject({ hasSession: false, open: false, chat: { messages: [] } });
    expect(posted.slice(-3)).toEqual([{ type: "session:store", token: null }, { type: "event", name: "session:end", detail: null }, { type: "close" }]);
  });
});

describe("chat client without storage in the frame", () => {
  it("hands the token to the loader once the session exists, and only once per token", () => {
    const { client, socket, ofType } = setup({}, { storage: "blocked" });
    start(client);
    client.send("Hallo");
    expect(ofType("session:store")).toEqual([]);
    session(socket);
    client.setOpen(true, true);
    session(socket, SESSION, [], true);
    expect(ofType("session:store")).toEqual([{ type: "session:store", token: SESSION }]);
    session(socket, OTHER_SESSION);
    expect(ofType("session:store")).toEqual([{ type: "session:store", token: SESSION }, { type: "session:store", token: OTHER_SESSION }]);
  });

  it("resumes the session the loader kept, without asking it to store the token again", () => {
    const { client, socket, connect, auth, ofType } = setup({}, { storage: "blocked" });
    start(client, SESSION);
    expect(connect).toHaveBeenCalledOnce();
    expect(auth()).toMatchObject({ sessionId: SESSION });
    expect(client.getView().hasSession).toBe(true);
    session(socket, SESSION, [], true);
    expect(ofType("session:store")).toEqual([]);
  });

  it("waits briefly for the loader before a first message starts a new session", () => {
    vi.useFakeTimers();
    const { client, connect, auth } = setup({}, { storage: "blocked" });
    client.start();
    client.send("Hallo");
    expect(connect).not.toHaveBeenCalled();
    client.receiveHostSession(SESSION);
    expect(connect).toHaveBeenCalledOnce();
    expect(auth()).toMatchObject({ sessionId: SESSION });
  });

  it("decides there is no session when the loader does not answer in time", () => {
    vi.useFakeTimers();
    const { client, connect, auth } = setup({}, { storage: "blocked" });
    client.start();
    client.send("Hallo");
    vi.advanceTimersByTime(HOST_SESSION_WAIT_MS);
    expect(connect).toHaveBeenCalledOnce();
    expect(auth()).toMatchObject({ sessionId: undefined });
    client.receiveHostSession(SESSION);
    expect(connect).toHaveBeenCalledOnce();
    expect(auth()).toMatchObject({ sessionId: undefined });
  });

  it("ignores the loader's token when the frame has its own session", () => {
    const { client, auth } = setup(STORED);
    start(client, OTHER_SESSION);
    expect(auth()).toMatchObject({ sessionId: SESSION });
  });

  it("clears the host page's copy when the session ends", async () => {
    const { client, socket, ofType } = setup({}, { storage: "blocked" });
    start(client, SESSION);
    session(socket, SESSION, [], true);
    const ended = client.endSession();
    socket.acks[0]?.resolve({ ok: true, data: null });
    await ended;
    expect(ofType("session:store")).toEqual([{ type: "session:store", token: null }]);
  });
});

describe("chat client forms", () => {
  const fields = [{ key: "email", type: "email" as const, label: "E-Mail", required: true, options: [] }];

  it("shows the pre-chat form until it is answered; submitting connects, waits for the session and sends lead:submit", async () => {
    const { client, socket, connect, data } = setup({}, { widgetConfig: withPreChat });
    start(client);
    expect(client.getView().preChatDone).toBe(false);
    const result = client.submitLead({ kind: "prechat", fields: { email: "ada@example.com" } }, fields);
    expect(connect).toHaveBeenCalledOnce();
    expect(socket.acks).toEqual([]);
    session(socket);
    await flush();
    expect(socket.acks[0]).toMatchObject({ event: "lead:submit", payload: { kind: "prechat", fields: { email: "ada@example.com" } } });
    socket.acks[0]?.resolve({ ok: true, data: { leadId: "l1" } });
    expect(await result).toEqual({ ok: true });
    expect(client.getView().preChatDone).toBe(true);
    expect(data.size).toBe(1);
  });

  it("reports a refused form with the field the server names, and keeps the form", async () => {
    const { client, socket } = setup({}, { widgetConfig: withPreChat });
    start(client);
    const result = client.submitLead({ kind: "prechat", fields: { email: "x" } }, fields);
    session(socket);
    await flush();
    socket.acks[0]?.resolve({ ok: false, error: { code: "validation_failed", message: "Enter a valid email address.", details: { field: "email" } } });
    expect(await result).toEqual({ ok: false, error: { code: "validation_failed", message: "Enter a valid email address.", field: "email" } });
    expect(client.getView().preChatDone).toBe(false);
  });

  it("skips the pre-chat form for a returning visitor", () => {
    const { client } = setup(STORED, { widgetConfig: withPreChat });
    expect(client.getView().preChatDone).toBe(true);
  });

  it("shows a notice in the conversation that survives a full re-sync", () => {
    const { client, socket } = setup(STORED);
    start(client);
    client.notify("Danke!");
    session(socket, SESSION, [visitorMessage("c1")]);
    expect(client.getView().chat.messages.map((message) => message.role)).toEqual(["visitor", "system"]);
    expect(client.getView().announcement).toBe("Danke!");
  });
});
