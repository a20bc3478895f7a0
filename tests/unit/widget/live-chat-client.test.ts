import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TInvitation } from "@/lib/live-chat/protocol";
import type { TWidgetAuth, TWidgetConfig, TWidgetMessage } from "@/lib/widget/protocol";
import type { TBridge } from "@/widget/frame/bridge";
import { createChatClient } from "@/widget/frame/chat-client";
import { readFrameConfig } from "@/widget/frame/pre-chat-config";
import { createSessionStore } from "@/widget/frame/session-store";
import type { TWidgetSocket } from "@/widget/frame/socket";
import { FakeSocket } from "./helpers/fake-socket";

const SESSION = "s_0123456789abcdefghijklmnopqrstuvwxyz-ABCD";
const VISITOR_KEY = "vk_0123456789abcdefgh";
const ANNA = { name: "Anna Berger", avatarUrl: "/api/avatars/AAAAAAAAAAAAAAAAAAAAAA" };
const INVITATION: TInvitation = { invitationId: "Inv0123456789abcdefghi", operator: ANNA, text: "Hallo! Darf ich Ihnen helfen?" };
const STORED = { "chatwerk:v1:bot_1": JSON.stringify({ sessionId: SESSION, open: true }) };

const plain = readFrameConfig({ botId: "bot_1", origin: "https://app.example", title: "Helper" }) as TWidgetConfig;
const withDepartment = readFrameConfig({
  botId: "bot_1",
  origin: "https://app.example",
  title: "Helper",
  preChat: { enabled: true, fields: [{ key: "abteilung", type: "department", label: { de: "Abteilung", en: "Department" }, required: true, options: [] }] },
  departments: [{ id: "dep_1", name: "Vertrieb" }],
}) as TWidgetConfig;

function setup(initial: Record<string, string> = {}, widgetConfig = plain) {
  const data = new Map(Object.entries(initial));
  const memory = { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value), removeItem: (key: string) => void data.delete(key) };
  const posted: { type: string }[] = [];
  const bridge: TBridge = { embedded: true, post: (message) => void posted.push(message as { type: string }), listen: () => () => undefined };
  const socket = new FakeSocket();
  let auth: (() => TWidgetAuth) | null = null;
  const connect = vi.fn((_origin: string, getAuth: () => TWidgetAuth) => {
    auth = getAuth;
    return socket as unknown as TWidgetSocket;
  });
  const client = createChatClient({
    config: widgetConfig,
    bridge,
    locale: "de-DE",
    store: createSessionStore("bot_1", () => memory as unknown as Storage),
    announce: (name, text) => `${name}: ${text}`,
    connect,
  });
  return { client, data, posted, socket, connect, auth: () => auth?.() };
}

/** `ready` → the loader's `presence`, then `session` (as widget/loader.ts sends them). */
function start(client: ReturnType<typeof setup>["client"], humanAvailable = true) {
  client.start();
  client.setPresence({ visitorKey: VISITOR_KEY, humanAvailable });
  client.receiveHostSession(null);
}

const session = (socket: FakeSocket, status: "bot" | "queued" | "assigned" | "closed" = "bot", messages: TWidgetMessage[] = []) =>
  socket.serverEmit("session", { sessionId: SESSION, conversation: { id: "c1", status }, messages, incremental: false });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const operatorMessage = (text: string): TWidgetMessage => ({ id: "op1", clientMessageId: null, role: "operator", text, createdAt: "2026-01-01T10:00:00.000Z", status: "done", citations: [], author: ANNA });
const events = (socket: FakeSocket) => socket.emitted.map((item) => item.event);

