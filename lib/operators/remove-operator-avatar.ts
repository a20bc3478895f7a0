import { db } from "../db/client";
import type { TWorkspaceContext } from "../workspaces/types";
import { deleteAvatarFile } from "./avatar-storage";
import { ensureOperatorProfile } from "./ensure-operator-profile";
import { requireProfileAccess } from "./operator-access";

export async function removeOperatorAvatar(ctx: TWorkspaceContext, input: { userId: string }): Promise<void> {
  const userId = String(input?.userId ?? "");
  requireProfileAccess(ctx, userId);
  const profile = await ensureOperatorProfile(ctx.workspaceId, userId);
  if (!profile.avatarFile) return;
  await db().operatorProfile.update({ where: { id: profile.id }, data: { avatarFile: null } });
  await deleteAvatarFile(profile.avatarFile);
  await db().auditLog.create({ data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "operator.avatar_removed", targetType: "user", targetId: userId } });
}
