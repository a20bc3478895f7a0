import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { log } from "../log/logger";
import { AppError } from "./app-error";

export type TErrorBody = { error: { code: string; message: string; details?: Record<string, unknown>; requestId?: string } };

/** Turns anything thrown into a JSON body and status; unexpected errors are logged, never shown. */
export function toErrorBody(error: unknown): { status: number; body: TErrorBody; headers: Record<string, string> } {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds) headers["Retry-After"] = String(error.retryAfterSeconds);
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
      headers,
    };
  }
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const field = first?.path.join(".");
    return {
      status: 400,
      body: {
        error: {
          code: "validation_failed",
          message: first ? `${field ? `${field}: ` : ""}${first.message}` : "Invalid input",
          details: { issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
        },
      },
      headers: {},
    };
  }
  const requestId = randomUUID();
  log.error("Unexpected error", { requestId, error: error instanceof Error ? error.stack : String(error) });
  return {
    status: 500,
    body: { error: { code: "internal", message: "Something went wrong on our side. Please try again.", requestId } },
    headers: {},
  };
}

export function errorResponse(error: unknown): Response {
  const { status, body, headers } = toErrorBody(error);
  return Response.json(body, { status, headers });
}
