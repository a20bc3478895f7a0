import { AppError } from "../errors/app-error";
import type { TRole } from "../validation/common";
import { roleAllows } from "./roles";
import type { TWorkspaceContext } from "./types";

/**
 * A service's own role check. Actions are already guarded by workspaceAction; services that
 * change settings or spend money check again so any future caller (API, CLI) inherits it.
 */
export function requireRole(ctx: Pick<TWorkspaceContext, "role">, roles: readonly TRole[]): void {
  if (!roleAllows(ctx.role, roles)) throw new AppError("forbidden", "Your role does not allow this.");
}
