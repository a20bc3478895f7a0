import { db } from "../db/client";
import type { TWorkspaceContext } from "../workspaces/types";
import { ensureOperatorProfile } from "./ensure-operator-profile";
import { requireProfileAccess } from "./operator-access";
import { ZOperatorProfileInput, type TOperatorProfileInput } from "./schemas";

/** Display name, signature, chat limit and the transcript switch of one operator. */
export async function updateOperatorProfile(ctx: TWorkspaceContext, raw: TOperatorProfileInput) {
  const { userId, ...data } = ZOperatorProfileInput.parse(raw);
  requireProfileAccess(ctx, userId);
  const profile = await ensureOperatorProfile(ctx.workspaceId, userId);
  const updated = await db().operatorProfile.update({ where: { id: profile.id }, data });
  await db().auditLog.create({
    data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "operator.profile_updated", targetType: "user", targetId: userId, data: { displayName: data.displayName, maxChats: data.maxChats, sendTranscripts: data.sendTranscripts } },
  });
  return updated;
}
