/**
 * The frame's conversation logic outside Preact: owns the socket, the session id and the
 * reducer state, so handlers always see current state and the UI only subscribes.
 * Nothing connects and nothing is stored until the visitor sends a first message,
 * unless a session id from an earlier visit exists.
 */
import { WIDGET_LIMITS, type TPageInfo, type TWidgetAuth, type TWidgetConfig, type TWidgetMessage } from "../../lib/widget/protocol";
import type { TBridge } from "./bridge";
import { markdownToPlainText } from "./markdown/plain-text";
import { randomId } from "./random-id";
import type { TSessionStore } from "./session-store";
import { connectWidgetSocket, type TWidgetSocket } from "./socket";
import { chatReducer, initialChatState, lastSeenMessageId, pendingSends, type TChatAction, type TChatState } from "./state";

export type TChatView = {
  chat: TChatState;
  open: boolean;
  hasSession: boolean;
  /** Text for the ARIA live region: the latest finished answer. */
  announcement: string;
};

type TVisitor = { name?: string; email?: string };

export type TChatClientOptions = {
  config: TWidgetConfig;
  store: TSessionStore;
  bridge: TBridge;
  locale: string;
  announce: (author: string, text: string) => string;
  connect?: typeof connectWidgetSocket;
};

const ACK_TIMEOUT_MS = 20_000;
const END_TIMEOUT_MS = 5_000;

