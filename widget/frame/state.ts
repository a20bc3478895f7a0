/**
 * The conversation as the frame sees it. Events can arrive twice (an ack and the
 * broadcast `message:new`, a re-sync after reconnect) or out of order (a delta before
 * its `message:new`); every path merges by message id, or by clientMessageId for the
 * visitor's own messages, so a message is never shown twice.
 */
import type { TInvitation } from "../../lib/live-chat/protocol";
import type { TCitation, TConversationStatus, TWidgetMessage } from "../../lib/widget/protocol";

export type TDelivery = "sending" | "failed";

/** Why the server refused a send, for a message the visitor can act on (e.g. the wait). */
export type TSendFailure = { code: string; retryAfterSeconds?: number };

/**
 * `delivery` is set only on the visitor's optimistic messages until the server acks them;
 * `local` marks what the frame shows itself, never sent: notices (e.g. "message received")
 * and an operator's invitation until the server stores it as the operator's first message.
 */
export type TChatMessage = TWidgetMessage & { delivery?: TDelivery; failure?: TSendFailure; local?: true };

export type TConnection = "idle" | "connecting" | "online" | "offline";

export type TChatState = {
  messages: TChatMessage[];
  conversationStatus: TConversationStatus | null;
  typing: { bot: boolean; operator: boolean };
  connection: TConnection;
};

export type TChatAction =
  | { type: "send"; clientMessageId: string; text: string; createdAt: string }
  | { type: "retry"; clientMessageId: string }
  | { type: "sendFailed"; clientMessageId: string; failure?: TSendFailure }
  | { type: "notice"; id: string; text: string; createdAt: string }
  | { type: "invitation"; invitation: TInvitation; createdAt: string }
  | { type: "ack"; message: TWidgetMessage }
  | { type: "session"; messages: TWidgetMessage[]; incremental: boolean; status: TConversationStatus }
  | { type: "message"; message: TWidgetMessage }
  | { type: "delta"; messageId: string; delta: string }
  | { type: "done"; messageId: string; text: string; citations: TCitation[]; status: "done" | "failed" }
  | { type: "typing"; from: "bot" | "operator"; active: boolean }
  | { type: "status"; status: TConversationStatus }
  | { type: "connection"; connection: TConnection }
  | { type: "reset" };

export const initialChatState: TChatState = {
  messages: [],
  conversationStatus: null,
  typing: { bot: false, operator: false },
  connection: "idle",
};

const isFinal = (message: TWidgetMessage) => message.status !== "streaming";

/**
 * Server messages by time, ties in arrival order (the sort is stable); unacknowledged
 * ones after them in send order.
 */
function ordered(messages: TChatMessage[]): TChatMessage[] {
  const server = messages
    .filter((message) => !message.delivery)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return [...server, ...messages.filter((message) => message.delivery)];
}

const matches = (message: TChatMessage, incoming: TWidgetMessage) =>
  message.id === incoming.id || (incoming.clientMessageId !== null && message.clientMessageId === incoming.clientMessageId);

/**
 * A final message never goes back to streaming (a late `message:new`); while both are
 * streaming the longer text wins when it extends the other, since deltas carry no offsets.
 */
function merge(existing: TChatMessage, incoming: TWidgetMessage): TChatMessage {
  if (incoming.status === "streaming" && isFinal(existing) && !existing.delivery) return { ...existing, id: incoming.id };
  if (incoming.status === "streaming" && existing.status === "streaming" && existing.text.startsWith(incoming.text)) {
    return { ...incoming, text: existing.text };
  }
  return { ...incoming };
}

export function upsertMessage(messages: TChatMessage[], incoming: TWidgetMessage): TChatMessage[] {
  const previous = messages.filter((message) => matches(message, incoming));
  const merged = previous.reduce<TChatMessage>((result, message) => merge(message, result), { ...incoming });
  return ordered([...messages.filter((message) => !matches(message, incoming)), merged]);
}

/** Placeholder for a bot message whose `message:new` has not arrived yet; it sorts last. */
function placeholder(messages: TChatMessage[], id: string): TChatMessage {
  const last = messages.filter((message) => !message.delivery).pop();
  return { id, clientMessageId: null, role: "bot", text: "", createdAt: last?.createdAt ?? "", status: "streaming", citations: [], author: null };
}

function updateMessage(messages: TChatMessage[], id: string, change: (message: TChatMessage) => TChatMessage): TChatMessage[] {
  const existing = messages.find((message) => message.id === id);
  if (!existing) return ordered([...messages, change(placeholder(messages, id))]);
  return messages.map((message) => (message === existing ? change(message) : message));
}

function setDelivery(messages: TChatMessage[], clientMessageId: string, delivery: TDelivery, failure?: TSendFailure): TChatMessage[] {
  return messages.map((message) => {
    if (!message.delivery || message.clientMessageId !== clientMessageId) return message;
    const { failure: _previous, ...rest } = message;
    return failure ? { ...rest, delivery, failure } : { ...rest, delivery };
  });
}

