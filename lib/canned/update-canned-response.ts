import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { TWorkspaceContext } from "../workspaces/types";
import { assertShortcutFree, requireCannedWriteAccess } from "./canned-access";
import { ZCannedResponseUpdate, type TCannedResponse, type TCannedResponseUpdate, type TCannedScope } from "./schemas";
import { CANNED_SELECT, toCannedResponse } from "./to-canned-response";

/** Shortcut, title and text of a response; its scope stays. */
export async function updateCannedResponse(ctx: TWorkspaceContext, raw: TCannedResponseUpdate): Promise<TCannedResponse> {
  const { cannedResponseId, ...input } = ZCannedResponseUpdate.parse(raw);
  return db().$transaction(async (tx) => {
    const row = await tx.cannedResponse.findFirst({ where: { id: cannedResponseId, workspaceId: ctx.workspaceId } });
    if (!row) throw new AppError("not_found", "Canned response not found.");
    requireCannedWriteAccess(ctx, row);
    await assertShortcutFree(tx, ctx.workspaceId, { scope: row.scope as TCannedScope, departmentId: row.departmentId, ownerUserId: row.ownerUserId }, input.shortcut, row.id);
    const updated = await tx.cannedResponse.update({ where: { id: row.id }, data: input, select: CANNED_SELECT });
    if (row.scope !== "operator") {
      await tx.auditLog.create({
        data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "canned_response.updated", targetType: "canned_response", targetId: row.id, data: { scope: row.scope, shortcut: updated.shortcut } },
      });
    }
    return toCannedResponse(updated);
  });
}
