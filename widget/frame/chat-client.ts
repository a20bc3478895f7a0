/**
 * The frame's conversation logic outside Preact: owns the session id and the reducer state
 * (the socket through ./connection), so handlers always see current state and the UI only
 * subscribes.
 * Nothing connects and nothing is stored until the visitor's first interaction (a message,
 * a form, "talk to a human"), unless a session from an earlier visit exists: in the frame's
 * storage, or kept by the loader on the host page, which answers `ready` with `session`.
 * An operator's invitation is shown without connecting; the visitor's reply answers it.
 */
import type { TInvitation } from "../../lib/live-chat/protocol";
import { WIDGET_LIMITS, type TLeadSubmit, type TPageInfo, type TWidgetAuth, type TWidgetConfig, type TWidgetMessage } from "../../lib/widget/protocol";
import { isInvitation } from "../shared/post-message";
import type { TBridge } from "./bridge";
import { ACK_TIMEOUT_MS, createConnection, type TSessionPayload, type TVisitor } from "./connection";
import { readLeadError, type TFormField, type TLeadError } from "./lead-rules";
import { createLiveChat } from "./live-chat";
import { initialLiveState, liveReducer, type TLiveAction, type TLiveState } from "./live-state";
import { markdownToPlainText } from "./markdown/plain-text";
import { randomId } from "./random-id";
import { createSessionKeeper } from "./session-keeper";
import type { TSessionStore } from "./session-store";
import { connectWidgetSocket, type TWidgetSocket } from "./socket";
import { chatReducer, initialChatState, lastSeenMessageId, pendingSends, type TChatAction, type TChatState } from "./state";

export { HOST_SESSION_WAIT_MS } from "./connection";

export type TChatView = {
  chat: TChatState;
  /** Live chat: availability, queue, operator, invitation, survey. */
  live: TLiveState;
  open: boolean;
  hasSession: boolean;
  /** False while the bot's pre-chat form still has to be answered. */
  preChatDone: boolean;
  /** Text for the ARIA live region: the latest finished answer. */
  announcement: string;
};

export type TLeadResult = { ok: true } | { ok: false; error: TLeadError };

export type TChatClientOptions = {
  config: TWidgetConfig;
  store: TSessionStore;
  bridge: TBridge;
  locale: string;
  announce: (author: string, text: string) => string;
  connect?: typeof connectWidgetSocket;
};

const samePage = (a: TPageInfo | undefined, b: TPageInfo) => !!a && a.url === b.url && a.title === b.title && a.referrer === b.referrer;

