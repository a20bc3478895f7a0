import { AppError } from "../errors/app-error";
import { roleAllows } from "../workspaces/roles";
import type { TWorkspaceContext } from "../workspaces/types";

/** Operators edit their own profile; admins and owners edit anyone's. */
export function requireProfileAccess(ctx: TWorkspaceContext, userId: string): void {
  if (userId === ctx.actorId) return;
  if (!roleAllows(ctx.role, ["admin"])) throw new AppError("forbidden", "You can only change your own operator profile.");
}
