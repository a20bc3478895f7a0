import { AppError } from "../../errors/app-error";
import type { TRole } from "../../validation/common";
import { requireMembership } from "../../workspaces/require-membership";
import type { TWorkspaceContext } from "../../workspaces/types";
import { getCurrentUser, type TCurrentUser } from "../current-user";
import { actionResult, type TActionResult } from "./action-result";

/**
 * The one wrapper for workspace server actions. Every server action is a public
 * endpoint: the slug comes from the client, so membership and role are checked here.
 */
export function workspaceAction<I, O>(
  roles: readonly TRole[],
  fn: (ctx: TWorkspaceContext, input: I, user: TCurrentUser) => Promise<O>,
) {
  return async (workspaceSlug: string, input: I): Promise<TActionResult<O>> =>
    actionResult(async () => {
      const user = await getCurrentUser();
      if (!user) throw new AppError("unauthorized", "Your session has ended. Please sign in again.");
      const { ctx } = await requireMembership(user.id, String(workspaceSlug), roles);
      return fn(ctx, input, user);
    });
}

/** For account-level actions that need a signed-in user but no workspace. */
export function userAction<I, O>(fn: (user: TCurrentUser, input: I) => Promise<O>) {
  return async (input: I): Promise<TActionResult<O>> =>
    actionResult(async () => {
      const user = await getCurrentUser();
      if (!user) throw new AppError("unauthorized", "Your session has ended. Please sign in again.");
      return fn(user, input);
    });
}
