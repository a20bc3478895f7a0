import { db } from "../db/client";
import type { TWorkspaceContext } from "./types";

export async function getWorkspaceOverview(ctx: TWorkspaceContext) {
  const [members, openInvitations, apiKeys, bots] = await Promise.all([
    db().membership.count({ where: { workspaceId: ctx.workspaceId } }),
    db().invitation.count({ where: { workspaceId: ctx.workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } }),
    db().apiKey.count({ where: { workspaceId: ctx.workspaceId, revokedAt: null } }),
    db().bot.count({ where: { workspaceId: ctx.workspaceId } }),
  ]);
  return { members, openInvitations, apiKeys, bots };
}
