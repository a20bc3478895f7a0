/**
 * The console's connection to the `/operator` namespace, outside React: owns the socket and
 * the reducer state, so handlers always see current state and components only subscribe
 * (useSyncExternalStore). A fresh console token is fetched before every (re)connect; after a
 * reconnect every open chat re-syncs from the last message it saw and unconfirmed messages
 * are sent again with the same clientMessageId (the server de-duplicates).
 */
import { io, type Socket } from "socket.io-client";
import { OPERATOR_NAMESPACE, type TCannedResponse, type TConsoleMessage, type TConversationDetails, type TOperatorClientEvents, type TOperatorServerEvents, type TOperatorStatus, type TQueueItem, type TVisitorDetails } from "@/lib/live-chat/protocol";
import type { TAck, TCitation } from "@/lib/widget/protocol";
import { newClientMessageId, parseCommand } from "./composer-logic";
import { consoleReducer, initialConsoleState, lastMessageId, neighbourTab, type TConsoleAction, type TConsoleState, type TRefusal } from "./console-state";
import { DISCONNECTED_REFUSAL, TIMEOUT_REFUSAL, isTransient, toRefusal } from "./refusal";

export type TOperatorSocket = Socket<TOperatorServerEvents, TOperatorClientEvents>;

/** Something the page should make noticeable (sound, notification, toast, live region). */
export type TConsoleSignal =
  | { type: "offer"; item: TQueueItem }
  | { type: "visitorMessage"; conversationId: string; message: TConsoleMessage; active: boolean }
  | { type: "notice"; kind: Parameters<TOperatorServerEvents["notice"]>[0]["kind"]; conversationId: string | null; text: string }
  | { type: "command"; command: { type: "open" | "goto"; url: string } };

export type TResult<T> = { ok: true; data: T } | { ok: false; error: TRefusal };

/** Auth codes after which reconnecting cannot help (the page shows why). */
const FATAL = new Set(["not_found", "forbidden", "workspace_mismatch", "token_revoked", "signed_out"]);
const ACK_TIMEOUT_MS = 15_000;
const ACTIVITY_EVERY_MS = 30_000;
const TYPING_STALE_MS = 10_000;
const RETRY_MAX_MS = 30_000;

export type TTokenFetcher = (slug: string) => Promise<string>;

