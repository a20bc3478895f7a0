/**
 * The frame's /widget socket, for the chat client: connecting (after the loader had its
 * chance to name a session), reconnecting, the re-sync on every `session`, and the outbox:
 * messages still "sending" go out once synced, after the invitation they answer. The client
 * owns the session and the state; this owns the socket and reports what happened.
 */
import type { TWidgetAuth, TWidgetMessage, TWidgetServerEvents } from "../../lib/widget/protocol";
import { connectWidgetSocket, type TWidgetSocket } from "./socket";
import type { TConnection } from "./state";
import { createWaiters } from "./waiters";

export const ACK_TIMEOUT_MS = 20_000;
const END_TIMEOUT_MS = 5_000;
/** How long a frame without a session of its own waits for the loader's `session`. */
export const HOST_SESSION_WAIT_MS = 1_000;

export type TSend = { clientMessageId: string; text: string };
export type TSendFailure = { code: string; retryAfterSeconds?: number };
export type TSessionPayload = Parameters<TWidgetServerEvents["session"]>[0];
export type TVisitor = { name?: string; email?: string };

export type TConnectionDeps = {
  origin: string;
  /** Read on every (re)connect: the current session id and last seen message. */
  auth: () => TWidgetAuth;
  connect: typeof connectWidgetSocket;
  /** Whether there is a session to reconnect to (stored, or adopted from the loader). */
  hasSession: () => boolean;
  setConnection: (connection: TConnection) => void;
  /** Every `session` (the first connect and each reconnect): the client takes over its state. */
  resync: (payload: TSessionPayload) => void;
  /** Messages still waiting to go out, sent after each re-sync. */
  outbox: () => TSend[];
  /** An invitation the visitor's messages answer, accepted before they go out (null: none). */
  answerFirst: () => Promise<void> | null;
  sent: (message: TWidgetMessage) => void;
  /** Refused (with the server's reason), or lost with the connection (without). */
  sendFailed: (clientMessageId: string, failure?: TSendFailure) => void;
  /** What the visitor told about themselves, sent again after each re-sync. */
  visitor: () => TVisitor | null;
  /** The conversation's own events on a new socket (messages, typing, status, commands). */
  listen: (socket: TWidgetSocket) => void;
};

export function createConnection(deps: TConnectionDeps) {
  const syncWaiters = createWaiters();
  let socket: TWidgetSocket | null = null;
  let synced = false;
  let hostWait: ReturnType<typeof setTimeout> | null = null;
  let connectAfterWait = false;

  function emitSend(send: TSend) {
    socket
      ?.timeout(ACK_TIMEOUT_MS)
      .emitWithAck("message:send", send)
      .then((response) => {
        if (!response.ok) {
          const { code, retryAfterSeconds } = response.error;
          return deps.sendFailed(send.clientMessageId, { code, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) });
        }
        deps.sent(response.data.message);
      })
      // Lost with the connection: it stays "sending" and goes out again after the re-sync.
      .catch(() => synced && deps.sendFailed(send.clientMessageId));
  }

  /** The visitor's reply to an invitation answers it first (`invitation:accept`), then goes out. */
  function deliver(sends: TSend[]) {
    const answering = deps.answerFirst();
    if (!answering) return sends.forEach(emitSend);
    void answering.then(() => synced && sends.forEach(emitSend));
  }

  function wire(next: TWidgetSocket) {
    next.on("session", (payload) => {
      synced = true;
      deps.resync(payload);
      deliver(deps.outbox());
      const visitor = deps.visitor();
      if (visitor) next.emit("visitor:update", visitor, () => undefined);
      syncWaiters.release();
    });
    deps.listen(next);
    next.on("disconnect", (reason) => {
      synced = false;
      if (reason !== "io client disconnect") deps.setConnection("offline");
    });
    next.on("connect_error", () => deps.setConnection("offline"));
  }

  function ensureConnected() {
    if (socket) return;
    deps.setConnection("connecting");
    socket = deps.connect(deps.origin, deps.auth);
    wire(socket);
  }

  function endHostWait() {
    if (!hostWait) return;
    clearTimeout(hostWait);
    hostWait = null;
    if (deps.hasSession() || connectAfterWait) ensureConnected();
  }

  /** Connects for the visitor's interaction, after the loader had its chance to name a session. */
  function connectSoon() {
    if (hostWait) connectAfterWait = true;
    else ensureConnected();
  }

  function reconnect() {
    if (!socket) return ensureConnected();
    deps.setConnection("connecting");
    socket.disconnect().connect();
  }

  return {
    socket: () => socket,
    synced: () => synced,
    /** Embedded, waits for the loader's answer to `ready`; on its own, reconnects a stored session. */
    start(embedded: boolean) {
      if (embedded) hostWait = setTimeout(endHostWait, HOST_SESSION_WAIT_MS);
      else if (deps.hasSession()) ensureConnected();
      window.addEventListener("online", () => socket && !socket.connected && reconnect());
    },
    /** The loader answered `ready` (with or without a session); `adopted`: it named one to connect to. */
    hostAnswered(adopted: boolean) {
      if (hostWait) endHostWait();
      else if (adopted) ensureConnected();
    },
    connectSoon,
    reconnect,
    deliver,
    /** Resolves true once the session is synced (connecting if needed), false after the ack timeout. */
    whenSynced(): Promise<boolean> {
      if (synced) return Promise.resolve(true);
      connectSoon();
      return syncWaiters.wait(ACK_TIMEOUT_MS);
    },
    /** Ends the conversation on the server when synced (`session:end`), then drops the socket. */
    async end() {
      const current = socket;
      if (current && synced) await current.timeout(END_TIMEOUT_MS).emitWithAck("session:end", {}).catch(() => undefined);
      current?.disconnect();
      socket = null;
      synced = false;
    },
  };
}

export type TConnectionHandle = ReturnType<typeof createConnection>;
