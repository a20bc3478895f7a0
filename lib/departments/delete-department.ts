import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";
import { ZDepartmentId } from "./schemas";

/**
 * Deletes a department. Its conversations keep their history and lose the department
 * (ON DELETE SET NULL); its members and department-level canned responses go with it.
 */
export async function deleteDepartment(ctx: TWorkspaceContext, input: { departmentId: string }): Promise<void> {
  requireRole(ctx, ["admin"]);
  const departmentId = ZDepartmentId.parse(input?.departmentId);
  await db().$transaction(async (tx) => {
    const department = await tx.department.findFirst({ where: { id: departmentId, workspaceId: ctx.workspaceId }, select: { id: true, name: true } });
    if (!department) throw new AppError("not_found", "Department not found.");
    await tx.department.delete({ where: { id: department.id } });
    await tx.auditLog.create({
      data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "department.deleted", targetType: "department", targetId: department.id, data: { name: department.name } },
    });
  });
}
