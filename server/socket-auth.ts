import type { ExtendedError, Socket } from "socket.io";
import { authenticateOperator, OperatorAuthError } from "../lib/live-chat/authenticate-operator";
import { log } from "../lib/log/logger";

/**
 * The one middleware for /operator: only `auth.token`, a short-lived console token from
 * `POST /api/console/token` (lib/live-chat/console-token.ts). Cookies are not looked at, so
 * nothing a visitor's page can make a browser send opens an operator socket. A refused
 * connection gets `connect_error` with `err.message` = the code and `err.data` =
 * `{code, message}`.
 */
export async function operatorAuth(socket: Socket, next: (err?: ExtendedError) => void) {
  try {
    const session = await authenticateOperator(socket.handshake.auth);
    socket.data = { ...session, lastActivityAt: 0 };
    next();
  } catch (error) {
    const code = error instanceof OperatorAuthError ? error.code : "internal";
    const message = error instanceof OperatorAuthError ? error.message : "Something went wrong on our side. Please try again.";
    if (code === "internal") log.error("Operator handshake failed", { error: String(error) });
    const refused: ExtendedError = Object.assign(new Error(code), { data: { code, message } });
    next(refused);
  }
}
