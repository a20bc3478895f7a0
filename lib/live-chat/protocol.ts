/**
 * The contract between the operator console (/dashboard/[slug]/console) and the server's
 * socket.io `/operator` namespace, plus the live-chat additions to the visitor side (the
 * /widget namespace and the loader's presence beacon). Types only: imported by the server,
 * the console and the widget bundle, so nothing here may pull in server code.
 * Documented in docs/protocol.md ("/operator").
 *
 * Rooms (server side, never visible to clients): `ops:<workspaceId>` (every operator
 * socket of a workspace), `op:<userId>:<workspaceId>` (one operator's sockets),
 * `conversation:<id>` (the visitor's frames; operators never join it) and
 * `opconv:<conversationId>` (operator sockets that opened the conversation).
 * Nothing operator-only (internal notes, other visitors, queue) ever goes to a visitor room.
 */
import type { TAck, TCitation, TConversationStatus, TPageInfo } from "../widget/protocol";

export const OPERATOR_NAMESPACE = "/operator";

export type TOperatorStatus = "online" | "away" | "offline";

/**
 * socket.io handshake `auth` of /operator: a token from `POST /api/console/token` (fetch a
 * fresh one before every (re)connect: `auth: (cb) => fetchToken().then((token) => cb({ token, workspace }))`).
 * `workspace` (optional) is the slug the console believes it is on: a token of another
 * workspace is then refused (`workspace_mismatch`) instead of silently switching.
 */
export type TOperatorAuth = { token: string; workspace?: string };

/** `err.message` (and `err.data.code`) of a refused /operator connection. */
export type TOperatorAuthError = "unauthorized" | "token_invalid" | "token_expired" | "token_revoked" | "workspace_mismatch" | "not_found" | "forbidden" | "internal";

/** The console's view of a message: the widget's shape plus what only the team sees. */
export type TConsoleMessage = {
  id: string;
  conversationId: string;
  clientMessageId: string | null;
  role: "visitor" | "bot" | "operator" | "system";
  /** Plain text; the console renders every message as text, never as HTML. */
  text: string;
  createdAt: string;
  status: "streaming" | "done" | "failed";
  citations: TCitation[];
  /** The operator who wrote it. */
  author: { userId: string; name: string; avatarUrl: string | null } | null;
  /** An internal note: never sent to the visitor. */
  internal: boolean;
};

export type TQueueItem = {
  id: string;
  status: Extract<TConversationStatus, "queued" | "assigned">;
  botId: string;
  botName: string;
  visitor: { name: string | null; email: string | null; locale: string | null; page: TPageInfo | null };
  department: { id: string; name: string } | null;
  assignedTo: { userId: string; name: string } | null;
  /** The operator the waiting chat is offered to right now (accept/decline). */
  offeredTo: string | null;
  handoffReason: "visitor_request" | "keyword" | "unsure" | "invitation" | null;
  queuedAt: string | null;
  assignedAt: string | null;
  lastMessage: { role: TConsoleMessage["role"]; text: string; at: string } | null;
};

export type TVisitorDetails = {
  sessionId: string;
  name: string | null;
  email: string | null;
  locale: string | null;
  userAgent: string | null;
  referrer: string | null;
  searchPhrase: string | null;
  currentPage: TPageInfo | null;
  /** Newest last. */
  pages: { url: string; title: string; at: string }[];
  /** Pre-chat form answers by field key. */
  fields: Record<string, string>;
  earlierConversations: { id: string; status: TConversationStatus; createdAt: string; messageCount: number; rating: number | null }[];
};

export type TConversationDetails = {
  id: string;
  status: TConversationStatus;
  botId: string;
  botName: string;
  department: { id: string; name: string } | null;
  assignedTo: { userId: string; name: string } | null;
  tags: string[];
  rating: number | null;
  ratingComment: string | null;
  createdAt: string;
  closedAt: string | null;
};

/** A visitor on a page with the widget (in memory only, never persisted before interaction). */
export type TLiveVisitor = {
  /** Random per page load; the target of `visitor:invite`. */
  visitorKey: string;
  botId: string;
  botName: string;
  mode: "widget" | "track";
  page: TPageInfo;
  /** ISO time the current page was opened. */
  pageSince: string;
  firstSeenAt: string;
  referrer: string | null;
  searchPhrase: string | null;
  locale: string | null;
  /** Set once the visitor has a conversation (after their first interaction). */
  conversationId: string | null;
  conversationStatus: TConversationStatus | null;
};

export type TOperatorSummary = {
  userId: string;
  name: string;
  avatarUrl: string | null;
  status: TOperatorStatus;
  activeChats: number;
  departmentIds: string[];
};

export type TCannedResponse = { id: string; scope: "workspace" | "department" | "operator"; departmentId: string | null; shortcut: string; title: string; text: string };

