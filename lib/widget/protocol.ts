/**
 * The contract between the chat frame (widget/frame, served from our origin inside an
 * iframe) and the server's socket.io `/widget` namespace, plus the loader <-> frame
 * postMessage protocol. Types only: imported by the server and bundled into the frame,
 * so nothing here may pull in server code. Documented in docs/protocol.md.
 */

import type { THandoffResult, TInvitation } from "../live-chat/protocol";

export const WIDGET_NAMESPACE = "/widget";

/** Conversation states (the live-chat issue adds queued/assigned transitions). */
export type TConversationStatus = "bot" | "queued" | "assigned" | "closed";

export type TCitation = {
  /** The number used in the answer text as [n]. */
  n: number;
  title: string;
  url: string | null;
  sourceId: string;
};

export type TWidgetMessage = {
  id: string;
  /** Echo of the client's id for the visitor's own messages (de-duplication). */
  clientMessageId: string | null;
  role: "visitor" | "bot" | "operator" | "system";
  /** Markdown subset for bot/operator messages, plain text for visitor messages. */
  text: string;
  /** ISO 8601. */
  createdAt: string;
  /** "streaming" while bot:delta events still arrive. */
  status: "streaming" | "done" | "failed";
  citations: TCitation[];
  author: { name: string; avatarUrl: string | null } | null;
};

/** socket.io handshake `auth` of the /widget namespace. */
export type TWidgetAuth = {
  /** The bot's public widget id (bot_…), never the internal id. */
  botId: string;
  /** Absent on the very first interaction: the server creates one and returns it in `session`. */
  sessionId?: string;
  /** The last message id the frame has seen: `session.messages` then holds only newer ones. */
  since?: string;
  /** The visitor's browser language (e.g. "de-DE"). */
  locale?: string;
  /** The host page the widget is on. */
  page?: TPageInfo;
  /**
   * The loader's random per-page-load key (the presence beacon's `visitorKey`): links the
   * live visitor list to this conversation and lets an invitation reach an open frame.
   */
  visitorKey?: string;
};

export type TPageInfo = { url: string; title: string; referrer: string };

export type TAck<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; retryAfterSeconds?: number; details?: { field?: string } & Record<string, unknown> } };

/** Server -> frame events. */
export type TWidgetServerEvents = {
  session: (payload: {
    sessionId: string;
    conversation: { id: string; status: TConversationStatus };
    /** All messages (latest 200) or, with `auth.since`, only those after it. */
    messages: TWidgetMessage[];
    /** True when `messages` continues from `auth.since` rather than replacing the list. */
    incremental: boolean;
  }) => void;
  "message:new": (message: TWidgetMessage) => void;
  "bot:delta": (payload: { messageId: string; delta: string }) => void;
  "bot:done": (payload: { messageId: string; text: string; citations: TCitation[]; status: "done" | "failed" }) => void;
  typing: (payload: { from: "bot" | "operator"; active: boolean }) => void;
  /**
   * `conversationId` is set when the frame's conversation changed: after a closed chat the
   * visitor's next message starts a new conversation with the bot.
   */
  "conversation:status": (payload: { status: TConversationStatus; operator: { name: string; avatarUrl: string | null } | null; conversationId?: string }) => void;
  command: (payload: { type: "open" | "goto"; url: string }) => void;
  /** An operator invites the visitor of this open frame to chat (see also the presence beacon). */
  invitation: (payload: TInvitation) => void;
};

/** Frame -> server events (acks are the last argument). */
export type TWidgetClientEvents = {
  "message:send": (payload: { text: string; clientMessageId: string }, ack: (res: TAck<{ message: TWidgetMessage }>) => void) => void;
  typing: (payload: { active: boolean }) => void;
  page: (payload: TPageInfo) => void;
  "visitor:update": (payload: { name?: string; email?: string }, ack: (res: TAck<null>) => void) => void;
  "lead:submit": (payload: TLeadSubmit, ack: (res: TAck<{ leadId: string }>) => void) => void;
  /** The close icon: ends the conversation; the frame then forgets its session id. */
  "session:end": (payload: Record<string, never>, ack: (res: TAck<null>) => void) => void;
  /** "Talk to a human": queued for an operator, or `offline` (show the leave-a-message form; the bot keeps helping). */
  "handoff:request": (payload: { departmentId?: string }, ack: (res: TAck<THandoffResult>) => void) => void;
  /**
   * The visitor answers an operator's invitation (send it before the visitor's first
   * message): the invitation text becomes the operator's first message and the chat goes to
   * that operator (or the queue when they are no longer free).
   */
  "invitation:accept": (payload: { invitationId: string }, ack: (res: TAck<THandoffResult>) => void) => void;
  /** Post-chat survey, once per conversation: after the operator closed the chat, or while one is assigned. */
  "rating:submit": (payload: { rating: number; comment?: string }, ack: (res: TAck<{ conversationId: string }>) => void) => void;
};

