import { db } from "../db/client";
import type { TWorkspaceContext } from "../workspaces/types";
import { deleteAvatarFile, writeAvatarFile } from "./avatar-storage";
import { operatorAvatarUrl } from "./avatar-url";
import { ensureOperatorProfile } from "./ensure-operator-profile";
import { requireProfileAccess } from "./operator-access";
import { processAvatarImage } from "./process-avatar-image";

/** Replaces an operator's avatar (PNG, JPEG or WebP up to 1 MB); returns its new address. */
export async function uploadOperatorAvatar(ctx: TWorkspaceContext, input: { userId: string; bytes: Uint8Array }): Promise<{ avatarUrl: string }> {
  const userId = String(input?.userId ?? "");
  requireProfileAccess(ctx, userId);
  const profile = await ensureOperatorProfile(ctx.workspaceId, userId);
  const image = await processAvatarImage(input.bytes);
  const file = await writeAvatarFile(image.bytes, image.ext);
  await db().operatorProfile.update({ where: { id: profile.id }, data: { avatarFile: file } });
  await deleteAvatarFile(profile.avatarFile);
  await db().auditLog.create({ data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "operator.avatar_uploaded", targetType: "user", targetId: userId } });
  return { avatarUrl: operatorAvatarUrl(file)! };
}