function applySession(state: TChatState, action: Extract<TChatAction, { type: "session" }>): TChatMessage[] {
  if (action.incremental) return withoutAnsweredInvitations(action.messages.reduce(upsertMessage, state.messages));
  // A full history replaces what the server knows; unacknowledged sends and notices survive.
  const ids = new Set(action.messages.map((message) => message.id));
  const kept = state.messages.filter((message) => message.delivery || message.local || ids.has(message.id));
  return withoutAnsweredInvitations(action.messages.reduce(upsertMessage, kept));
}

/** An accepted invitation comes back as the operator's stored message: the local copy goes. */
function withoutAnsweredInvitations(messages: TChatMessage[]): TChatMessage[] {
  const invited = (message: TChatMessage) => message.local && message.role === "operator";
  if (!messages.some(invited)) return messages;
  const stored = new Set(messages.filter((message) => message.role === "operator" && !message.local).map((message) => message.text));
  return messages.filter((message) => !invited(message) || !stored.has(message.text));
}

/** After everything shown so far, even when this device's clock is behind the server's. */
function afterNewest(messages: TChatMessage[], createdAt: string): string {
  const newest = messages.reduce((max, message) => (message.createdAt > max ? message.createdAt : max), "");
  const newestMs = Date.parse(newest);
  const after = Number.isFinite(newestMs) ? new Date(newestMs + 1).toISOString() : "";
  return after > createdAt ? after : createdAt;
}

export function chatReducer(state: TChatState, action: TChatAction): TChatState {
  switch (action.type) {
    case "send": {
      if (state.messages.some((message) => message.clientMessageId === action.clientMessageId)) return state;
      const message: TChatMessage = {
        id: `local:${action.clientMessageId}`,
        clientMessageId: action.clientMessageId,
        role: "visitor",
        text: action.text,
        createdAt: action.createdAt,
        status: "done",
        citations: [],
        author: null,
        delivery: "sending",
      };
      return { ...state, messages: [...state.messages, message] };
    }
    case "retry":
      return { ...state, messages: setDelivery(state.messages, action.clientMessageId, "sending") };
    case "sendFailed":
      return { ...state, messages: setDelivery(state.messages, action.clientMessageId, "failed", action.failure) };
    case "notice":
    case "invitation": {
      const id = action.type === "notice" ? action.id : `local:invitation:${action.invitation.invitationId}`;
      if (state.messages.some((message) => message.id === id)) return state;
      const local: TChatMessage = {
        id,
        clientMessageId: null,
        role: action.type === "notice" ? "system" : "operator",
        text: action.type === "notice" ? action.text : action.invitation.text,
        createdAt: afterNewest(state.messages, action.createdAt),
        status: "done",
        citations: [],
        author: action.type === "notice" ? null : action.invitation.operator,
        local: true,
      };
      return { ...state, messages: ordered([...state.messages, local]) };
    }
    case "ack":
    case "message": {
      const { role } = action.message;
      const typing = role === "bot" || role === "operator" ? { ...state.typing, [role]: false } : state.typing;
      return { ...state, typing, messages: withoutAnsweredInvitations(upsertMessage(state.messages, action.message)) };
    }
    case "session":
      return { ...state, conversationStatus: action.status, messages: applySession(state, action) };
    case "delta":
      return {
        ...state,
        typing: { ...state.typing, bot: false },
        messages: updateMessage(state.messages, action.messageId, (message) =>
          message.status === "streaming" ? { ...message, text: message.text + action.delta } : message,
        ),
      };
    case "done":
      return {
        ...state,
        typing: { ...state.typing, bot: false },
        messages: updateMessage(state.messages, action.messageId, (message) => ({
          ...message,
          text: action.text,
          citations: action.citations,
          status: action.status,
        })),
      };
    case "typing":
      return { ...state, typing: { ...state.typing, [action.from]: action.active } };
    case "status":
      return { ...state, conversationStatus: action.status };
    case "connection":
      return { ...state, connection: action.connection };
    case "reset":
      return { ...initialChatState, connection: "idle" };
  }
}

/**
 * The `auth.since` for a re-sync: the newest message such that it and everything before
 * it is final. A message still streaming when the connection dropped comes back whole.
 */
export function lastSeenMessageId(messages: TChatMessage[]): string | undefined {
  let lastSeen: string | undefined;
  for (const message of messages) {
    if (message.delivery || message.local) continue;
    if (!isFinal(message)) break;
    lastSeen = message.id;
  }
  return lastSeen;
}

/** Messages the visitor has sent but the server has not acknowledged, for resending. */
export function pendingSends(messages: TChatMessage[]): { clientMessageId: string; text: string }[] {
  return messages
    .filter((message) => message.delivery === "sending" && message.clientMessageId)
    .map((message) => ({ clientMessageId: message.clientMessageId as string, text: message.text }));
}
