import { db } from "../db/client";
import { conversationDetails } from "./conversation-details";
import { findConversation, refuse } from "./find-conversation";
import { assertMayTake, type TOperatorCtx } from "./operator-context";
import { operatorIdentity } from "./operator-identity";
import type { TConversationDetails } from "./protocol";
import { publishConversationStatus, publishMessage, publishQueue } from "./publish";
import { addSystemMessage, SYSTEM_TEXTS, visitorLanguage } from "./system-messages";

/**
 * queued → assigned. The update is conditional on the chat still waiting, so when two
 * operators accept at once exactly one wins; the other gets `conflict` (reason
 * `already_assigned`). Accepting again one's own chat is a no-op.
 */
export async function acceptConversation(op: TOperatorCtx, conversationId: string): Promise<TConversationDetails> {
  const conversation = await findConversation(op.workspaceId, conversationId);
  if (conversation.status === "assigned" && conversation.assignedUserId === op.userId) return conversationDetails(op.workspaceId, conversationId);
  if (conversation.status === "closed") throw refuse("conversation_closed", "This conversation has ended.");
  if (conversation.status === "assigned") throw refuse("already_assigned", "Another operator has already accepted this chat.");
  if (conversation.status !== "queued") throw refuse("not_waiting", "This chat is not waiting for an operator (it went back to the bot).");
  await assertMayTake(op, conversation.departmentId);

  const me = await operatorIdentity(op.workspaceId, op.userId);
  const name = me?.name ?? "";
  const now = new Date();
  const message = await db().$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: conversationId, workspaceId: op.workspaceId, status: "queued" },
      data: { status: "assigned", assignedUserId: op.userId, assignedAt: now, offeredToUserId: null, offeredAt: null },
    });
    if (!count) return null;
    await tx.operatorProfile.updateMany({ where: { workspaceId: op.workspaceId, userId: op.userId }, data: { lastAssignedAt: now } });
    return addSystemMessage(tx, conversation, SYSTEM_TEXTS[visitorLanguage(conversation.language)].assigned(name));
  });
  if (!message) throw refuse("already_assigned", "Another operator was faster and has accepted this chat.");

  const details = await conversationDetails(op.workspaceId, conversationId);
  const published = { id: conversationId, workspaceId: op.workspaceId, assignedUserId: op.userId };
  publishMessage(published, message, null);
  publishConversationStatus({ ...published, status: "assigned" }, me, details.department);
  await publishQueue(op.workspaceId);
  return details;
}
