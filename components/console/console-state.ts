/**
 * The operator console's state and its reducer: pure, so reconnects, re-syncs, duplicate
 * deliveries and optimistic sends are tested from inputs alone (tests/unit/console).
 * The socket lives in console-client.ts, which dispatches these actions.
 */
import type {
  TConsoleMessage, TConversationDetails, TLiveVisitor, TOperatorStatus, TOperatorSummary, TQueueItem, TVisitorDetails,
} from "@/lib/live-chat/protocol";
import type { TConversationStatus, TPageInfo } from "@/lib/widget/protocol";

/** A refused or failed request, as the console explains it (see refusal.ts). */
export type TRefusal = { code: string; reason: string | null; message: string };

/** A message the operator wrote that the server has not confirmed yet. */
export type TPendingMessage = {
  clientMessageId: string;
  text: string;
  internal: boolean;
  createdAt: string;
  state: "sending" | "failed";
  error: TRefusal | null;
};

export type TChat = {
  id: string;
  /** Null until the first `conversation:open` answered. */
  conversation: TConversationDetails | null;
  visitor: TVisitorDetails | null;
  /** Confirmed messages, oldest first, each id once. */
  messages: TConsoleMessage[];
  pending: TPendingMessage[];
  loading: boolean;
  error: TRefusal | null;
  visitorTyping: boolean;
  /** Colleagues typing in this chat (user ids). */
  colleaguesTyping: string[];
  unread: number;
};

export type TMe = { userId: string; name: string; role: "owner" | "admin" | "operator"; status: TOperatorStatus; departmentIds: string[] };

export type TConnection = "idle" | "connecting" | "connected" | "reconnecting" | "failed";

export type TConsoleState = {
  connection: TConnection;
  /** Set once the first `ready` arrived: later disconnects are "reconnecting", not "connecting". */
  everReady: boolean;
  /** Why the console cannot connect at all (an auth code such as `not_found`). */
  failure: string | null;
  me: TMe | null;
  workspace: { id: string; slug: string; name: string } | null;
  status: TOperatorStatus;
  /** The server set this operator away for inactivity; cleared by going online. */
  autoAway: boolean;
  queue: TQueueItem[] | null;
  visitors: TLiveVisitor[] | null;
  operators: TOperatorSummary[];
  chats: Record<string, TChat>;
  /** Open chat tabs in display order. */
  tabs: string[];
  activeId: string | null;
};

export const initialConsoleState: TConsoleState = {
  connection: "idle",
  everReady: false,
  failure: null,
  me: null,
  workspace: null,
  status: "offline",
  autoAway: false,
  queue: null,
  visitors: null,
  operators: [],
  chats: {},
  tabs: [],
  activeId: null,
};

export type TConsoleAction =
  | { type: "connecting" }
  | { type: "disconnected" }
  | { type: "failed"; code: string }
  | { type: "ready"; me: TMe; workspace: { id: string; slug: string; name: string } }
  | { type: "queue"; conversations: TQueueItem[] }
  | { type: "visitors"; visitors: TLiveVisitor[] }
  | { type: "operators"; operators: TOperatorSummary[] }
  | { type: "status"; status: TOperatorStatus }
  | { type: "autoAway" }
  | { type: "chatOpening"; id: string; activate: boolean }
  | { type: "chatOpened"; id: string; conversation: TConversationDetails; messages: TConsoleMessage[]; visitor: TVisitorDetails }
  | { type: "chatFailed"; id: string; error: TRefusal }
  | { type: "conversation"; conversation: TConversationDetails }
  | { type: "conversationStatus"; conversationId: string; status: TConversationStatus; assignedTo: { userId: string; name: string } | null; department: { id: string; name: string } | null }
  | { type: "messageNew"; message: TConsoleMessage }
  | { type: "sendStarted"; id: string; pending: Omit<TPendingMessage, "state" | "error"> }
  | { type: "sendConfirmed"; id: string; clientMessageId: string; message: TConsoleMessage }
  | { type: "sendFailed"; id: string; clientMessageId: string; error: TRefusal }
  | { type: "sendDiscarded"; id: string; clientMessageId: string }
  | { type: "typing"; conversationId: string; from: "visitor" | "operator"; active: boolean; userId?: string }
  | { type: "visitorPage"; conversationId: string; page: TPageInfo; at: string }
  | { type: "activate"; id: string }
  | { type: "closeTab"; id: string };

