import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { isAppError } from "../../errors/app-error";
import type { TRole } from "../../validation/common";
import { requireMembership } from "../../workspaces/require-membership";
import { roleAllows } from "../../workspaces/roles";
import { getCurrentUser } from "../current-user";

// The workspace layout and its page both guard the same request: look the session and the
// membership up once per request (React's request-scoped cache), check roles per caller.
const currentUserOnce = cache(getCurrentUser);
const membershipOnce = cache((userId: string, slug: string) => requireMembership(userId, slug, ["operator"]));

/** Signed-in user for a page, or a redirect to the login page that comes back here. */
export async function requireUserPage(returnTo: string) {
  const user = await currentUserOnce();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** The one guard for dashboard pages: member of the workspace with one of `roles`. */
export async function requireWorkspacePage(slug: string, roles: readonly TRole[], returnTo: string) {
  const user = await requireUserPage(returnTo);
  let membership;
  try {
    membership = await membershipOnce(user.id, slug);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
  if (!roleAllows(membership.role, roles)) redirect(`/dashboard/${slug}?denied=1`);
  return { user, ...membership };
}
