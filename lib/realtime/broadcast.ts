import type { Namespace, Server } from "socket.io";
import type { TWidgetServerEvents } from "../widget/protocol";

/**
 * Route handlers run in the same process as the socket.io server (server/index.ts) but in
 * Next's own module graph, so the server is shared through globalThis. Without it (scripts,
 * tests) broadcasts are no-ops.
 */
const g = globalThis as { __chatwerkIo?: Server };

export function registerRealtimeServer(io: Server | undefined) {
  g.__chatwerkIo = io;
}

export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`;

export type TConversationEmit = <E extends keyof TWidgetServerEvents>(event: E, ...args: Parameters<TWidgetServerEvents[E]>) => void;

/** Emits to every frame showing the conversation, through `widget` (the /widget namespace), on every node. */
export function conversationEmitter(widget: Namespace | undefined, conversationId: string): TConversationEmit {
  return (event, ...args) => {
    const target = widget?.to(conversationRoom(conversationId)) as unknown as { emit: (e: string, ...a: unknown[]) => void } | undefined;
    target?.emit(event, ...args);
  };
}

/** The same from route handlers, through the process's registered server. */
export function emitToConversation(conversationId: string): TConversationEmit {
  return conversationEmitter(g.__chatwerkIo?.of("/widget"), conversationId);
}