export function createChatClient({ config, store, bridge, locale, announce, connect = connectWidgetSocket }: TChatClientOptions) {
  const stored = store.read();
  const keeper = createSessionKeeper(store, bridge);
  const listeners = new Set<(view: TChatView) => void>();
  const reported = new Set<string>();
  const preChatEnabled = config.preChat.enabled && config.preChat.fields.length > 0;
  let sessionId = stored?.sessionId ?? null;
  let departmentId = stored?.departmentId;
  /** The loader's per-page-load key (`presence`), sent in the handshake. */
  let visitorKey: string | undefined;
  let view: TChatView = {
    chat: initialChatState,
    live: initialLiveState(config.humanAvailable),
    open: !bridge.embedded,
    hasSession: sessionId !== null,
    preChatDone: !preChatEnabled || sessionId !== null,
    announcement: "",
  };
  let unread = 0;
  let page: TPageInfo | undefined;
  let visitor: TVisitor | null = null;
  /** A message or form in this page view. */
  let interacted = false;
  /** Whether the current session belongs in storage: the visitor has interacted with it. */
  let keepSession = sessionId !== null;

  function update(change: Partial<TChatView>) {
    view = { ...view, ...change };
    for (const listener of listeners) listener(view);
  }
  const apply = (action: TChatAction) => update({ chat: chatReducer(view.chat, action) });
  const applyLive = (action: TLiveAction) => update({ live: liveReducer(view.live, action) });

  function auth(): TWidgetAuth {
    const since = sessionId ? lastSeenMessageId(view.chat.messages) : undefined;
    return { botId: config.botId, sessionId: sessionId ?? undefined, since, locale, page, ...(visitorKey ? { visitorKey } : {}) };
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

  function persist() {
    if (sessionId && keepSession) keeper.keep(sessionId, view.open, departmentId);
  }

  function interact() {
    interacted = true;
    keepSession = true;
    if (connection.synced()) persist();
  }

  /** A `session` (first connect or reconnect): the session, its messages and live state. */
  function resync(payload: TSessionPayload) {
    if (payload.sessionId !== sessionId) {
      reported.clear();
      // The stored session is gone (ended elsewhere, expired): forget it, and keep the new
      // one only once the visitor interacts with it.
      if (sessionId !== null && !interacted) {
        keeper.forget();
        keepSession = false;
      }
    }
    sessionId = payload.sessionId;
    persist();
    for (const message of payload.messages) if (message.status !== "streaming") reported.add(message.id);
    apply({ type: "session", messages: payload.messages, incremental: payload.incremental, status: payload.conversation.status });
    applyLive({ type: "session", status: payload.conversation.status });
    update({ hasSession: true });
    apply({ type: "connection", connection: "online" });
  }

  /** The conversation's events on a new socket (the connection handles session and lifecycle). */
  function listen(next: TWidgetSocket) {
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
    next.on("conversation:status", ({ status, operator }) => {
      apply({ type: "status", status });
      applyLive({ type: "status", status, operator: operator ?? null });
    });
    next.on("command", (command) => bridge.post({ type: "command", command }));
    next.on("invitation", (invitation) => receiveInvitation(invitation, true));
  }

  const connection = createConnection({
    origin: config.origin,
    auth,
    connect,
    hasSession: () => sessionId !== null,
    setConnection: (state) => apply({ type: "connection", connection: state }),
    resync,
    outbox: () => pendingSends(view.chat.messages),
    answerFirst: () => (view.live.invitation ? live.acceptInvitation() : null),
    sent(message) {
      apply({ type: "ack", message });
      report(message);
    },
    sendFailed: (clientMessageId, failure) => apply({ type: "sendFailed", clientMessageId, ...(failure ? { failure } : {}) }),
    visitor: () => visitor,
    listen,
  });
  const { whenSynced, connectSoon, deliver, reconnect } = connection;

  const live = createLiveChat({
    socket: connection.socket,
    whenSynced,
    live: () => view.live,
    apply: applyLive,
    departmentId: () => departmentId,
    forgetDepartment: () => {
      departmentId = undefined;
      persist();
    },
  });

  /**
   * Shows an operator's invitation as their first message, without connecting or storing
   * anything; from the socket (this frame is open) the frame also asks to be opened.
   */
  function receiveInvitation(invitation: TInvitation, openPanel: boolean) {
    if (!isInvitation(invitation)) return;
    applyLive({ type: "invitation", invitation });
    if (view.live.invitation !== invitation) return;
    apply({ type: "invitation", invitation, createdAt: new Date().toISOString() });
    // The operator asked first: the pre-chat form would stand between the visitor and the reply.
    update({ preChatDone: true, announcement: announce(invitation.operator.name, invitation.text) });
    if (openPanel) setOpen(true);
  }

  function setOpen(open: boolean, fromHost = false) {
    if (!bridge.embedded || open === view.open) return;
    if (open) unread = 0;
    update({ open });
    persist();
    if (open) bridge.post({ type: "unread", count: 0 });
    if (!fromHost) bridge.post({ type: open ? "open" : "close" });
  }

  const client = {
    getView: () => view,
    subscribe(listener: (view: TChatView) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /**
     * Announces readiness to the loader and reconnects a returning visitor, embedded once the
     * loader answered (its `presence` comes first, so the handshake carries the visitor key).
     */
    start() {
      connection.start(bridge.embedded);
      bridge.post({ type: "ready", hasSession: sessionId !== null, open: stored?.open ?? false });
    },
    /** The loader's answer to `ready`: the token it keeps for us on the host page, if any. */
    receiveHostSession(token: string | null) {
      keeper.noteHostToken(token);
      const adopt = token !== null && sessionId === null && connection.socket() === null;
      if (adopt) {
        sessionId = token;
        keepSession = true;
        update({ hasSession: true, preChatDone: true });
      }
      connection.hostAnswered(adopt);
    },
    /** The loader's `presence`: the page load's visitor key and whether a human can be reached. */
    setPresence(presence: { visitorKey: string; humanAvailable: boolean }) {
      visitorKey = presence.visitorKey;
      if (presence.humanAvailable !== view.live.humanAvailable) applyLive({ type: "availability", humanAvailable: presence.humanAvailable });
    },
    /** An invitation the loader got from the presence beacon (it opens the panel itself). */
    receiveInvitation: (invitation: TInvitation) => receiveInvitation(invitation, false),
    /** False when the text is empty or too long; nothing is cut off silently. */
    send(text: string): boolean {
      const body = text.trim();
      if (!body || body.length > WIDGET_LIMITS.messageMaxChars) return false;
      const clientMessageId = randomId();
      interact();
      apply({ type: "send", clientMessageId, text: body, createdAt: new Date().toISOString() });
      if (connection.synced()) deliver([{ clientMessageId, text: body }]);
      else connectSoon();
      return true;
    },
    retry(clientMessageId: string) {
      const message = view.chat.messages.find((item) => item.delivery === "failed" && item.clientMessageId === clientMessageId);
      if (!message) return;
      interact();
      apply({ type: "retry", clientMessageId });
      if (connection.synced()) deliver([{ clientMessageId, text: message.text }]);
      else connectSoon();
    },
    /**
     * `lead:submit` (connecting first: a form is an interaction); the pre-chat form then gives
     * way to the chat, and its department goes with a later `handoff:request`.
     */
    async submitLead(lead: TLeadSubmit, fields: TFormField[], chosenDepartmentId?: string): Promise<TLeadResult> {
      const unavailable: TLeadResult = { ok: false, error: { code: "unavailable", message: "" } };
      interact();
      const socket = (await whenSynced()) ? connection.socket() : null;
      if (!socket) return unavailable;
      try {
        const response = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("lead:submit", lead);
        if (!response.ok) return { ok: false, error: readLeadError(response.error, fields) };
      } catch {
        return unavailable;
      }
      if (lead.kind === "prechat") {
        departmentId = chosenDepartmentId;
        persist();
        update({ preChatDone: true });
      }
      return { ok: true };
    },
    /** "Talk to a human" (an interaction: it connects). */
    requestHuman() {
      interact();
      return live.requestHuman();
    },
    /** The leave-a-message form an offline answer opened was sent or closed. */
    offlineDone: () => applyLive({ type: "offlineDone" }),
    /** The post-chat survey; `ending`: asked before the visitor's own "end chat". */
    openSurvey: (ending: boolean) => applyLive({ type: "surveyOpen", ending }),
    /** Rates the chat; a survey asked on ending then ends the session, keeping the thanks in view. */
    async rate(rating: number, comment: string) {
      const ending = view.live.survey?.ending ?? false;
      const rated = await live.rate(rating, comment);
      // Nothing to rate after all (the survey is gone): the chat still ends.
      if (ending && (rated || !view.live.survey)) await endSession({ keepOpen: rated });
    },
    /** "Skip" (or "close" after the thanks): a survey on ending ends the session without a rating. */
    async dismissSurvey() {
      const survey = view.live.survey;
      applyLive({ type: "surveyDismissed" });
      if (survey?.ending && survey.phase !== "thanks") await endSession();
      else if (survey?.ending) setOpen(false);
    },
    /** A confirmation the frame shows in the conversation itself (not sent anywhere). */
    notify(text: string) {
      apply({ type: "notice", id: `local:notice:${randomId()}`, text, createdAt: new Date().toISOString() });
      update({ announcement: text });
    },
    reconnect,
    typing(active: boolean) {
      if (connection.synced()) connection.socket()?.emit("typing", { active });
    },
    setOpen,
    setVisitor(next: TVisitor) {
      visitor = { ...visitor, ...next };
      if (connection.synced()) connection.socket()?.emit("visitor:update", next, () => undefined);
    },
    /** The host page (on `ready` and after single-page navigation); the server hears of changes only. */
    setPage(next: TPageInfo) {
      const changed = !samePage(page, next);
      page = next;
      if (changed && connection.synced()) connection.socket()?.emit("page", next);
    },
    endSession: () => endSession(),
  };

  /**
   * The close icon: ends the conversation on the server and forgets it here and on the host
   * page. `keepOpen`: the panel stays, with the survey's thanks.
   */
  async function endSession(options: { keepOpen?: boolean } = {}) {
    await connection.end();
    sessionId = null;
    unread = 0;
    interacted = false;
    keepSession = false;
    departmentId = undefined;
    reported.clear();
    keeper.forget();
    update({ chat: initialChatState, live: liveReducer(view.live, { type: "reset", keepSurvey: options.keepOpen === true }), hasSession: false, preChatDone: !preChatEnabled, announcement: "" });
    bridge.post({ type: "event", name: "session:end", detail: null });
    if (!options.keepOpen) setOpen(false);
  }

  return client;
}

export type TChatClient = ReturnType<typeof createChatClient>;
