import type { Namespace, Server } from "socket.io";
import type { TOperatorServerEvents } from "../live-chat/protocol";
import type { TWidgetServerEvents } from "../widget/protocol";

/**
 * The one publisher. Route handlers run in the same process as the socket.io server
 * (server/index.ts) but in Next's own module graph, so the server is shared through
 * globalThis. Without it (scripts, tests without sockets) broadcasts are no-ops. Every emit
 * goes to a room, never to a socket object, so with the Redis adapter it reaches the
 * sockets of every node. Services call these only after their transaction committed.
 *
 * Rooms: /widget `conversation:<id>` (the visitor's frames) and `visitor:<visitorKey>` (an
 * open frame of one page load); /operator `ops:<workspaceId>` (every operator socket of a
 * workspace), `op:<userId>:<workspaceId>` (one operator's sockets) and
 * `opconv:<conversationId>` (operator sockets that opened the conversation). The two
 * namespaces never share a room, so nothing emitted to operators can reach a visitor.
 */
const g = globalThis as { __chatwerkIo?: Server };

export const WIDGET_NSP = "/widget";
export const OPERATOR_NSP = "/operator";

export function registerRealtimeServer(io: Server | undefined) {
  g.__chatwerkIo = io;
}

export function realtimeServer(): Server | undefined {
  return g.__chatwerkIo;
}

export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`;
export const widgetVisitorRoom = (visitorKey: string) => `visitor:${visitorKey}`;
export const opsRoom = (workspaceId: string) => `ops:${workspaceId}`;
export const operatorRoom = (userId: string, workspaceId: string) => `op:${userId}:${workspaceId}`;
export const operatorConversationRoom = (conversationId: string) => `opconv:${conversationId}`;

export type TConversationEmit = <E extends keyof TWidgetServerEvents>(event: E, ...args: Parameters<TWidgetServerEvents[E]>) => void;
export type TOperatorEmit = <E extends keyof TOperatorServerEvents>(event: E, ...args: Parameters<TOperatorServerEvents[E]>) => void;

type TLooseTarget = { emit: (e: string, ...a: unknown[]) => void };

/** Emits to every frame showing the conversation, through `widget` (the /widget namespace), on every node. */
export function conversationEmitter(widget: Namespace | undefined, conversationId: string): TConversationEmit {
  return (event, ...args) => {
    const target = widget?.to(conversationRoom(conversationId)) as unknown as TLooseTarget | undefined;
    target?.emit(event, ...args);
  };
}

/** The same from route handlers and services, through the process's registered server. */
export function emitToConversation(conversationId: string): TConversationEmit {
  return conversationEmitter(g.__chatwerkIo?.of(WIDGET_NSP), conversationId);
}

/** Visitor-side rooms only (`conversation:` and `visitor:`). */
export function emitToWidget(rooms: string | string[]): TConversationEmit {
  const list = Array.isArray(rooms) ? rooms : [rooms];
  for (const room of list) if (!/^(conversation|visitor):/.test(room)) throw new Error(`Not a widget room: ${room}`);
  return (event, ...args) => {
    if (!list.length) return;
    const target = g.__chatwerkIo?.of(WIDGET_NSP).to(list) as unknown as TLooseTarget | undefined;
    target?.emit(event, ...args);
  };
}

/**
 * Operator-side rooms only (`ops:`, `op:`, `opconv:`). Internal notes, the queue and the
 * visitor list go through here and nowhere else. A socket in several of the rooms gets the
 * event once.
 */
export function emitToOperators(rooms: string | string[]): TOperatorEmit {
  const list = [...new Set(Array.isArray(rooms) ? rooms : [rooms])];
  for (const room of list) if (!/^(ops|op|opconv):/.test(room)) throw new Error(`Not an operator room: ${room}`);
  return (event, ...args) => {
    if (!list.length) return;
    const target = g.__chatwerkIo?.of(OPERATOR_NSP).to(list) as unknown as TLooseTarget | undefined;
    target?.emit(event, ...args);
  };
}

/** Sockets in an operator room on every node (the Redis adapter asks the others). */
export async function countOperatorSockets(room: string): Promise<number> {
  const io = g.__chatwerkIo;
  if (!io) return 0;
  return (await io.of(OPERATOR_NSP).in(room).fetchSockets()).length;
}

/** Whether a frame of this page load is connected anywhere. */
export async function widgetRoomHasSockets(room: string): Promise<boolean> {
  const io = g.__chatwerkIo;
  if (!io) return false;
  return (await io.of(WIDGET_NSP).in(room).fetchSockets()).length > 0;
}

/** `{userId, workspaceId}` of every connected operator socket on every node. */
export async function connectedOperators(): Promise<{ userId: string; workspaceId: string }[]> {
  const io = g.__chatwerkIo;
  if (!io) return [];
  const sockets = await io.of(OPERATOR_NSP).fetchSockets();
  return sockets.map((s) => s.data as { userId: string; workspaceId: string }).filter((d) => d && typeof d.userId === "string");
}