const byTime = (a: TConsoleMessage, b: TConsoleMessage) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Existing and incoming messages, each id once (a newer copy replaces an older one), oldest first. */
export function mergeMessages(existing: TConsoleMessage[], incoming: TConsoleMessage[]): TConsoleMessage[] {
  if (incoming.length === 0) return existing;
  const byId = new Map(existing.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort(byTime);
}

/** The newest confirmed message id: `since` for a re-sync after a reconnect. */
export function lastMessageId(chat: TChat | undefined): string | undefined {
  return chat?.messages.at(-1)?.id;
}

/** Pending messages the server has confirmed (by clientMessageId) are dropped. */
function withoutConfirmed(pending: TPendingMessage[], messages: TConsoleMessage[]): TPendingMessage[] {
  if (pending.length === 0) return pending;
  const confirmed = new Set(messages.map((m) => m.clientMessageId).filter(Boolean));
  return pending.filter((p) => !confirmed.has(p.clientMessageId));
}

export function emptyChat(id: string): TChat {
  return { id, conversation: null, visitor: null, messages: [], pending: [], loading: true, error: null, visitorTyping: false, colleaguesTyping: [], unread: 0 };
}

function updateChat(state: TConsoleState, id: string, change: (chat: TChat) => TChat): TConsoleState {
  const chat = state.chats[id];
  if (!chat) return state;
  return { ...state, chats: { ...state.chats, [id]: change(chat) } };
}

export function consoleReducer(state: TConsoleState, action: TConsoleAction): TConsoleState {
  switch (action.type) {
    case "connecting":
      return { ...state, connection: state.everReady ? "reconnecting" : "connecting" };
    case "disconnected":
      return {
        ...state,
        connection: state.connection === "failed" ? "failed" : state.everReady ? "reconnecting" : "connecting",
        // Nobody's typing survives a lost connection; the re-sync brings what was missed.
        chats: Object.fromEntries(Object.entries(state.chats).map(([id, chat]) => [id, { ...chat, visitorTyping: false, colleaguesTyping: [] }])),
      };
    case "failed":
      return { ...state, connection: "failed", failure: action.code };
    case "ready":
      return { ...state, connection: "connected", everReady: true, failure: null, me: action.me, workspace: action.workspace, status: action.me.status, autoAway: action.me.status === "away" && state.autoAway };
    case "queue":
      return { ...state, queue: action.conversations };
    case "visitors":
      return { ...state, visitors: action.visitors };
    case "operators": {
      const mine = state.me ? action.operators.find((o) => o.userId === state.me!.userId) : undefined;
      const status = mine?.status ?? state.status;
      return { ...state, operators: action.operators, status, autoAway: status === "online" ? false : state.autoAway };
    }
    case "status":
      return { ...state, status: action.status, autoAway: action.status === "away" ? state.autoAway : false };
    case "autoAway":
      return { ...state, status: "away", autoAway: true };
    case "chatOpening": {
      const exists = Boolean(state.chats[action.id]);
      const chats = exists ? { ...state.chats, [action.id]: { ...state.chats[action.id]!, loading: true, error: null } } : { ...state.chats, [action.id]: emptyChat(action.id) };
      const tabs = state.tabs.includes(action.id) ? state.tabs : [...state.tabs, action.id];
      const activeId = action.activate || !state.activeId ? action.id : state.activeId;
      return markRead({ ...state, chats, tabs, activeId });
    }
    case "chatOpened":
      return updateChat(state, action.id, (chat) => {
        const messages = mergeMessages(chat.messages, action.messages);
        return { ...chat, conversation: action.conversation, visitor: action.visitor, messages, pending: withoutConfirmed(chat.pending, messages), loading: false, error: null };
      });
    case "chatFailed":
      return updateChat(state, action.id, (chat) => ({ ...chat, loading: false, error: action.error }));
    case "conversation":
      return updateChat(state, action.conversation.id, (chat) => ({ ...chat, conversation: action.conversation }));
    case "conversationStatus":
      return updateChat(state, action.conversationId, (chat) =>
        chat.conversation
          ? { ...chat, conversation: { ...chat.conversation, status: action.status, assignedTo: action.assignedTo, department: action.department }, visitorTyping: action.status === "closed" ? false : chat.visitorTyping }
          : chat,
      );
    case "messageNew":
      return updateChat(state, action.message.conversationId, (chat) => {
        const isNew = !chat.messages.some((m) => m.id === action.message.id);
        const messages = mergeMessages(chat.messages, [action.message]);
        const fromVisitor = action.message.role === "visitor";
        const unread = isNew && fromVisitor && state.activeId !== chat.id ? chat.unread + 1 : chat.unread;
        return { ...chat, messages, pending: withoutConfirmed(chat.pending, messages), unread, visitorTyping: fromVisitor ? false : chat.visitorTyping };
      });
    case "sendStarted":
      return updateChat(state, action.id, (chat) => {
        const others = chat.pending.filter((p) => p.clientMessageId !== action.pending.clientMessageId);
        return { ...chat, pending: [...others, { ...action.pending, state: "sending", error: null }] };
      });
    case "sendConfirmed":
      return updateChat(state, action.id, (chat) => {
        const messages = mergeMessages(chat.messages, [action.message]);
        return { ...chat, messages, pending: chat.pending.filter((p) => p.clientMessageId !== action.clientMessageId) };
      });
    case "sendFailed":
      return updateChat(state, action.id, (chat) => ({
        ...chat,
        pending: chat.pending.map((p) => (p.clientMessageId === action.clientMessageId ? { ...p, state: "failed", error: action.error } : p)),
      }));
    case "sendDiscarded":
      return updateChat(state, action.id, (chat) => ({ ...chat, pending: chat.pending.filter((p) => p.clientMessageId !== action.clientMessageId) }));
    case "typing":
      return updateChat(state, action.conversationId, (chat) => {
        if (action.from === "visitor") return { ...chat, visitorTyping: action.active };
        if (!action.userId || action.userId === state.me?.userId) return chat;
        const others = chat.colleaguesTyping.filter((id) => id !== action.userId);
        return { ...chat, colleaguesTyping: action.active ? [...others, action.userId] : others };
      });
    case "visitorPage":
      return updateChat(state, action.conversationId, (chat) => {
        if (!chat.visitor) return chat;
        const last = chat.visitor.pages.at(-1);
        const pages = last?.url === action.page.url ? chat.visitor.pages : [...chat.visitor.pages, { url: action.page.url, title: action.page.title, at: action.at }].slice(-50);
        return { ...chat, visitor: { ...chat.visitor, currentPage: action.page, pages } };
      });
    case "activate":
      return state.tabs.includes(action.id) ? markRead({ ...state, activeId: action.id }) : state;
    case "closeTab": {
      const index = state.tabs.indexOf(action.id);
      if (index < 0) return state;
      const tabs = state.tabs.filter((id) => id !== action.id);
      const chats = { ...state.chats };
      delete chats[action.id];
      const activeId = state.activeId === action.id ? (tabs[Math.min(index, tabs.length - 1)] ?? null) : state.activeId;
      return markRead({ ...state, tabs, chats, activeId });
    }
  }
}

function markRead(state: TConsoleState): TConsoleState {
  const active = state.activeId ? state.chats[state.activeId] : undefined;
  if (!active || active.unread === 0) return state;
  return { ...state, chats: { ...state.chats, [active.id]: { ...active, unread: 0 } } };
}

/** The tab `step` places after (or before, negative) the active one, wrapping around. */
export function neighbourTab(state: Pick<TConsoleState, "tabs" | "activeId">, step: 1 | -1): string | null {
  if (state.tabs.length === 0) return null;
  const index = state.activeId ? state.tabs.indexOf(state.activeId) : -1;
  if (index < 0) return state.tabs[0]!;
  return state.tabs[(index + step + state.tabs.length) % state.tabs.length]!;
}

export type TQueueSections = { offers: TQueueItem[]; waiting: TQueueItem[]; mine: TQueueItem[]; team: TQueueItem[] };

/** The queue as the operator reads it: offered to me, waiting for anyone, mine, colleagues'. */
export function queueSections(queue: TQueueItem[] | null, meId: string | null): TQueueSections {
  const sections: TQueueSections = { offers: [], waiting: [], mine: [], team: [] };
  for (const item of queue ?? []) {
    if (item.status === "queued") (meId && item.offeredTo === meId ? sections.offers : sections.waiting).push(item);
    else (meId && item.assignedTo?.userId === meId ? sections.mine : sections.team).push(item);
  }
  return sections;
}

/** What the live status of an open chat lets this operator do. */
export function chatPermissions(chat: TChat | undefined, me: TMe | null) {
  const c = chat?.conversation;
  const supervisor = me?.role === "owner" || me?.role === "admin";
  const mine = Boolean(c && me && c.assignedTo?.userId === me.userId);
  const live = c?.status === "queued" || c?.status === "assigned";
  return {
    canAccept: c?.status === "queued",
    canReply: c?.status === "assigned" && (mine || supervisor),
    canNote: live,
    canTransfer: c?.status === "assigned" && (mine || supervisor),
    /** A waiting chat may be closed unanswered too ("ignore"); the server checks departments. */
    canClose: (c?.status === "assigned" && (mine || supervisor)) || c?.status === "queued",
    mine,
  };
}

export function titleWithBadge(base: string, count: number): string {
  const clean = base.replace(/^\(\d+\)\s+/, "");
  return count > 0 ? `(${count}) ${clean}` : clean;
}
