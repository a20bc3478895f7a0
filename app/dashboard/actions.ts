"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { changePassword, signOutEverywhere } from "@/lib/auth/change-password";
import { deleteAccount } from "@/lib/auth/delete-account";
import { userAction } from "@/lib/auth/next/workspace-action";
import { LOCALE_COOKIE } from "@/lib/i18n/locale";
import { updateProfile } from "@/lib/auth/update-profile";
import { createWorkspace } from "@/lib/workspaces/create-workspace";

/** Account-level server actions (signed-in user, no workspace). */

export const createWorkspaceAction = userAction(async (user, input: { name: string }) => {
  const workspace = await createWorkspace({ name: input.name, ownerId: user.id });
  return { slug: workspace.slug };
});

export const updateProfileAction = userAction(async (user, input: { name: string; locale: string }) => {
  const updated = await updateProfile(user.id, input);
  (await cookies()).set(LOCALE_COOKIE, updated.locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  return null;
});

export const changePasswordAction = userAction(async (user, input: { currentPassword: string; newPassword: string }) => {
  await changePassword(user.id, z.object({ currentPassword: z.string().max(200), newPassword: z.string() }).parse(input));
  return null;
});

export const signOutEverywhereAction = userAction(async (user) => {
  await signOutEverywhere(user.id);
  return null;
});

export const deleteAccountAction = userAction(async (user, input: { password?: string; confirmEmail: string }) => {
  return deleteAccount(user.id, z.object({ password: z.string().max(200).optional(), confirmEmail: z.string().max(254) }).parse(input));
});
