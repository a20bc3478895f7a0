import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { TWorkspaceContext } from "../workspaces/types";
import { assertShortcutFree, requireCannedWriteAccess } from "./canned-access";
import { ZCannedResponseInput, type TCannedResponse, type TCannedResponseInput } from "./schemas";
import { CANNED_SELECT, toCannedResponse } from "./to-canned-response";

/** Workspace and department responses: admins and owners; personal ones: everyone for themselves. */
export async function createCannedResponse(ctx: TWorkspaceContext, raw: TCannedResponseInput): Promise<TCannedResponse> {
  const input = ZCannedResponseInput.parse(raw);
  const owner = {
    scope: input.scope,
    departmentId: input.scope === "department" ? input.departmentId : null,
    ownerUserId: input.scope === "operator" ? ctx.actorId : null,
  };
  requireCannedWriteAccess(ctx, owner);
  return db().$transaction(async (tx) => {
    if (owner.departmentId) {
      const department = await tx.department.findFirst({ where: { id: owner.departmentId, workspaceId: ctx.workspaceId }, select: { id: true } });
      if (!department) throw new AppError("not_found", "Department not found.", { details: { field: "departmentId" } });
    }
    await assertShortcutFree(tx, ctx.workspaceId, owner, input.shortcut);
    const row = await tx.cannedResponse.create({
      data: { workspaceId: ctx.workspaceId, ...owner, shortcut: input.shortcut, title: input.title, text: input.text },
      select: CANNED_SELECT,
    });
    if (owner.scope !== "operator") {
      await tx.auditLog.create({
        data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "canned_response.created", targetType: "canned_response", targetId: row.id, data: { scope: owner.scope, shortcut: row.shortcut } },
      });
    }
    return toCannedResponse(row);
  });
}
