import { log } from "../log/logger";
import { conversationRoom, emitToOperators, emitToWidget, operatorConversationRoom, operatorRoom, opsRoom } from "../realtime/broadcast";
import type { TConversationStatus } from "../widget/protocol";
import { toConsoleMessage, toVisitorMessage, type TMessageRow } from "./console-message";
import { listOperatorSummaries } from "./list-operator-summaries";
import { listQueue } from "./list-queue";
import type { TOperatorIdentity } from "./operator-identity";
import type { TQueueItem } from "./protocol";

/**
 * Live-chat events, always emitted after the change committed, through the one publisher
 * (lib/realtime/broadcast.ts). Snapshots (queue, operators) are rebuilt from the database,
 * so every node sends the same truth; a burst of changes in one workspace is coalesced
 * into one rebuild that runs after the last of them.
 */
const inFlight: Map<string, { dirty: boolean; promise: Promise<void> }> = ((globalThis as { __chatwerkLiveChatSnapshots?: Map<string, { dirty: boolean; promise: Promise<void> }> }).__chatwerkLiveChatSnapshots ??= new Map());

function coalesce(key: string, build: () => Promise<void>): Promise<void> {
  const running = inFlight.get(key);
  if (running) {
    running.dirty = true;
    return running.promise;
  }
  const entry = { dirty: false, promise: Promise.resolve() };
  entry.promise = (async () => {
    try {
      do {
        entry.dirty = false;
        await build().catch((error: unknown) => log.error("Live-chat snapshot failed", { key, error: String(error) }));
      } while (entry.dirty);
    } finally {
      inFlight.delete(key);
    }
  })();
  inFlight.set(key, entry);
  return entry.promise;
}

/** The queue snapshot to every operator of the workspace; resolves with the list it sent. */
export function publishQueue(workspaceId: string): Promise<void> {
  return coalesce(`queue:${workspaceId}`, async () => {
    const conversations = await listQueue(workspaceId);
    emitToOperators(opsRoom(workspaceId))("queue", { conversations });
  });
}

export function publishOperators(workspaceId: string): Promise<void> {
  return coalesce(`operators:${workspaceId}`, async () => {
    emitToOperators(opsRoom(workspaceId))("operators", { operators: await listOperatorSummaries(workspaceId) });
  });
}

/** A chat offered to one operator (sound, notification, badge) plus the fresh queue for everyone. */
export async function publishOffer(workspaceId: string, conversationId: string, userId: string): Promise<void> {
  const conversations = await listQueue(workspaceId);
  emitToOperators(opsRoom(workspaceId))("queue", { conversations });
  const item: TQueueItem | undefined = conversations.find((c) => c.id === conversationId);
  if (item) emitToOperators(operatorRoom(userId, workspaceId))("conversation:offer", { conversation: item });
}

export type TPublishedConversation = { id: string; workspaceId: string; assignedUserId: string | null };

/**
 * A stored message: to the operators who opened the conversation and the assigned operator,
 * and (unless it is an internal note) to the visitor's frames.
 */
export function publishMessage(conversation: TPublishedConversation, message: TMessageRow, author: TOperatorIdentity | null, options: { skipVisitor?: boolean } = {}) {
  const rooms = [operatorConversationRoom(conversation.id)];
  if (conversation.assignedUserId) rooms.push(operatorRoom(conversation.assignedUserId, conversation.workspaceId));
  emitToOperators(rooms)("message:new", { message: toConsoleMessage(message, author) });
  if (!message.internal && !options.skipVisitor) emitToWidget(conversationRoom(conversation.id))("message:new", toVisitorMessage(message, author));
}

/** A state change: to every operator of the workspace and to the visitor's frames. */
export function publishConversationStatus(
  conversation: { id: string; workspaceId: string; status: TConversationStatus },
  assigned: TOperatorIdentity | null,
  department: { id: string; name: string } | null,
  options: { visitorConversationId?: string } = {},
) {
  emitToOperators(opsRoom(conversation.workspaceId))("conversation:status", {
    conversationId: conversation.id,
    status: conversation.status,
    assignedTo: assigned ? { userId: assigned.userId, name: assigned.name } : null,
    department,
  });
  const operator = conversation.status === "assigned" && assigned ? { name: assigned.name, avatarUrl: assigned.avatarUrl } : null;
  emitToWidget(conversationRoom(conversation.id))("conversation:status", {
    status: conversation.status,
    operator,
    ...(options.visitorConversationId ? { conversationId: options.visitorConversationId } : {}),
  });
}
