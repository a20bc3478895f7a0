import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../config/env";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireMembership } from "../workspaces/require-membership";
import { LIVE_CHAT_LIMITS } from "./protocol";

/**
 * Short-lived tokens for the /operator namespace (decision: works on every node behind a
 * load balancer without sticky sessions or shared state; the console fetches a fresh one
 * from `POST /api/console/token` before each (re)connect). A token binds the user, the
 * workspace and the user's token version, so a password change or "log out everywhere"
 * also refuses the next reconnect. Format: base64url(JSON claims) "." base64url(HMAC-SHA256).
 * The key is derived from NEXTAUTH_SECRET, so it never equals the session cookie's key.
 */
type TClaims = { v: 1; uid: string; wid: string; tv: number; exp: number };

export type TConsoleTokenError = "token_invalid" | "token_expired";

export class ConsoleTokenError extends Error {
  constructor(readonly code: TConsoleTokenError) {
    super(code === "token_expired" ? "The console token has expired; fetch a new one." : "The console token is not valid.");
  }
}

function signingKey(): Buffer {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  return createHmac("sha256", secret).update("chatwerk/console-token/v1").digest();
}

const sign = (payload: string) => createHmac("sha256", signingKey()).update(payload).digest();

export function signConsoleToken(claims: { userId: string; workspaceId: string; tokenVersion: number }, now = Date.now()) {
  const exp = Math.floor(now / 1000) + LIVE_CHAT_LIMITS.consoleTokenSeconds;
  const body: TClaims = { v: 1, uid: claims.userId, wid: claims.workspaceId, tv: claims.tokenVersion, exp };
  const payload = Buffer.from(JSON.stringify(body)).toString("base64url");
  return { token: `${payload}.${sign(payload).toString("base64url")}`, expiresAt: new Date(exp * 1000).toISOString() };
}

/** The claims of a genuine, unexpired token; throws ConsoleTokenError otherwise. */
export function verifyConsoleToken(token: unknown, now = Date.now()): { userId: string; workspaceId: string; tokenVersion: number } {
  if (typeof token !== "string" || token.length > 1000) throw new ConsoleTokenError("token_invalid");
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) throw new ConsoleTokenError("token_invalid");
  const expected = sign(payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ConsoleTokenError("token_invalid");
  let claims: TClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as TClaims;
  } catch {
    throw new ConsoleTokenError("token_invalid");
  }
  if (claims?.v !== 1 || typeof claims.uid !== "string" || typeof claims.wid !== "string" || !Number.isInteger(claims.tv) || !Number.isInteger(claims.exp)) {
    throw new ConsoleTokenError("token_invalid");
  }
  if (claims.exp * 1000 <= now) throw new ConsoleTokenError("token_expired");
  return { userId: claims.uid, workspaceId: claims.wid, tokenVersion: claims.tv };
}

/** `POST /api/console/token`: a member with role operator or above of the workspace `slug`. */
export async function issueConsoleToken(user: { id: string }, slug: string) {
  if (typeof slug !== "string" || !slug) throw new AppError("validation_failed", "workspace: required", { details: { field: "workspace" } });
  const { ctx } = await requireMembership(user.id, slug, ["operator"]);
  const row = await db().user.findUnique({ where: { id: user.id }, select: { tokenVersion: true } });
  if (!row) throw new AppError("unauthorized", "Please sign in.");
  return signConsoleToken({ userId: user.id, workspaceId: ctx.workspaceId, tokenVersion: row.tokenVersion });
}
