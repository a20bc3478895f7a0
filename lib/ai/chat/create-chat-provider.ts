import type { TRetryPolicy } from "../retry";
import { geminiChatAdapter } from "./gemini-chat";
import { openAIChatAdapter } from "./openai-chat";
import { streamWithRetry } from "./stream-with-retry";
import type { TChatAdapter, TChatProvider, TChatProviderConfig } from "./types";

export const CHAT_DEFAULTS = { timeoutMs: 30_000, idleTimeoutMs: 20_000, maxRetries: 2 } as const;

/**
 * A visitor is waiting: backoff stays short, and a provider asking for a pause longer than
 * ten seconds makes the answer fail fast (the bot can offer a human instead).
 */
export function chatRetryPolicy(maxRetries: number): TRetryPolicy {
  return { maxRetries, baseDelayMs: 500, maxDelayMs: 4_000, maxRetryAfterMs: 10_000 };
}

/**
 * The streaming chat model behind a bot. Throws AiProviderError right away when the config
 * cannot work (missing key or base URL); every later failure surfaces from `stream`.
 */
export function createChatProvider(cfg: TChatProviderConfig): TChatProvider {
  const timeoutMs = cfg.timeoutMs ?? CHAT_DEFAULTS.timeoutMs;
  const limits = {
    firstTokenTimeoutMs: timeoutMs,
    idleTimeoutMs: cfg.idleTimeoutMs ?? CHAT_DEFAULTS.idleTimeoutMs,
    policy: chatRetryPolicy(cfg.maxRetries ?? CHAT_DEFAULTS.maxRetries),
  };
  const adapter: TChatAdapter =
    cfg.provider === "gemini"
      ? geminiChatAdapter(cfg)
      : openAIChatAdapter({ provider: cfg.provider, model: cfg.model, apiKey: cfg.apiKey, baseUrl: cfg.baseUrl, timeoutMs });
  return {
    provider: cfg.provider,
    model: cfg.model,
    stream: (req) => streamWithRetry(adapter, req, limits),
  };
}
