import { db } from "../db/client";
import { findConversation, refuse } from "./find-conversation";
import { offerConversation } from "./offer-conversation";
import type { TOperatorCtx } from "./operator-context";
import { publishQueue } from "./publish";

/** The offered operator says no: the chat is offered to the next operator (never again to this one). */
export async function declineConversation(op: TOperatorCtx, conversationId: string): Promise<void> {
  const conversation = await findConversation(op.workspaceId, conversationId);
  if (conversation.status !== "queued" || conversation.offeredToUserId !== op.userId) throw refuse("not_offered_to_you", "This chat is not offered to you (any more).");
  const { count } = await db().conversation.updateMany({
    where: { id: conversationId, workspaceId: op.workspaceId, status: "queued", offeredToUserId: op.userId },
    data: { offeredToUserId: null, offeredAt: null, declinedBy: { push: op.userId } },
  });
  if (!count) throw refuse("not_offered_to_you", "This chat is not offered to you (any more).");
  const next = await offerConversation(op.workspaceId, conversationId);
  if (!next) await publishQueue(op.workspaceId);
}
