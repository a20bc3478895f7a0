import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { TWorkspaceContext } from "../workspaces/types";
import { requireCannedWriteAccess } from "./canned-access";

export async function deleteCannedResponse(ctx: TWorkspaceContext, input: { cannedResponseId: string }): Promise<void> {
  const id = String(input?.cannedResponseId ?? "");
  await db().$transaction(async (tx) => {
    const row = await tx.cannedResponse.findFirst({ where: { id, workspaceId: ctx.workspaceId } });
    if (!row) throw new AppError("not_found", "Canned response not found.");
    requireCannedWriteAccess(ctx, row);
    await tx.cannedResponse.delete({ where: { id: row.id } });
    if (row.scope !== "operator") {
      await tx.auditLog.create({
        data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "canned_response.deleted", targetType: "canned_response", targetId: row.id, data: { scope: row.scope, shortcut: row.shortcut } },
      });
    }
  });
}
