import { decode } from "next-auth/jwt";
import type { ExtendedError, Socket } from "socket.io";
import { userForToken } from "../lib/auth/current-user";
import { env } from "../lib/config/env";
import { isAppError } from "../lib/errors/app-error";
import { requireMembership } from "../lib/workspaces/require-membership";

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

/**
 * The one middleware for /operator: the dashboard session cookie (never anything a
 * visitor can forge) plus membership with role operator or above in the workspace named
 * in `auth.workspace`.
 */
export async function operatorAuth(socket: Socket, next: (err?: ExtendedError) => void) {
  try {
    const cookieHeader = socket.handshake.headers.cookie;
    const raw = COOKIE_NAMES.map((n) => readCookie(cookieHeader, n)).find(Boolean);
    if (!raw) return next(new Error("unauthorized"));
    const token = await decode({ token: raw, secret: env().NEXTAUTH_SECRET! });
    if (!token?.uid) return next(new Error("unauthorized"));
    const user = await userForToken(String(token.uid), token.tv as number | undefined);
    if (!user) return next(new Error("unauthorized"));
    const slug = String((socket.handshake.auth as { workspace?: unknown }).workspace ?? "");
    const { ctx } = await requireMembership(user.id, slug, ["operator"]);
    socket.data.workspaceId = ctx.workspaceId;
    socket.data.userId = user.id;
    socket.data.role = ctx.role;
    next();
  } catch (error) {
    next(new Error(isAppError(error) ? error.code : "internal"));
  }
}
