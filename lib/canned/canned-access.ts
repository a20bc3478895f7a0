import type { TransactionClient } from "../db/transaction";
import { AppError } from "../errors/app-error";
import { roleAllows } from "../workspaces/roles";
import type { TWorkspaceContext } from "../workspaces/types";
import type { TCannedScope } from "./schemas";

/**
 * Who may change a canned response: workspace and department ones admins and owners,
 * personal ones only their owner. Someone else's personal response is "not found".
 */
export function requireCannedWriteAccess(ctx: TWorkspaceContext, row: { scope: string; ownerUserId: string | null }): void {
  if (row.scope === "operator") {
    if (row.ownerUserId !== ctx.actorId) throw new AppError("not_found", "Canned response not found.");
    return;
  }
  if (!roleAllows(ctx.role, ["admin"])) throw new AppError("forbidden", "Only admins manage workspace and department responses.");
}

/** Shortcuts are unique per scope and owner (the workspace, one department, one operator). */
export async function assertShortcutFree(
  tx: TransactionClient,
  workspaceId: string,
  owner: { scope: TCannedScope; departmentId: string | null; ownerUserId: string | null },
  shortcut: string,
  exceptId?: string,
): Promise<void> {
  const key = `canned:${workspaceId}:${owner.scope}:${owner.departmentId ?? ""}:${owner.ownerUserId ?? ""}`;
  // Serialises concurrent writers of the same owner so the check below cannot race.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
  const clash = await tx.cannedResponse.findFirst({
    where: {
      workspaceId,
      scope: owner.scope,
      departmentId: owner.departmentId,
      ownerUserId: owner.ownerUserId,
      shortcut,
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (clash) throw new AppError("conflict", `The shortcut /${shortcut} is already used here.`, { details: { field: "shortcut" } });
}
