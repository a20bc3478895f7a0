import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";

/** Deletes one lead (admins and owners); a lead of another workspace is "not found". */
export async function deleteLead(ctx: TWorkspaceContext, id: string): Promise<void> {
  requireRole(ctx, ["admin"]);
  await db().$transaction(async (tx) => {
    const { count } = await tx.lead.deleteMany({ where: { id: String(id), workspaceId: ctx.workspaceId } });
    if (count === 0) throw new AppError("not_found", "Lead not found.");
    await tx.auditLog.create({ data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "lead.deleted", targetType: "lead", targetId: String(id) } });
  });
}