/** Server -> console events. */
export type TOperatorServerEvents = {
  ready: (payload: {
    me: { userId: string; name: string; role: "owner" | "admin" | "operator"; status: TOperatorStatus; departmentIds: string[] };
    workspace: { id: string; slug: string; name: string };
  }) => void;
  /** The whole list of waiting and assigned conversations of the workspace (sent on connect and on every change). */
  queue: (payload: { conversations: TQueueItem[] }) => void;
  /** A waiting chat offered to this operator: play the sound, notify, badge the title. */
  "conversation:offer": (payload: { conversation: TQueueItem }) => void;
  "conversation:status": (payload: { conversationId: string; status: TConversationStatus; assignedTo: { userId: string; name: string } | null; department: { id: string; name: string } | null }) => void;
  "message:new": (payload: { message: TConsoleMessage }) => void;
  typing: (payload: { conversationId: string; from: "visitor" | "operator"; active: boolean; userId?: string }) => void;
  visitors: (payload: { visitors: TLiveVisitor[] }) => void;
  operators: (payload: { operators: TOperatorSummary[] }) => void;
  /** Something the operator should know, e.g. a chat that went back to the bot after the queue timeout. */
  notice: (payload: { kind: "queue_timeout" | "transferred_to_you" | "visitor_left" | "visitor_rated" | "auto_away" | "invitation_accepted" | "offer_lapsed" | "chat_reassigned"; conversationId: string | null; text: string }) => void;
  /** The visitor of an opened (or assigned) conversation moved to another page. */
  "visitor:page": (payload: { conversationId: string; page: TPageInfo }) => void;
};

/** Console -> server events; every one answers with an ack. */
export type TOperatorClientEvents = {
  "status:set": (payload: { status: TOperatorStatus }, ack: (res: TAck<{ status: TOperatorStatus }>) => void) => void;
  "conversation:open": (
    payload: { conversationId: string; since?: string },
    ack: (res: TAck<{ conversation: TConversationDetails; messages: TConsoleMessage[]; visitor: TVisitorDetails }>) => void,
  ) => void;
  "conversation:accept": (payload: { conversationId: string }, ack: (res: TAck<{ conversation: TConversationDetails }>) => void) => void;
  "conversation:decline": (payload: { conversationId: string }, ack: (res: TAck<null>) => void) => void;
  /**
   * Text beginning with `open: URL` or `goto: URL` is a command for the visitor's page
   * (allowed widget domains only); `internal: true` writes a note the visitor never sees.
   */
  "message:send": (
    payload: { conversationId: string; text: string; clientMessageId: string; internal?: boolean },
    ack: (res: TAck<{ message: TConsoleMessage; command?: { type: "open" | "goto"; url: string } }>) => void,
  ) => void;
  typing: (payload: { conversationId: string; active: boolean }) => void;
  "conversation:transfer": (
    payload: { conversationId: string; to: { type: "operator"; userId: string } | { type: "department"; departmentId: string }; note?: string },
    ack: (res: TAck<{ conversation: TConversationDetails }>) => void,
  ) => void;
  "conversation:close": (payload: { conversationId: string; tags?: string[] }, ack: (res: TAck<{ conversation: TConversationDetails }>) => void) => void;
  "visitor:invite": (payload: { visitorKey: string; text: string }, ack: (res: TAck<{ invitationId: string }>) => void) => void;
  "canned:list": (payload: { query?: string; conversationId?: string }, ack: (res: TAck<{ responses: TCannedResponse[] }>) => void) => void;
  /**
   * The operator is at the console (keyboard, mouse): keeps the automatic away
   * (autoAwayMinutes) from kicking in. Throttled server-side; send at most every 30 s.
   */
  activity: (payload: Record<string, never>, ack?: (res: TAck<null>) => void) => void;
  /** An AI-drafted reply from the knowledge base for the operator to edit; nothing is sent or stored. */
  "reply:suggest": (payload: { conversationId: string }, ack: (res: TAck<{ text: string; citations: TCitation[] }>) => void) => void;
};

/** Visitor-side additions (the /widget namespace). */
export type THandoffResult =
  /** Waiting for an operator; `position` in the queue when known. */
  | { status: "queued"; position: number | null }
  /** Nobody can answer now (no one online, outside business hours): offer the leave-a-message form. */
  | { status: "offline"; message: string | null }
  /** Already with an operator (a repeated request, or an accepted invitation). */
  | { status: "assigned"; operator: { name: string; avatarUrl: string | null } };

export type TInvitation = { invitationId: string; operator: { name: string; avatarUrl: string | null }; text: string };

/** The loader's presence beacon: `POST /api/widget/{botPublicId}/presence`. */
export type TPresenceBeacon = {
  visitorKey: string;
  mode: "widget" | "track";
  page: TPageInfo;
  locale?: string;
  /** Whether the visitor has a session (the frame told the loader), for linking presence to a conversation. */
  hasSession?: boolean;
};

/** The beacon's answer: how often to beat, and an invitation waiting for this page load. */
export type TPresenceReply = { nextBeatSeconds: number; humanAvailable: boolean; invitation: TInvitation | null };

export const LIVE_CHAT_LIMITS = {
  messageMaxChars: 4000,
  noteMaxChars: 4000,
  tagsMax: 10,
  tagMaxChars: 40,
  transferNoteMaxChars: 500,
  invitationMaxChars: 500,
  ratingCommentMaxChars: 1000,
  /** Console tokens are short-lived: fetched right before each (re)connect. */
  consoleTokenSeconds: 60,
  cannedQueryMaxChars: 100,
  /** Presence: the loader beats every `nextBeatSeconds`; a visitor is gone after about three missed beats. */
  presenceBeatSeconds: 15,
  presenceTtlSeconds: 45,
  /** An invitation waits this long for the visitor's next beat, and this long for an answer. */
  invitationPendingSeconds: 120,
  invitationAnswerSeconds: 30 * 60,
  /** Pages kept on a visitor session (newest last). */
  visitorPagesMax: 50,
} as const;

/** The loader's random per-page-load key (beacon `visitorKey`, /widget `auth.visitorKey`). */
export const VISITOR_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
