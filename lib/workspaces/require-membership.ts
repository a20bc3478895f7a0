import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { TRole } from "../validation/common";
import { roleAllows } from "./roles";
import type { TWorkspaceContext } from "./types";

/**
 * Resolves a workspace by slug for a user and checks the role. A workspace the user does
 * not belong to is simply "not found" (no hint that it exists); a member without the
 * role gets "forbidden".
 */
export async function requireMembership(userId: string, slug: string, roles: readonly TRole[]) {
  const membership = await db().membership.findFirst({
    where: { userId, workspace: { slug } },
    include: { workspace: true },
  });
  if (!membership) throw new AppError("not_found", "Workspace not found.");
  if (!roleAllows(membership.role, roles)) {
    throw new AppError("forbidden", "Your role does not allow this.");
  }
  const ctx: TWorkspaceContext = { workspaceId: membership.workspaceId, actorId: userId, role: membership.role };
  return { ctx, workspace: membership.workspace, role: membership.role };
}

export async function listWorkspacesForUser(userId: string) {
  const memberships = await db().membership.findMany({
    where: { userId },
    include: { workspace: { select: { id: true, name: true, slug: true, plan: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((m) => ({ ...m.workspace, role: m.role }));
}
