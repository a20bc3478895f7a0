import OpenAI, { APIConnectionTimeoutError, APIError } from "openai";
import { Agent, fetch as undiciFetch } from "undici";
import { env } from "@/lib/config/env";
import { createGuardedConnector } from "@/lib/net/safe-fetch";
import { AiProviderError, errorForStatus, providerLabel, sanitizeDetail, transportOrUnknownError, type TErrorContext } from "../errors";
import { parseRetryAfter } from "../retry";

export const OPENAI_BASE_URL = "https://api.openai.com/v1";

/**
 * An SDK client for OpenAI or an OpenAI-compatible server (Ollama, vLLM). Everything is passed
 * explicitly so the SDK never falls back to OPENAI_* environment variables, and the SDK's own
 * retries are off: lib/ai retries with one policy for every provider.
 */
export function createOpenAIClient(cfg: { provider: "openai" | "openai-compatible"; apiKey?: string; baseUrl?: string; timeoutMs: number }): OpenAI {
  const ctx = { provider: cfg.provider };
  if (cfg.provider === "openai" && !cfg.apiKey) {
    throw new AiProviderError("auth", "No API key is configured for OpenAI.", ctx);
  }
  if (cfg.provider === "openai-compatible" && !cfg.baseUrl) {
    throw new AiProviderError("bad_request", "The OpenAI-compatible provider needs a base URL (e.g. http://localhost:11434/v1).", ctx);
  }
  return new OpenAI({
    // Local servers such as Ollama accept any bearer token, but the SDK insists on one.
    apiKey: cfg.apiKey || "unused",
    baseURL: cfg.baseUrl ?? OPENAI_BASE_URL,
    organization: null,
    project: null,
    timeout: cfg.timeoutMs,
    maxRetries: 0,
    // An owner chooses this server's address: every connection is checked against private,
    // loopback and metadata ranges at connect time (no DNS rebinding after the settings
    // check), unless the operator allows the host in FETCH_ALLOW_HOSTS (e.g. Ollama on localhost).
    ...(cfg.provider === "openai-compatible" ? { fetch: guardedFetch() } : {}),
  });
}

const agents = new Map<string, Agent>();

function guardedFetch(): typeof fetch {
  const allowHosts = env().FETCH_ALLOW_HOSTS;
  const key = allowHosts.join(",");
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ connect: createGuardedConnector(allowHosts) });
    agents.set(key, agent);
  }
  const dispatcher = agent;
  return ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) => undiciFetch(input, { ...init, dispatcher })) as unknown as typeof fetch;
}

/** Maps what the openai SDK throws (HTTP errors, in-stream error events, transport failures). */
export function mapOpenAIError(ctx: TErrorContext, error: unknown): AiProviderError {
  if (error instanceof AiProviderError) return error;
  if (error instanceof APIConnectionTimeoutError) {
    return new AiProviderError("timeout", `${providerLabel(ctx.provider)} did not respond in time.`, { provider: ctx.provider });
  }
  if (error instanceof APIError) {
    const body = (error.error ?? {}) as { message?: unknown; code?: unknown; type?: unknown };
    const detail = typeof body.message === "string" ? body.message : undefined;
    if (typeof error.status === "number") {
      return errorForStatus(ctx, error.status, detail, {
        retryAfterMs: parseRetryAfter(error.headers),
        quotaExhausted: body.code === "insufficient_quota",
      });
    }
    // An `error` event inside an otherwise successful stream carries no status.
    if (error.error) {
      const kind = String(body.type ?? body.code ?? "");
      if (/rate_limit/.test(kind)) return errorForStatus(ctx, 429, detail);
      if (/server_error|overloaded|unavailable/.test(kind)) return errorForStatus(ctx, 503, detail);
      return new AiProviderError("unknown", `${providerLabel(ctx.provider)} reported an error mid-stream: ${sanitizeDetail(detail ?? kind, ctx.apiKey) || "no details"}`, {
        provider: ctx.provider,
      });
    }
  }
  return transportOrUnknownError(ctx, error);
}
