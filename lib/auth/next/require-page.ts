import { notFound, redirect } from "next/navigation";
import { isAppError } from "../../errors/app-error";
import type { TRole } from "../../validation/common";
import { requireMembership } from "../../workspaces/require-membership";
import { getCurrentUser } from "../current-user";

/** Signed-in user for a page, or a redirect to the login page that comes back here. */
export async function requireUserPage(returnTo: string) {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** The one guard for dashboard pages: member of the workspace with one of `roles`. */
export async function requireWorkspacePage(slug: string, roles: readonly TRole[], returnTo: string) {
  const user = await requireUserPage(returnTo);
  try {
    const membership = await requireMembership(user.id, slug, roles);
    return { user, ...membership };
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    if (isAppError(error) && error.code === "forbidden") redirect(`/dashboard/${slug}?denied=1`);
    throw error;
  }
}
