import { z } from "zod";
import { db } from "../db/client";
import { emitToOperators, operatorRoom } from "../realtime/broadcast";
import { conversationDetails } from "./conversation-details";
import { findConversation, refuse } from "./find-conversation";
import { offerWaitingConversations } from "./offer-conversation";
import { assertHandles, assertMayTake, type TOperatorCtx } from "./operator-context";
import { operatorIdentity } from "./operator-identity";
import { LIVE_CHAT_LIMITS, type TConversationDetails } from "./protocol";
import { publishConversationStatus, publishMessage, publishOperators, publishQueue } from "./publish";
import { queueTranscripts } from "./send-transcripts";
import { addSystemMessage, SYSTEM_TEXTS, visitorLanguage } from "./system-messages";

export const ZCloseInput = z.object({
  conversationId: z.string().min(1).max(64),
  tags: z
    .array(z.string().trim().min(1).max(LIVE_CHAT_LIMITS.tagMaxChars))
    .max(LIVE_CHAT_LIMITS.tagsMax)
    .optional()
    .default([])
    .transform((tags) => [...new Set(tags)]),
});

/**
 * An operator ends a chat (assigned to them, or a waiting one they could take: "ignore").
 * The visitor reads who ended it and may rate it; transcripts go out once.
 */
export async function closeConversation(op: TOperatorCtx, raw: unknown): Promise<TConversationDetails> {
  const input = ZCloseInput.parse(raw);
  const conversation = await findConversation(op.workspaceId, input.conversationId);
  if (conversation.status === "closed") throw refuse("conversation_closed", "This conversation has already ended.");
  if (conversation.status === "bot") throw refuse("not_live", "This conversation is with the bot.");
  assertHandles(op, conversation);
  if (conversation.status === "queued") await assertMayTake(op, conversation.departmentId);
  const me = await operatorIdentity(op.workspaceId, op.userId);
  const message = await db().$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: conversation.id, workspaceId: op.workspaceId, status: conversation.status, assignedUserId: conversation.assignedUserId },
      data: { status: "closed", closedAt: new Date(), closedByUserId: op.userId, closeReason: "operator", tags: input.tags, offeredToUserId: null, offeredAt: null },
    });
    if (!count) return null;
    return addSystemMessage(tx, conversation, SYSTEM_TEXTS[visitorLanguage(conversation.language)].closedByOperator(me?.name ?? ""));
  });
  if (!message) throw refuse("conversation_changed", "The chat changed in the meantime; please try again.");
  await afterClose(op.workspaceId, conversation, message);
  return conversationDetails(op.workspaceId, conversation.id);
}

/** The visitor closed the chat (the widget's close icon): the team hears about it. */
export async function closeByVisitor(workspaceId: string, conversationId: string): Promise<void> {
  const conversation = await db().conversation.findFirst({ where: { id: conversationId, workspaceId }, select: { id: true, workspaceId: true, status: true, assignedUserId: true, assignedAt: true, language: true, departmentId: true } });
  if (!conversation || conversation.status === "closed") return;
  const { count } = await db().conversation.updateMany({
    where: { id: conversationId, workspaceId, status: { not: "closed" } },
    data: { status: "closed", closedAt: new Date(), closeReason: "visitor", offeredToUserId: null, offeredAt: null },
  });
  if (!count || conversation.status === "bot") return;
  if (conversation.assignedUserId) {
    emitToOperators(operatorRoom(conversation.assignedUserId, workspaceId))("notice", { kind: "visitor_left", conversationId, text: "The visitor has closed the chat." });
  }
  await afterClose(workspaceId, conversation, null);
}

async function afterClose(workspaceId: string, conversation: { id: string; assignedUserId: string | null; departmentId: string | null }, message: Parameters<typeof publishMessage>[1] | null) {
  const published = { id: conversation.id, workspaceId, assignedUserId: conversation.assignedUserId };
  if (message) publishMessage(published, message, null);
  const department = conversation.departmentId ? await db().department.findFirst({ where: { id: conversation.departmentId, workspaceId }, select: { id: true, name: true } }) : null;
  publishConversationStatus({ ...published, status: "closed" }, null, department);
  queueTranscripts(workspaceId, conversation.id);
  await publishQueue(workspaceId);
  await publishOperators(workspaceId);
  // A closed chat frees a seat: waiting chats may now be offered.
  await offerWaitingConversations(workspaceId);
}
