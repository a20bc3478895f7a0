import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { operatorIdentity } from "./operator-identity";
import type { TConversationDetails } from "./protocol";

/** The console's header of one conversation (tenant-scoped). */
export async function conversationDetails(workspaceId: string, conversationId: string): Promise<TConversationDetails> {
  const c = await db().conversation.findFirst({
    where: { id: conversationId, workspaceId },
    select: {
      id: true, status: true, botId: true, assignedUserId: true, tags: true, rating: true, ratingComment: true, createdAt: true, closedAt: true,
      bot: { select: { name: true } },
      department: { select: { id: true, name: true } },
    },
  });
  if (!c) throw new AppError("not_found", "Conversation not found.");
  const assigned = c.assignedUserId ? await operatorIdentity(workspaceId, c.assignedUserId) : null;
  return {
    id: c.id,
    status: c.status,
    botId: c.botId,
    botName: c.bot.name,
    department: c.department,
    assignedTo: c.assignedUserId ? { userId: c.assignedUserId, name: assigned?.name ?? "?" } : null,
    tags: c.tags,
    rating: c.rating,
    ratingComment: c.ratingComment,
    createdAt: c.createdAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
  };
}
