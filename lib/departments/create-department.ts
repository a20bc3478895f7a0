import { db, Prisma } from "../db/client";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";
import { rethrowDepartmentConflict } from "./department-errors";
import { ZDepartmentInput, type TDepartmentInput } from "./schemas";
import { replaceDepartmentOperators } from "./set-department-operators";

export async function createDepartment(ctx: TWorkspaceContext, raw: TDepartmentInput) {
  requireRole(ctx, ["admin"]);
  const { operatorUserIds, businessHours, ...input } = ZDepartmentInput.parse(raw);
  try {
    return await db().$transaction(async (tx) => {
      const department = await tx.department.create({
        data: { ...input, workspaceId: ctx.workspaceId, businessHours: businessHours ?? Prisma.DbNull },
      });
      if (operatorUserIds) await replaceDepartmentOperators(tx, ctx.workspaceId, department.id, operatorUserIds);
      await tx.auditLog.create({
        data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "department.created", targetType: "department", targetId: department.id, data: { name: department.name } },
      });
      return department;
    });
  } catch (error) {
    rethrowDepartmentConflict(error);
  }
}
