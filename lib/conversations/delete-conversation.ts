import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";

/**
 * Deletes one conversation with its messages (admins and owners), and the visitor's session
 * when no other conversation of it remains, so the visitor's name, email and pages go too.
 * Leads and usage records keep their rows (their link is set to null). A conversation of
 * another workspace is "not found".
 */
export async function deleteConversation(ctx: TWorkspaceContext, conversationId: string): Promise<void> {
  requireRole(ctx, ["admin"]);
  const id = String(conversationId);
  await db().$transaction(async (tx) => {
    const conversation = await tx.conversation.findFirst({ where: { id, workspaceId: ctx.workspaceId }, select: { visitorSessionId: true } });
    if (!conversation) throw new AppError("not_found", "Conversation not found.");
    await tx.conversation.deleteMany({ where: { id, workspaceId: ctx.workspaceId } });
    await tx.visitorSession.deleteMany({ where: { id: conversation.visitorSessionId, workspaceId: ctx.workspaceId, conversations: { none: {} } } });
    await tx.auditLog.create({ data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "conversation.deleted", targetType: "conversation", targetId: id } });
  });
}