beforeEach(() => {
  vi.stubGlobal("window", new EventTarget());
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("live chat in the frame: presence and handoff", () => {
  it("connects a returning visitor once the loader answered, with its visitorKey in the handshake", () => {
    const { client, connect, auth } = setup(STORED);
    client.start();
    expect(connect).not.toHaveBeenCalled();
    client.setPresence({ visitorKey: VISITOR_KEY, humanAvailable: true });
    client.receiveHostSession(null);
    expect(connect).toHaveBeenCalledOnce();
    expect(auth()).toMatchObject({ sessionId: SESSION, visitorKey: VISITOR_KEY });
    expect(client.getView().live.humanAvailable).toBe(true);
  });

  it("asks for a human with the pre-chat form's department, and shows the queue position", async () => {
    const { client, socket, data } = setup({}, withDepartment);
    start(client);
    const submitted = client.submitLead({ kind: "prechat", fields: {} }, [], "dep_1");
    session(socket);
    await flush();
    socket.ack("lead:submit")?.resolve({ ok: true, data: { leadId: "l1" } });
    await submitted;
    expect(JSON.parse(data.get("chatwerk:v1:bot_1") as string)).toEqual({ sessionId: SESSION, open: false, departmentId: "dep_1" });

    const asked = client.requestHuman();
    expect(client.getView().live.requesting).toBe(true);
    await flush();
    expect(socket.ack("handoff:request")?.payload).toEqual({ departmentId: "dep_1" });
    socket.serverEmit("conversation:status", { status: "queued", operator: null });
    socket.ack("handoff:request")?.resolve({ ok: true, data: { status: "queued", position: 3 } });
    await asked;
    expect(client.getView().live).toMatchObject({ status: "queued", queuePosition: 3, requesting: false });

    socket.serverEmit("conversation:status", { status: "assigned", operator: ANNA });
    socket.serverEmit("typing", { from: "operator", active: true });
    expect(client.getView().live.operator).toEqual(ANNA);
    expect(client.getView().chat.typing.operator).toBe(true);
  });

  it("connects for the request (an interaction) and asks again without a department that is gone", async () => {
    const { client, socket, connect, data } = setup({ "chatwerk:v1:bot_1": JSON.stringify({ sessionId: SESSION, open: false, departmentId: "dep_gone" }) });
    start(client);
    expect(connect).toHaveBeenCalledOnce();
    const asked = client.requestHuman();
    session(socket);
    await flush();
    socket.ack("handoff:request")?.resolve({ ok: false, error: { code: "not_found", message: "Department not found." } });
    await flush();
    expect(socket.ack("handoff:request")?.payload).toEqual({});
    socket.ack("handoff:request")?.resolve({ ok: true, data: { status: "offline", message: "Wir sind ab 9 Uhr da." } });
    await asked;
    expect(client.getView().live.offline).toEqual({ message: "Wir sind ab 9 Uhr da." });
    expect(JSON.parse(data.get("chatwerk:v1:bot_1") as string).departmentId).toBeUndefined();
  });

  it("forwards an operator's goto/open command to the loader", () => {
    const { client, socket, posted } = setup(STORED);
    start(client);
    session(socket, "assigned");
    socket.serverEmit("command", { type: "goto", url: "https://shop.example/cart" });
    expect(posted).toContainEqual({ type: "command", command: { type: "goto", url: "https://shop.example/cart" } });
  });
});

describe("live chat in the frame: invitations", () => {
  it("shows an invitation as the operator's message without connecting or storing anything", () => {
    const { client, connect, data } = setup();
    start(client);
    client.receiveInvitation(INVITATION);
    const [shown] = client.getView().chat.messages;
    expect(shown).toMatchObject({ role: "operator", text: INVITATION.text, author: ANNA, local: true });
    expect(client.getView().announcement).toBe(`Anna Berger: ${INVITATION.text}`);
    expect(connect).not.toHaveBeenCalled();
    expect(data.size).toBe(0);
  });

  it("answers it with invitation:accept before the visitor's first message, and shows the operator's message once", async () => {
    const { client, socket, auth } = setup();
    start(client);
    client.receiveInvitation(INVITATION);
    client.send("Ja, gern!");
    expect(auth()).toMatchObject({ visitorKey: VISITOR_KEY });
    session(socket);
    expect(events(socket)).toEqual(["invitation:accept"]);
    expect(socket.ack("invitation:accept")?.payload).toEqual({ invitationId: INVITATION.invitationId });

    socket.serverEmit("message:new", operatorMessage(INVITATION.text));
    socket.serverEmit("conversation:status", { status: "assigned", operator: ANNA });
    socket.ack("invitation:accept")?.resolve({ ok: true, data: { status: "assigned", operator: ANNA } });
    await flush();
    expect(events(socket)).toEqual(["invitation:accept", "message:send"]);
    expect(client.getView().chat.messages.filter((message) => message.role === "operator")).toHaveLength(1);
    expect(client.getView().live).toMatchObject({ invitation: null, status: "assigned", operator: ANNA });

    // Later messages go straight out.
    client.send("Noch eine Frage");
    expect(events(socket)).toEqual(["invitation:accept", "message:send", "message:send"]);
  });

  it("sends the reply to the bot when the invitation expired, and says so", async () => {
    const { client, socket } = setup();
    start(client);
    client.receiveInvitation(INVITATION);
    client.send("Hallo?");
    session(socket);
    socket.ack("invitation:accept")?.resolve({ ok: false, error: { code: "not_found", message: "This invitation has expired." } });
    await flush();
    expect(events(socket)).toEqual(["invitation:accept", "message:send"]);
    expect(client.getView().live).toMatchObject({ invitation: null, notice: "invitationExpired" });
  });

  it("opens the panel for an invitation that reaches the open frame over the socket", () => {
    const { client, socket, posted } = setup(STORED);
    start(client);
    session(socket);
    socket.serverEmit("invitation", INVITATION);
    expect(posted).toContainEqual({ type: "open" });
    socket.serverEmit("invitation", { ...INVITATION, invitationId: "<script>" });
    expect(client.getView().chat.messages).toHaveLength(1);
  });

  it("skips the pre-chat form for an invited visitor", () => {
    const { client } = setup({}, withDepartment);
    start(client);
    expect(client.getView().preChatDone).toBe(false);
    client.receiveInvitation(INVITATION);
    expect(client.getView().preChatDone).toBe(true);
  });
});

describe("live chat in the frame: post-chat survey", () => {
  it("asks after the operator closes the chat and sends the rating with a trimmed comment", async () => {
    const { client, socket } = setup(STORED);
    start(client);
    session(socket, "assigned");
    socket.serverEmit("conversation:status", { status: "assigned", operator: ANNA });
    socket.serverEmit("conversation:status", { status: "closed", operator: null });
    expect(client.getView().live.survey).toEqual({ phase: "asking", ending: false, error: null });
    const rated = client.rate(4, "  Sehr gut  ");
    await flush();
    expect(socket.ack("rating:submit")?.payload).toEqual({ rating: 4, comment: "Sehr gut" });
    socket.ack("rating:submit")?.resolve({ ok: true, data: { conversationId: "c1" } });
    await rated;
    expect(client.getView().live.survey?.phase).toBe("thanks");
    expect(events(socket)).not.toContain("session:end");
  });

  it("rates before ending a chat the visitor closes, then ends it and keeps the thanks in view", async () => {
    const { client, socket, data } = setup(STORED);
    start(client);
    client.setOpen(true, true);
    session(socket, "assigned");
    socket.serverEmit("conversation:status", { status: "assigned", operator: ANNA });
    client.openSurvey(true);
    const rated = client.rate(5, "");
    await flush();
    expect(socket.ack("rating:submit")?.payload).toEqual({ rating: 5 });
    socket.ack("rating:submit")?.resolve({ ok: true, data: { conversationId: "c1" } });
    await flush();
    expect(events(socket).slice(-2)).toEqual(["rating:submit", "session:end"]);
    socket.ack("session:end")?.resolve({ ok: true, data: null });
    await rated;
    expect(data.size).toBe(0);
    expect(client.getView()).toMatchObject({ hasSession: false, open: true, live: { survey: { phase: "thanks", ending: true }, operator: null } });
    await client.dismissSurvey();
    expect(client.getView()).toMatchObject({ open: false, live: { survey: null } });
  });

  it("ends without a rating when the visitor skips", async () => {
    const { client, socket } = setup(STORED);
    start(client);
    client.setOpen(true, true);
    session(socket, "assigned");
    socket.serverEmit("conversation:status", { status: "assigned", operator: ANNA });
    client.openSurvey(true);
    const skipped = client.dismissSurvey();
    socket.ack("session:end")?.resolve({ ok: true, data: null });
    await skipped;
    expect(events(socket)).not.toContain("rating:submit");
    expect(client.getView()).toMatchObject({ hasSession: false, open: false, live: { survey: null } });
  });
});

describe("live chat in the frame: ending when there is nothing to rate", () => {
  it("still ends the chat", async () => {
    const { client, socket } = setup(STORED);
    start(client);
    session(socket, "assigned");
    socket.serverEmit("conversation:status", { status: "assigned", operator: ANNA });
    client.openSurvey(true);
    const rated = client.rate(3, "");
    await flush();
    socket.ack("rating:submit")?.resolve({ ok: false, error: { code: "nothing_to_rate", message: "There is no chat with our team to rate yet." } });
    await flush();
    socket.ack("session:end")?.resolve({ ok: true, data: null });
    await rated;
    expect(events(socket)).toContain("session:end");
    expect(client.getView()).toMatchObject({ hasSession: false, live: { survey: null } });
  });
});
