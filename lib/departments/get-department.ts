import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { TWorkspaceContext } from "../workspaces/types";
import { DEPARTMENT_SELECT, toDepartmentSummary, type TDepartmentSummary } from "./list-departments";
import { ZDepartmentId } from "./schemas";

/** One department of the workspace; another workspace's id is "not found". */
export async function getDepartment(ctx: Pick<TWorkspaceContext, "workspaceId">, departmentId: string): Promise<TDepartmentSummary> {
  const id = ZDepartmentId.safeParse(departmentId);
  const row = id.success ? await db().department.findFirst({ where: { id: id.data, workspaceId: ctx.workspaceId }, select: DEPARTMENT_SELECT }) : null;
  if (!row) throw new AppError("not_found", "Department not found.");
  return toDepartmentSummary(row);
}