/** Limits shared by both sides. */
export const WIDGET_LIMITS = {
  messageMaxChars: 4000,
  clientMessageIdMaxChars: 64,
  historyMessages: 200,
  pageUrlMaxChars: 2000,
  pageTitleMaxChars: 300,
  referrerMaxChars: 2000,
  localeMaxChars: 35,
  leadFieldMaxChars: 2000,
} as const;

/**
 * Public, cacheable bot configuration for the loader and the frame
 * (`GET /api/widget/{botPublicId}/config`, and inlined into the frame's HTML).
 */
export type TWidgetConfig = {
  botId: string;
  /** Exact origin of our server (where the frame, socket.io and REST live). */
  origin: string;
  title: string;
  /** "de" | "en": the default when the browser's language is neither. */
  defaultLocale: "de" | "en";
  colors: { primary: string; onPrimary: string };
  position: "right" | "left";
  launcherIcon: "chat" | "help" | "sparkle";
  /** What the close icon does: end the session and clear local data, or only minimise. */
  closeBehavior: "end" | "minimise";
  showBranding: boolean;
  /** Per locale: greeting, suggested questions and overrides of any visible string. */
  texts: Record<"de" | "en", { greeting: string; suggestions: string[]; overrides: Record<string, string> }>;
  /** Whether a human can currently be reached (live-chat issue); false until then. */
  humanAvailable: boolean;
  /** Optional form before the first message (lead capture). */
  preChat: { enabled: boolean; fields: TPreChatField[] };
  /**
   * The workspace's departments, for a pre-chat "department" field (the chosen id goes with
   * `handoff:request`); empty unless the bot's pre-chat form has such a field.
   */
  departments: { id: string; name: string }[];
};

/** A field of the pre-chat form; labels and options are already in the frame's locale pair. */
export type TPreChatField = {
  key: string;
  type: "text" | "email" | "phone" | "textarea" | "select" | "department";
  label: Record<"de" | "en", string>;
  required: boolean;
  /**
   * For "select" and "department": the choices. A department field's names are matched to
   * `TWidgetConfig.departments`; without names it offers all of them.
   */
  options: string[];
};

/**
 * `lead:submit`: "prechat" answers the pre-chat form (fields by key); "message" is the
 * "leave a message" form offered while no human is available ({name?, email, message}).
 */
export type TLeadSubmit = { kind: "prechat" | "message"; fields: Record<string, string> };

/**
 * Loader <-> frame postMessage protocol. Every message is an object with
 * `source: "chatwerk"`; receivers check the exact origin and the source window.
 */
export const POST_MESSAGE_SOURCE = "chatwerk";

export type TLoaderToFrame =
  | { source: typeof POST_MESSAGE_SOURCE; type: "open" }
  | { source: typeof POST_MESSAGE_SOURCE; type: "close" }
  | { source: typeof POST_MESSAGE_SOURCE; type: "setVisitor"; visitor: { name?: string; email?: string } }
  | { source: typeof POST_MESSAGE_SOURCE; type: "page"; page: TPageInfo }
  /** Fallback store: the session token kept on the host page when the frame has no storage. */
  | { source: typeof POST_MESSAGE_SOURCE; type: "session"; token: string | null }
  /**
   * Live chat: the loader's per-page-load `visitorKey` (the frame sends it as `auth.visitorKey`)
   * and whether a human can be reached (the presence beacon's latest answer). Sent after
   * `ready`, before `session`, and again when `humanAvailable` changes.
   */
  | { source: typeof POST_MESSAGE_SOURCE; type: "presence"; visitorKey: string; humanAvailable: boolean }
  /** Live chat: an operator's invitation from the presence beacon; the loader opens the panel with it. */
  | { source: typeof POST_MESSAGE_SOURCE; type: "invitation"; invitation: TInvitation };

export type TFrameToLoader =
  | { source: typeof POST_MESSAGE_SOURCE; type: "ready"; hasSession: boolean; open: boolean }
  | { source: typeof POST_MESSAGE_SOURCE; type: "open" }
  | { source: typeof POST_MESSAGE_SOURCE; type: "close" }
  | { source: typeof POST_MESSAGE_SOURCE; type: "unread"; count: number }
  | { source: typeof POST_MESSAGE_SOURCE; type: "command"; command: { type: "open" | "goto"; url: string } }
  | { source: typeof POST_MESSAGE_SOURCE; type: "event"; name: TWidgetEventName; detail: unknown }
  /** Ask the loader to keep (token) or forget (null) the session token on the host page. */
  | { source: typeof POST_MESSAGE_SOURCE; type: "session:store"; token: string | null };

/** Events a host page can subscribe to with `Chatwerk.on(name, fn)`. */
export type TWidgetEventName = "open" | "close" | "message" | "session:end" | "ready";
