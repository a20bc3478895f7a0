import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";
import { ensureOperatorProfile } from "./ensure-operator-profile";
import { ZOperatorDepartmentsInput, type TOperatorDepartmentsInput } from "./schemas";

/** The departments an operator belongs to (admins and owners). */
export async function setOperatorDepartments(ctx: TWorkspaceContext, raw: TOperatorDepartmentsInput): Promise<void> {
  requireRole(ctx, ["admin"]);
  const input = ZOperatorDepartmentsInput.parse(raw);
  const departmentIds = [...new Set(input.departmentIds)];
  const profile = await ensureOperatorProfile(ctx.workspaceId, input.userId);
  await db().$transaction(async (tx) => {
    const found = await tx.department.count({ where: { workspaceId: ctx.workspaceId, id: { in: departmentIds } } });
    if (found !== departmentIds.length) throw new AppError("not_found", "Department not found.", { details: { field: "departmentIds" } });
    await tx.operatorDepartment.deleteMany({ where: { operatorId: profile.id } });
    if (departmentIds.length > 0) {
      await tx.operatorDepartment.createMany({ data: departmentIds.map((departmentId) => ({ operatorId: profile.id, departmentId })) });
    }
    await tx.auditLog.create({
      data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "operator.departments_changed", targetType: "user", targetId: input.userId, data: { departmentIds } },
    });
  });
}
