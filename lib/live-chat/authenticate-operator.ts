import { db } from "../db/client";
import type { TRole } from "../validation/common";
import { roleAllows } from "../workspaces/roles";
import { ConsoleTokenError, verifyConsoleToken } from "./console-token";
import type { TOperatorAuthError } from "./protocol";

export class OperatorAuthError extends Error {
  constructor(readonly code: TOperatorAuthError, message: string) {
    super(message);
  }
}

export type TOperatorSession = { userId: string; workspaceId: string; role: TRole; workspace: { id: string; slug: string; name: string } };

/**
 * The /operator handshake: a genuine, unexpired console token whose user still has the same
 * token version (no password change or "log out everywhere" since), is verified, and is
 * still a member with role operator or above of the token's workspace.
 */
export async function authenticateOperator(auth: unknown): Promise<TOperatorSession> {
  const { token, workspace: slug } = (auth && typeof auth === "object" ? auth : {}) as { token?: unknown; workspace?: unknown };
  if (token === undefined || token === null || token === "") throw new OperatorAuthError("unauthorized", "Sign in and fetch a console token first.");
  let claims;
  try {
    claims = verifyConsoleToken(token);
  } catch (error) {
    if (error instanceof ConsoleTokenError) throw new OperatorAuthError(error.code, error.message);
    throw error;
  }
  const membership = await db().membership.findUnique({
    where: { workspaceId_userId: { workspaceId: claims.workspaceId, userId: claims.userId } },
    select: { role: true, user: { select: { tokenVersion: true, emailVerifiedAt: true } }, workspace: { select: { id: true, slug: true, name: true } } },
  });
  if (!membership) throw new OperatorAuthError("not_found", "You are not a member of this workspace.");
  if (membership.user.tokenVersion !== claims.tokenVersion || !membership.user.emailVerifiedAt) {
    throw new OperatorAuthError("token_revoked", "Your session was ended. Please sign in again.");
  }
  if (!roleAllows(membership.role, ["operator"])) throw new OperatorAuthError("forbidden", "Your role does not allow the console.");
  if (slug !== undefined && slug !== membership.workspace.slug) {
    throw new OperatorAuthError("workspace_mismatch", "This console token belongs to another workspace.");
  }
  return { userId: claims.userId, workspaceId: claims.workspaceId, role: membership.role, workspace: membership.workspace };
}
