import { db, Prisma } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";
import { rethrowDepartmentConflict } from "./department-errors";
import { ZDepartmentId, ZDepartmentInput, type TDepartmentInput } from "./schemas";
import { replaceDepartmentOperators } from "./set-department-operators";

export type TUpdateDepartmentInput = TDepartmentInput & { departmentId: string };

/** Replaces a department's settings; a department of another workspace is "not found". */
export async function updateDepartment(ctx: TWorkspaceContext, raw: TUpdateDepartmentInput) {
  requireRole(ctx, ["admin"]);
  const departmentId = ZDepartmentId.parse(raw?.departmentId);
  const { operatorUserIds, businessHours, ...input } = ZDepartmentInput.parse(raw);
  try {
    return await db().$transaction(async (tx) => {
      const { count } = await tx.department.updateMany({
        where: { id: departmentId, workspaceId: ctx.workspaceId },
        data: { ...input, businessHours: businessHours ?? Prisma.DbNull },
      });
      if (count === 0) throw new AppError("not_found", "Department not found.");
      if (operatorUserIds) await replaceDepartmentOperators(tx, ctx.workspaceId, departmentId, operatorUserIds);
      await tx.auditLog.create({
        data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "department.updated", targetType: "department", targetId: departmentId, data: { name: input.name } },
      });
      return tx.department.findUniqueOrThrow({ where: { id: departmentId } });
    });
  } catch (error) {
    rethrowDepartmentConflict(error);
  }
}