export function createChatClient({ config, store, bridge, locale, announce, connect = connectWidgetSocket }: TChatClientOptions) {
  const stored = store.read();
  const listeners = new Set<(view: TChatView) => void>();
  const reported = new Set<string>();
  let sessionId = stored?.sessionId ?? null;
  let view: TChatView = { chat: initialChatState, open: !bridge.embedded, hasSession: sessionId !== null, announcement: "" };
  let socket: TWidgetSocket | null = null;
  let synced = false;
  let unread = 0;
  let page: TPageInfo | undefined;
  let visitor: TVisitor | null = null;

  function update(change: Partial<TChatView>) {
    view = { ...view, ...change };
    for (const listener of listeners) listener(view);
  }
  const apply = (action: TChatAction) => update({ chat: chatReducer(view.chat, action) });

  function auth(): TWidgetAuth {
    const since = sessionId ? lastSeenMessageId(view.chat.messages) : undefined;
    return { botId: config.botId, sessionId: sessionId ?? undefined, since, locale, page };
  }

  /** Tells the host page and the screen reader about a finished message, once per id. */
  function report(message: TWidgetMessage) {
    if (message.status === "streaming" || reported.has(message.id)) return;
    reported.add(message.id);
    bridge.post({ type: "event", name: "message", detail: { id: message.id, role: message.role, text: message.text } });
    if (message.role !== "bot" && message.role !== "operator") return;
    const author = message.author?.name ?? config.title;
    update({ announcement: announce(author, markdownToPlainText(message.text).slice(0, 400)) });
    if (!view.open) bridge.post({ type: "unread", count: ++unread });
  }

  function emitSend(send: { clientMessageId: string; text: string }) {
    socket
      ?.timeout(ACK_TIMEOUT_MS)
      .emitWithAck("message:send", send)
      .then((response) => {
        if (!response.ok) return apply({ type: "sendFailed", clientMessageId: send.clientMessageId });
        apply({ type: "ack", message: response.data.message });
        report(response.data.message);
      })
      // Lost with the connection: it stays "sending" and goes out again after the re-sync.
      .catch(() => synced && apply({ type: "sendFailed", clientMessageId: send.clientMessageId }));
  }

  function wire(next: TWidgetSocket) {
    next.on("session", (payload) => {
      if (payload.sessionId !== sessionId) reported.clear();
      sessionId = payload.sessionId;
      store.write({ sessionId, open: view.open });
      synced = true;
      for (const message of payload.messages) if (message.status !== "streaming") reported.add(message.id);
      apply({ type: "session", messages: payload.messages, incremental: payload.incremental, status: payload.conversation.status });
      update({ hasSession: true });
      apply({ type: "connection", connection: "online" });
      for (const send of pendingSends(view.chat.messages)) emitSend(send);
      if (visitor) next.emit("visitor:update", visitor, () => undefined);
    });
    next.on("message:new", (message) => {
      apply({ type: "message", message });
      report(message);
    });
    next.on("bot:delta", ({ messageId, delta }) => apply({ type: "delta", messageId, delta }));
    next.on("bot:done", ({ messageId, text, citations, status }) => {
      apply({ type: "done", messageId, text, citations, status });
      const message = view.chat.messages.find((item) => item.id === messageId);
      if (message) report(message);
    });
    next.on("typing", ({ from, active }) => apply({ type: "typing", from, active }));
    next.on("conversation:status", ({ status }) => apply({ type: "status", status }));
    next.on("command", (command) => bridge.post({ type: "command", command }));
    next.on("disconnect", (reason) => {
      synced = false;
      if (reason !== "io client disconnect") apply({ type: "connection", connection: "offline" });
    });
    next.on("connect_error", () => apply({ type: "connection", connection: "offline" }));
  }

  function ensureConnected() {
    if (socket) return;
    apply({ type: "connection", connection: "connecting" });
    socket = connect(config.origin, auth);
    wire(socket);
  }

  function reconnect() {
    if (!socket) return ensureConnected();
    apply({ type: "connection", connection: "connecting" });
    socket.disconnect().connect();
  }

  function setOpen(open: boolean, fromHost = false) {
    if (!bridge.embedded || open === view.open) return;
    if (open) unread = 0;
    if (sessionId) store.write({ sessionId, open });
    update({ open });
    if (open) bridge.post({ type: "unread", count: 0 });
    if (!fromHost) bridge.post({ type: open ? "open" : "close" });
  }

  return {
    getView: () => view,
    subscribe(listener: (view: TChatView) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Reconnects a returning visitor and announces readiness to the loader. */
    start() {
      if (sessionId) ensureConnected();
      bridge.post({ type: "ready", hasSession: sessionId !== null, open: stored?.open ?? false });
      window.addEventListener("online", () => socket && !socket.connected && reconnect());
    },
    send(text: string) {
      const body = text.trim().slice(0, WIDGET_LIMITS.messageMaxChars);
      if (!body) return;
      const clientMessageId = randomId();
      apply({ type: "send", clientMessageId, text: body, createdAt: new Date().toISOString() });
      if (synced) emitSend({ clientMessageId, text: body });
      else ensureConnected();
    },
    retry(clientMessageId: string) {
      const message = view.chat.messages.find((item) => item.delivery === "failed" && item.clientMessageId === clientMessageId);
      if (!message) return;
      apply({ type: "retry", clientMessageId });
      if (synced) emitSend({ clientMessageId, text: message.text });
      else ensureConnected();
    },
    reconnect,
    typing(active: boolean) {
      if (synced) socket?.emit("typing", { active });
    },
    setOpen,
    setVisitor(next: TVisitor) {
      visitor = { ...visitor, ...next };
      if (synced) socket?.emit("visitor:update", next, () => undefined);
    },
    setPage(next: TPageInfo) {
      page = next;
      if (synced) socket?.emit("page", next);
    },
    /** The close icon: ends the conversation on the server and forgets it here. */
    async endSession() {
      const current = socket;
      if (current && synced) await current.timeout(END_TIMEOUT_MS).emitWithAck("session:end", {}).catch(() => undefined);
      current?.disconnect();
      socket = null;
      synced = false;
      sessionId = null;
      unread = 0;
      reported.clear();
      store.clear();
      update({ chat: initialChatState, hasSession: false, announcement: "" });
      bridge.post({ type: "event", name: "session:end", detail: null });
      setOpen(false);
    },
  };
}

export type TChatClient = ReturnType<typeof createChatClient>;
