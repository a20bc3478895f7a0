import type { TAnswerProvider } from "./providers";

export type TAiProvider = TAnswerProvider;
export type TAiErrorKind = "auth" | "rate_limit" | "timeout" | "unavailable" | "bad_request" | "unknown";

const RETRYABLE_BY_DEFAULT: Record<TAiErrorKind, boolean> = {
  auth: false,
  rate_limit: true,
  timeout: true,
  unavailable: true,
  bad_request: false,
  unknown: false,
};

/**
 * The one error every provider adapter throws. `message` is short, readable by a workspace
 * owner and never contains the API key; `retryable` says whether trying again later can help
 * (the adapters already retried what they could).
 */
export class AiProviderError extends Error {
  readonly kind: TAiErrorKind;
  readonly retryable: boolean;
  readonly status?: number;
  /** How long the provider asked us to wait (Retry-After or Google's RetryInfo). */
  readonly retryAfterMs?: number;
  readonly provider?: TAiProvider;

  constructor(
    kind: TAiErrorKind,
    message: string,
    extra: { retryable?: boolean; status?: number; retryAfterMs?: number; provider?: TAiProvider } = {},
  ) {
    super(message);
    this.name = "AiProviderError";
    this.kind = kind;
    this.retryable = extra.retryable ?? RETRYABLE_BY_DEFAULT[kind];
    this.status = extra.status;
    this.retryAfterMs = extra.retryAfterMs;
    this.provider = extra.provider;
  }
}

export function isAiProviderError(error: unknown): error is AiProviderError {
  return error instanceof AiProviderError;
}

export function providerLabel(provider: TAiProvider): string {
  if (provider === "openai") return "OpenAI";
  if (provider === "gemini") return "Gemini";
  if (provider === "openai-compatible") return "The OpenAI-compatible endpoint";
  return "The offline provider";
}

// Shapes of well-known keys, masked even when they are not the configured key (a provider may
// echo a different key, e.g. one from a proxy in front of it).
const KEY_PATTERNS = [/sk-[A-Za-z0-9_*-]{6,}/g, /AIza[0-9A-Za-z_-]{20,}/g, /Bearer\s+[A-Za-z0-9._~+/=-]{8,}/gi];
const MAX_DETAIL_LENGTH = 200;

/** Provider text made safe to show: the key and anything shaped like a key are masked, length capped. */
export function sanitizeDetail(text: string, apiKey?: string): string {
  let clean = text;
  if (apiKey && apiKey.length >= 4) clean = clean.split(apiKey).join("[redacted]");
  for (const pattern of KEY_PATTERNS) clean = clean.replace(pattern, "[redacted]");
  clean = clean.replace(/\s+/g, " ").trim();
  return clean.length > MAX_DETAIL_LENGTH ? `${clean.slice(0, MAX_DETAIL_LENGTH - 1)}…` : clean;
}

/** Everything a mapper needs to phrase an error; the key is only used to mask it. */
export type TErrorContext = { provider: TAiProvider; apiKey?: string };

/** Classifies an HTTP status the same way for every provider. */
export function errorForStatus(
  ctx: TErrorContext,
  status: number,
  detail: string | undefined,
  extra: { retryAfterMs?: number; authFailure?: boolean; quotaExhausted?: boolean } = {},
): AiProviderError {
  const label = providerLabel(ctx.provider);
  const safeDetail = detail ? sanitizeDetail(detail, ctx.apiKey) : "";
  const suffix = safeDetail ? `: ${safeDetail}` : ".";
  const base = { status, provider: ctx.provider, retryAfterMs: extra.retryAfterMs };
  // Provider messages for auth failures are where keys get echoed; they add nothing useful.
  if (status === 401 || status === 403 || extra.authFailure) {
    return new AiProviderError("auth", `${label} rejected the API key or its permissions (${status}). Check the key in the settings.`, base);
  }
  if (status === 429 && extra.quotaExhausted) {
    return new AiProviderError("rate_limit", `${label} quota is exhausted (429); check the account's plan and billing.`, { ...base, retryable: false });
  }
  if (status === 429) return new AiProviderError("rate_limit", `${label} rate limit reached (429); try again shortly.`, base);
  if (status === 408 || status === 504) return new AiProviderError("timeout", `${label} timed out (${status}).`, base);
  if (status === 409 || status >= 500) return new AiProviderError("unavailable", `${label} is unavailable (${status}); try again shortly.`, base);
  if (status === 404) return new AiProviderError("bad_request", `${label} does not know this model or endpoint (404)${suffix}`, base);
  if (status >= 400) return new AiProviderError("bad_request", `${label} rejected the request (${status})${suffix}`, base);
  return new AiProviderError("unknown", `${label} returned an unexpected response (${status})${suffix}`, base);
}

/** `phrase` completes "<Provider> …", e.g. "did not start answering within 30 s". */
export function timeoutError(ctx: TErrorContext, phrase: string): AiProviderError {
  return new AiProviderError("timeout", `${providerLabel(ctx.provider)} ${phrase}.`, { provider: ctx.provider });
}

/** Failures below HTTP (DNS, refused or reset connections, truncated bodies) and anything else. */
export function transportOrUnknownError(ctx: TErrorContext, error: unknown): AiProviderError {
  const label = providerLabel(ctx.provider);
  const text = describe(error);
  if (/fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|socket|terminated|other side closed|network|connection/i.test(text)) {
    return new AiProviderError("unavailable", `Could not reach ${label} (connection failed or was interrupted).`, { provider: ctx.provider });
  }
  return new AiProviderError("unknown", `Unexpected error from ${label}: ${sanitizeDetail(text, ctx.apiKey) || "no details"}`, { provider: ctx.provider });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? ` ${cause.name} ${cause.message} ${(cause as { code?: string }).code ?? ""}` : "";
  return `${error.name} ${error.message}${causeText}`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