class TokenError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** `POST /api/console/token` with the dashboard session cookie. */
export const fetchConsoleToken: TTokenFetcher = async (slug) => {
  let res: Response;
  try {
    res = await fetch("/api/console/token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ workspace: slug }), cache: "no-store", credentials: "same-origin" });
  } catch {
    throw new TokenError("network");
  }
  if (res.status === 401) throw new TokenError("signed_out");
  const body = (await res.json().catch(() => null)) as { token?: string; error?: { code?: string } } | null;
  if (!res.ok || !body?.token) throw new TokenError(body?.error?.code ?? "internal");
  return body.token;
};

export type TConsoleClientOptions = {
  slug: string;
  onSignal?: (signal: TConsoleSignal) => void;
  fetchToken?: TTokenFetcher;
  /** For tests: opens the socket (autoConnect off) with the given auth callback. */
  connect?: (auth: (cb: (data: object) => void) => void) => TOperatorSocket;
};

export function createConsoleClient({ slug, onSignal: initialSignal, fetchToken = fetchConsoleToken, connect }: TConsoleClientOptions) {
  let state: TConsoleState = initialConsoleState;
  let signalHandler = initialSignal ?? (() => undefined);
  const onSignal = (signal: TConsoleSignal) => signalHandler(signal);
  const listeners = new Set<() => void>();
  let socket: TOperatorSocket | null = null;
  let tokenFailure: string | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retries = 0;
  let lastActivityAt = 0;
  let restoredTabs = false;
  const typingSent = new Map<string, boolean>();
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  function dispatch(action: TConsoleAction) {
    state = consoleReducer(state, action);
    for (const listener of listeners) listener();
  }

  function request<T>(event: keyof TOperatorClientEvents, payload: unknown): Promise<TResult<T>> {
    const s = socket;
    if (!s?.connected) return Promise.resolve({ ok: false, error: DISCONNECTED_REFUSAL });
    return new Promise((resolve) => {
      (s as unknown as Socket).timeout(ACK_TIMEOUT_MS).emit(event, payload, (err: Error | null, res: TAck<T>) => {
        if (err) resolve({ ok: false, error: TIMEOUT_REFUSAL });
        else if (res?.ok) resolve({ ok: true, data: res.data });
        else resolve({ ok: false, error: toRefusal(res?.error ?? { code: "internal", message: "" }) });
      });
    });
  }

  function scheduleRetry() {
    if (retryTimer || !socket) return;
    const delay = Math.min(RETRY_MAX_MS, 1000 * 2 ** Math.min(retries, 5)) * (0.75 + Math.random() / 2);
    retries += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (socket && !socket.connected) socket.connect();
    }, delay);
  }

  function createSocket(): TOperatorSocket {
    const auth = (cb: (data: object) => void) => {
      tokenFailure = null;
      fetchToken(slug).then(
        (token) => cb({ token, workspace: slug }),
        (error: unknown) => {
          tokenFailure = error instanceof TokenError ? error.code : "network";
          cb({ workspace: slug });
        },
      );
    };
    if (connect) return connect(auth);
    return io(OPERATOR_NAMESPACE, {
      path: "/socket.io/",
      transports: ["websocket"],
      auth,
      autoConnect: false,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 10_000,
      timeout: 10_000,
    }) as TOperatorSocket;
  }

  function wire(s: TOperatorSocket) {
    s.on("connect", () => {
      retries = 0;
    });
    s.on("connect_error", (error: Error & { data?: { code?: string } }) => {
      const code = tokenFailure ?? error.data?.code ?? error.message;
      if (FATAL.has(code)) {
        dispatch({ type: "failed", code });
        return;
      }
      dispatch({ type: "connecting" });
      // A refused handshake (e.g. an expired token) is not retried by socket.io itself.
      if (!s.active) scheduleRetry();
    });
    s.on("disconnect", (reason) => {
      dispatch({ type: "disconnected" });
      typingSent.clear();
      if (reason === "io server disconnect") scheduleRetry();
    });
    s.on("ready", ({ me, workspace }) => {
      dispatch({ type: "ready", me, workspace });
      resync();
    });
    s.on("queue", ({ conversations }) => {
      dispatch({ type: "queue", conversations });
      if (!restoredTabs && state.me) {
        // After a reload, the chats this operator is handling come back as tabs.
        restoredTabs = true;
        for (const item of conversations) if (item.status === "assigned" && item.assignedTo?.userId === state.me.userId) openChat(item.id, { activate: false });
      }
    });
    s.on("conversation:offer", ({ conversation }) => onSignal({ type: "offer", item: conversation }));
    s.on("conversation:status", (payload) => {
      const before = state.chats[payload.conversationId]?.conversation?.status;
      dispatch({ type: "conversationStatus", ...payload });
      // A chat that came to us (or back from the bot) may carry messages we never received.
      if (before && before !== payload.status && payload.status !== "closed") resyncChat(payload.conversationId);
    });
    s.on("message:new", ({ message }) => {
      const chat = state.chats[message.conversationId];
      if (!chat) {
        const item = state.queue?.find((q) => q.id === message.conversationId);
        if (item?.status === "assigned" && item.assignedTo?.userId === state.me?.userId) openChat(message.conversationId, { activate: false });
      } else {
        const isNew = !chat.messages.some((m) => m.id === message.id);
        dispatch({ type: "messageNew", message });
        if (isNew && message.role === "visitor") onSignal({ type: "visitorMessage", conversationId: message.conversationId, message, active: state.activeId === message.conversationId });
      }
    });
    s.on("typing", (payload) => {
      dispatch({ type: "typing", ...payload });
      const key = `${payload.conversationId}:${payload.userId ?? "visitor"}`;
      const timer = typingTimers.get(key);
      if (timer) clearTimeout(timer);
      typingTimers.delete(key);
      // A lost "stopped typing" must not leave the indicator on forever.
      if (payload.active) {
        typingTimers.set(
          key,
          setTimeout(() => {
            typingTimers.delete(key);
            dispatch({ ...payload, type: "typing", active: false });
          }, TYPING_STALE_MS),
        );
      }
    });
    s.on("visitors", ({ visitors }) => dispatch({ type: "visitors", visitors }));
    s.on("operators", ({ operators }) => dispatch({ type: "operators", operators }));
    s.on("visitor:page", ({ conversationId, page }) => dispatch({ type: "visitorPage", conversationId, page, at: new Date().toISOString() }));
    s.on("notice", (notice) => {
      if (notice.kind === "auto_away") dispatch({ type: "autoAway" });
      if ((notice.kind === "transferred_to_you" || notice.kind === "invitation_accepted") && notice.conversationId) openChat(notice.conversationId, { activate: false });
      if (notice.kind === "visitor_rated" && notice.conversationId && state.chats[notice.conversationId]) resyncChat(notice.conversationId);
      onSignal({ type: "notice", kind: notice.kind, conversationId: notice.conversationId, text: notice.text });
    });
  }

  /** After (re)connecting: every open chat catches up, unconfirmed messages go out again. */
  function resync() {
    for (const id of state.tabs) {
      resyncChat(id);
      for (const pending of state.chats[id]?.pending ?? []) {
        if (pending.state === "sending" || (pending.error && isTransient(pending.error))) void deliver(id, pending.clientMessageId, pending.text, pending.internal);
      }
    }
  }

  async function resyncChat(id: string) {
    const chat = state.chats[id];
    if (!chat) return;
    const since = lastMessageId(chat);
    const res = await request<{ conversation: TConversationDetails; messages: TConsoleMessage[]; visitor: TVisitorDetails }>("conversation:open", since ? { conversationId: id, since } : { conversationId: id });
    if (res.ok) dispatch({ type: "chatOpened", id, ...res.data });
    else if (!isTransient(res.error)) dispatch({ type: "chatFailed", id, error: res.error });
  }

  async function openChat(id: string, options: { activate?: boolean } = {}) {
    if (state.chats[id] && !state.chats[id].error) {
      if (options.activate ?? true) dispatch({ type: "activate", id });
      return;
    }
    dispatch({ type: "chatOpening", id, activate: options.activate ?? true });
    const res = await request<{ conversation: TConversationDetails; messages: TConsoleMessage[]; visitor: TVisitorDetails }>("conversation:open", { conversationId: id });
    if (!state.chats[id]) return;
    if (res.ok) dispatch({ type: "chatOpened", id, ...res.data });
    else dispatch({ type: "chatFailed", id, error: res.error });
  }

  async function deliver(id: string, clientMessageId: string, text: string, internal: boolean): Promise<TResult<{ message: TConsoleMessage; command?: { type: "open" | "goto"; url: string } }>> {
    // While disconnected the message waits as "sending"; the re-sync after `ready` sends it.
    if (!socket?.connected) return { ok: false, error: DISCONNECTED_REFUSAL };
    const res = await request<{ message: TConsoleMessage; command?: { type: "open" | "goto"; url: string } }>("message:send", { conversationId: id, text, clientMessageId, ...(internal ? { internal: true } : {}) });
    if (res.ok) {
      dispatch({ type: "sendConfirmed", id, clientMessageId, message: res.data.message });
      if (res.data.command) onSignal({ type: "command", command: res.data.command });
    } else if (res.error.code !== "disconnected") {
      dispatch({ type: "sendFailed", id, clientMessageId, error: res.error });
    }
    return res;
  }

  function setTyping(id: string, active: boolean) {
    if ((typingSent.get(id) ?? false) === active) return;
    typingSent.set(id, active);
    if (socket?.connected) socket.emit("typing", { conversationId: id, active });
  }

  return {
    getState: () => state,
    /** Where signals go (the page's alerts); returns the undo for an effect cleanup. */
    onSignal(handler: (signal: TConsoleSignal) => void) {
      signalHandler = handler;
      return () => {
        if (signalHandler === handler) signalHandler = () => undefined;
      };
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (socket) return;
      socket = createSocket();
      wire(socket);
      dispatch({ type: "connecting" });
      socket.connect();
    },
    stop() {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      for (const timer of typingTimers.values()) clearTimeout(timer);
      typingTimers.clear();
      socket?.removeAllListeners();
      socket?.disconnect();
      socket = null;
    },
    /** Reconnect now (the banner's "try again"). */
    reconnect() {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      if (socket && !socket.connected) {
        dispatch({ type: "connecting" });
        socket.connect();
      }
    },
    async setStatus(status: TOperatorStatus): Promise<TResult<{ status: TOperatorStatus }>> {
      const res = await request<{ status: TOperatorStatus }>("status:set", { status });
      if (res.ok) dispatch({ type: "status", status: res.data.status });
      return res;
    },
    /** Keyboard or mouse use at the console; tells the server at most every 30 s. */
    activity() {
      const now = Date.now();
      if (now - lastActivityAt < ACTIVITY_EVERY_MS || !socket?.connected) return;
      lastActivityAt = now;
      socket.emit("activity", {});
    },
    openChat,
    activate: (id: string) => dispatch({ type: "activate", id }),
    cycle(step: 1 | -1) {
      const id = neighbourTab(state, step);
      if (id) dispatch({ type: "activate", id });
    },
    closeTab(id: string) {
      setTyping(id, false);
      dispatch({ type: "closeTab", id });
    },
    async accept(id: string): Promise<TResult<{ conversation: TConversationDetails }>> {
      const res = await request<{ conversation: TConversationDetails }>("conversation:accept", { conversationId: id });
      if (res.ok) {
        await openChat(id);
        dispatch({ type: "conversation", conversation: res.data.conversation });
        void resyncChat(id);
      }
      return res;
    },
    decline: (id: string) => request<null>("conversation:decline", { conversationId: id }),
    /**
     * Sends a message: shown at once as pending, confirmed by the ack. A command
     * (`open:`/`goto:`) is not shown until the server accepted it, because it may be refused.
     */
    async send(id: string, text: string, internal: boolean) {
      const clientMessageId = newClientMessageId();
      const optimistic = internal || !parseCommand(text);
      if (optimistic) dispatch({ type: "sendStarted", id, pending: { clientMessageId, text, internal, createdAt: new Date().toISOString() } });
      setTyping(id, false);
      return deliver(id, clientMessageId, text, internal);
    },
    retry(id: string, clientMessageId: string) {
      const pending = state.chats[id]?.pending.find((p) => p.clientMessageId === clientMessageId);
      if (!pending) return;
      dispatch({ type: "sendStarted", id, pending: { clientMessageId, text: pending.text, internal: pending.internal, createdAt: pending.createdAt } });
      void deliver(id, clientMessageId, pending.text, pending.internal);
    },
    discard: (id: string, clientMessageId: string) => dispatch({ type: "sendDiscarded", id, clientMessageId }),
    setTyping,
    async transfer(id: string, to: { type: "operator"; userId: string } | { type: "department"; departmentId: string }, note: string) {
      const res = await request<{ conversation: TConversationDetails }>("conversation:transfer", { conversationId: id, to, ...(note.trim() ? { note: note.trim() } : {}) });
      if (res.ok) {
        dispatch({ type: "conversation", conversation: res.data.conversation });
        void resyncChat(id);
      }
      return res;
    },
    async close(id: string, tags: string[]) {
      setTyping(id, false);
      const res = await request<{ conversation: TConversationDetails }>("conversation:close", { conversationId: id, tags });
      if (res.ok) {
        dispatch({ type: "conversation", conversation: res.data.conversation });
        void resyncChat(id);
      }
      return res;
    },
    invite: (visitorKey: string, text: string) => request<{ invitationId: string }>("visitor:invite", { visitorKey, text }),
    canned: (query: string, conversationId?: string) => request<{ responses: TCannedResponse[] }>("canned:list", { ...(query ? { query } : {}), ...(conversationId ? { conversationId } : {}) }),
    suggest: (id: string) => request<{ text: string; citations: TCitation[] }>("reply:suggest", { conversationId: id }),
  };
}

export type TConsoleClient = ReturnType<typeof createConsoleClient>;
