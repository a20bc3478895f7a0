import type { TEmbedder } from "@/lib/kb/embed/embedder";
import { createGeminiClient, mapGeminiError, retryAfterProbe } from "../gemini/gemini-client";
import type { TRetryPolicy } from "../retry";
import { batchedEmbedder } from "./batched-embedder";
import { sendsDimensions } from "./embedding-models";

/** batchEmbedContents accepts at most 100 requests. */
export const GEMINI_MAX_BATCH = 100;

/**
 * `embedContent` with several contents, which the SDK sends to `:batchEmbedContents` on the
 * Developer API. Each text is its own Content: for gemini-embedding-2 models the SDK would
 * merge bare strings into one multi-part content and return a single embedding. Vectors
 * below 3072 dimensions come back unnormalised; batchedEmbedder scales them.
 */
export function geminiEmbedder(cfg: {
  model: string;
  dimensions: number;
  apiKey?: string;
  baseUrl?: string;
  timeoutMs: number;
  policy: TRetryPolicy;
}): TEmbedder {
  const ctx = { provider: "gemini" as const, apiKey: cfg.apiKey };
  const ai = createGeminiClient(cfg);
  const dimensionsParam = sendsDimensions("gemini", cfg.model) ? { outputDimensionality: cfg.dimensions } : {};
  return batchedEmbedder({
    ctx,
    model: cfg.model,
    dimensions: cfg.dimensions,
    maxBatch: GEMINI_MAX_BATCH,
    timeoutMs: cfg.timeoutMs,
    policy: cfg.policy,
    mapError: (error) => mapGeminiError(ctx, error),
    async embedBatch(texts, signal) {
      const probe = retryAfterProbe();
      const response = await ai.models
        .embedContent({
          model: cfg.model,
          contents: texts.map((text) => ({ parts: [{ text }] })),
          config: { ...dimensionsParam, abortSignal: signal, httpOptions: probe.httpOptions },
        })
        .catch((error: unknown) => {
          throw mapGeminiError(ctx, error, probe.retryAfterMs());
        });
      return (response.embeddings ?? []).map((embedding) => embedding.values ?? []);
    },
  });
}
