import { AppError } from "../../errors/app-error";
import { errorResponse } from "../../errors/to-response";
import type { TRole } from "../../validation/common";
import { requireMembership } from "../../workspaces/require-membership";
import type { TWorkspaceContext } from "../../workspaces/types";
import { getCurrentUser } from "../current-user";

type THandler<P> = (req: Request, ctx: { ws: TWorkspaceContext; params: P }) => Promise<Response>;

/**
 * The one wrapper for session-authenticated route handlers under
 * /api/workspaces/[workspace]/...: signed in, member, role at least one of `roles`.
 */
export function withWorkspace<P extends { workspace: string }>(handler: THandler<P>, options: { roles: readonly TRole[] }) {
  return async (req: Request, route: { params: Promise<P> }) => {
    try {
      const user = await getCurrentUser();
      if (!user) throw new AppError("unauthorized", "Please sign in.");
      const params = await route.params;
      const { ctx } = await requireMembership(user.id, params.workspace, options.roles);
      return await handler(req, { ws: ctx, params });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
