import { ApiError, GoogleGenAI, type HttpOptions } from "@google/genai";
import { AiProviderError, errorForStatus, transportOrUnknownError, type TErrorContext } from "../errors";
import { parseGoogleDuration, parseRetryAfter } from "../retry";

export const GEMINI_BASE_URL = "https://generativelanguage.googleapis.com/";

/**
 * A client for the Gemini Developer API. `vertexai: false` and an explicit base URL keep the
 * SDK from switching backends or hosts through GOOGLE_* environment variables. The SDK does
 * not retry unless asked (no `retryOptions`), which leaves retries to lib/ai.
 */
export function createGeminiClient(cfg: { apiKey?: string; baseUrl?: string }): GoogleGenAI {
  if (!cfg.apiKey) throw new AiProviderError("auth", "No API key is configured for Gemini.", { provider: "gemini" });
  return new GoogleGenAI({ apiKey: cfg.apiKey, vertexai: false, httpOptions: { baseUrl: cfg.baseUrl ?? GEMINI_BASE_URL } });
}

/**
 * The SDK's ApiError carries the status and body but not the headers, so each request gets a
 * fetch that notes Retry-After on error responses for the error mapper.
 */
export function retryAfterProbe(): { httpOptions: HttpOptions; retryAfterMs: () => number | undefined } {
  let retryAfterMs: number | undefined;
  const probeFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await fetch(input, init);
    if (!response.ok) retryAfterMs = parseRetryAfter(response.headers);
    return response;
  };
  return { httpOptions: { fetch: probeFetch }, retryAfterMs: () => retryAfterMs };
}

type TGoogleErrorBody = {
  error?: { code?: number; message?: string; status?: string; details?: { "@type"?: string; reason?: string; retryDelay?: string }[] };
};

/** Maps the SDK's ApiError (HTTP status or an error event in the stream) and transport failures. */
export function mapGeminiError(ctx: TErrorContext, error: unknown, headerRetryAfterMs?: number): AiProviderError {
  if (error instanceof AiProviderError) return error;
  if (error instanceof ApiError) {
    const body = parseGoogleErrorBody(error.message);
    const details = body?.error?.details ?? [];
    const message = body?.error?.message;
    // A wrong key is a 400 INVALID_ARGUMENT with reason API_KEY_INVALID, not a 401.
    const authFailure = details.some((d) => d.reason === "API_KEY_INVALID") || /API key not valid|API_KEY_INVALID/i.test(message ?? "");
    const retryInfoMs = details.map((d) => parseGoogleDuration(d.retryDelay)).find((ms) => ms !== undefined);
    return errorForStatus(ctx, error.status, message ?? body?.error?.status, { authFailure, retryAfterMs: headerRetryAfterMs ?? retryInfoMs });
  }
  return transportOrUnknownError(ctx, error);
}

// The SDK puts the JSON error body into the message, after "got status: …. " for stream events.
function parseGoogleErrorBody(message: string): TGoogleErrorBody | undefined {
  const start = message.indexOf("{");
  if (start < 0) return undefined;
  try {
    const parsed = JSON.parse(message.slice(start)) as TGoogleErrorBody | TGoogleErrorBody[];
    return Array.isArray(parsed) ? parsed[0] : parsed;
  } catch {
    return undefined;
  }
}
