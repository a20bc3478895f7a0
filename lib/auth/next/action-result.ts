import { toErrorBody } from "../../errors/to-response";

export type TActionError = { code: string; message: string; field?: string; reason?: string; retryAfterSeconds?: number };
export type TActionResult<T> = { ok: true; data: T } | { ok: false; error: TActionError };

/** Server actions return errors as values; nothing internal leaks to the browser. */
export async function actionResult<T>(fn: () => Promise<T>): Promise<TActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    const { body, headers } = toErrorBody(error);
    const details = body.error.details as { field?: string; reason?: string; issues?: { path: string }[] } | undefined;
    const field = details?.field ?? details?.issues?.[0]?.path;
    const retry = headers["Retry-After"] ? Number(headers["Retry-After"]) : undefined;
    return {
      ok: false,
      error: {
        code: body.error.code,
        message: body.error.message,
        ...(field ? { field } : {}),
        ...(details?.reason ? { reason: details.reason } : {}),
        ...(retry ? { retryAfterSeconds: retry } : {}),
      },
    };
  }
}

/** redirect() and notFound() work by throwing; they must pass through. */
function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"));
}
