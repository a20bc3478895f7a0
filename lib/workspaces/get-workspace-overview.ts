import { db } from "../db/client";
import type { TWorkspaceContext } from "./types";

export async function getWorkspaceOverview(ctx: TWorkspaceContext) {
  const [members, openInvitations, apiKeys] = await Promise.all([
    db().membership.count({ where: { workspaceId: ctx.workspaceId } }),
    db().invitation.count({ where: { workspaceId: ctx.workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } }),
    db().apiKey.count({ where: { workspaceId: ctx.workspaceId, revokedAt: null } }),
  ]);
  return { members, openInvitations, apiKeys };
}
