import { db } from "../db/client";
import { AppError } from "../errors/app-error";

export const LIVE_CONVERSATION_SELECT = {
  id: true, workspaceId: true, botId: true, visitorSessionId: true, status: true, language: true, departmentId: true,
  assignedUserId: true, offeredToUserId: true, declinedBy: true, handoffReason: true, queuedAt: true, assignedAt: true,
  closedAt: true, tags: true, rating: true, ratingComment: true, createdAt: true,
} as const;

/** A conversation of this workspace; another workspace's id is simply not found. */
export async function findConversation(workspaceId: string, conversationId: string) {
  const conversation = await db().conversation.findFirst({ where: { id: conversationId, workspaceId }, select: LIVE_CONVERSATION_SELECT });
  if (!conversation) throw new AppError("not_found", "Conversation not found.");
  return conversation;
}

export type TLiveConversation = Awaited<ReturnType<typeof findConversation>>;

/** A refusal the console can show as is: `details.reason` names the case. */
export function refuse(reason: string, message: string, code: "conflict" | "forbidden" | "validation_failed" = "conflict"): AppError {
  return new AppError(code, message, { details: { reason } });
}
