import { db } from "../db/client";
import { AppError } from "../errors/app-error";

/**
 * A member's operator profile in a workspace, created on first use (console, dashboard,
 * department membership). Someone who is not a member of the workspace has none.
 */
export async function ensureOperatorProfile(workspaceId: string, userId: string) {
  const existing = await db().operatorProfile.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } });
  if (existing) return existing;
  const member = await db().membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: { id: true } });
  if (!member) throw new AppError("not_found", "Operator not found.");
  return db().operatorProfile.upsert({
    where: { workspaceId_userId: { workspaceId, userId } },
    create: { workspaceId, userId },
    update: {},
  });
}
