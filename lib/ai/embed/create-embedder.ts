import { offlineEmbedder, type TEmbedder } from "@/lib/kb/embed/embedder";
import { AiProviderError } from "../errors";
import type { TRetryPolicy } from "../retry";
import { validateEmbeddingConfig, type TEmbeddingConfig } from "./embedding-models";
import { geminiEmbedder } from "./gemini-embedder";
import { openAIEmbedder } from "./openai-embedder";

export const EMBEDDING_DEFAULTS = { timeoutMs: 60_000, maxRetries: 4 } as const;

/**
 * Ingestion runs in the background, so it waits longer than a chat answer would: backoff up
 * to 16 s and Retry-After up to a minute; beyond that the job fails and can be retried later.
 */
export function embeddingRetryPolicy(maxRetries: number): TRetryPolicy {
  return { maxRetries, baseDelayMs: 1_000, maxDelayMs: 16_000, maxRetryAfterMs: 60_000 };
}

/** The embedder for a bot's configuration; throws AiProviderError("bad_request") when it cannot work. */
export function createEmbedder(cfg: TEmbeddingConfig): TEmbedder {
  const problem = validateEmbeddingConfig(cfg);
  if (problem) throw new AiProviderError("bad_request", problem, { provider: cfg.provider });
  if (cfg.provider === "offline") return offlineEmbedder();
  const common = {
    model: cfg.model.trim(),
    dimensions: cfg.dimensions,
    apiKey: cfg.apiKey,
    baseUrl: cfg.baseUrl,
    timeoutMs: cfg.timeoutMs ?? EMBEDDING_DEFAULTS.timeoutMs,
    policy: embeddingRetryPolicy(cfg.maxRetries ?? EMBEDDING_DEFAULTS.maxRetries),
  };
  return cfg.provider === "gemini" ? geminiEmbedder(common) : openAIEmbedder({ ...common, provider: cfg.provider });
}
