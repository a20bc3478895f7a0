"use server";

import { revalidatePath } from "next/cache";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { workspaceAction } from "@/lib/auth/next/workspace-action";
import { isLocale } from "@/lib/i18n/locale";
import { changeMemberRole, removeMember, revokeInvitation } from "@/lib/workspaces/manage-members";
import { inviteMember, type TInviteInput } from "@/lib/workspaces/invite-member";
import { updateWorkspaceSettings, type TWorkspaceSettingsInput } from "@/lib/workspaces/update-workspace-settings";

/** Workspace server actions: each goes through workspaceAction (membership + role). */

export const inviteMemberAction = workspaceAction(["admin"], async (ctx, input: TInviteInput, user) => {
  const result = await inviteMember(ctx, input, { locale: isLocale(user.locale) ? user.locale : "de" });
  revalidatePath("/dashboard/[workspace]/members", "page");
  return result;
});

export const changeMemberRoleAction = workspaceAction(["admin"], async (ctx, input: { membershipId: string; role: string }) => {
  await changeMemberRole(ctx, input);
  revalidatePath("/dashboard/[workspace]/members", "page");
  return null;
});

/** Operators may call this only to leave (remove themselves); the service enforces it. */
export const removeMemberAction = workspaceAction(["operator"], async (ctx, input: { membershipId: string }) => {
  const result = await removeMember(ctx, input);
  revalidatePath("/dashboard/[workspace]/members", "page");
  return result;
});

export const revokeInvitationAction = workspaceAction(["admin"], async (ctx, input: { invitationId: string }) => {
  await revokeInvitation(ctx, input);
  revalidatePath("/dashboard/[workspace]/members", "page");
  return null;
});

export const createApiKeyAction = workspaceAction(["admin"], async (ctx, input: { name: string }) => {
  const key = await createApiKey(ctx, input);
  revalidatePath("/dashboard/[workspace]/api-keys", "page");
  return { id: key.id, name: key.name, prefix: key.prefix, secret: key.secret };
});

export const revokeApiKeyAction = workspaceAction(["admin"], async (ctx, input: { apiKeyId: string }) => {
  await revokeApiKey(ctx, input);
  revalidatePath("/dashboard/[workspace]/api-keys", "page");
  return null;
});

export const updateSettingsAction = workspaceAction(["admin"], async (ctx, input: TWorkspaceSettingsInput) => {
  const workspace = await updateWorkspaceSettings(ctx, input);
  revalidatePath("/dashboard", "layout");
  return { slug: workspace.slug };
});
