import type { TEmbedder } from "@/lib/kb/embed/embedder";
import { createOpenAIClient, mapOpenAIError } from "../openai/openai-client";
import { batchedEmbedder } from "./batched-embedder";
import { sendsDimensions } from "./embedding-models";
import type { TRetryPolicy } from "../retry";

/**
 * OpenAI allows 2048 inputs and 300k tokens per request; 256 chunks of ~500 tokens stay well
 * inside both. Local OpenAI-compatible servers embed on modest hardware, so their batches are
 * smaller to keep each request under its timeout.
 */
export const OPENAI_MAX_BATCH = 256;
export const OPENAI_COMPATIBLE_MAX_BATCH = 64;

/**
 * OpenAI: the SDK's default base64 encoding (a quarter of the JSON), decoded by the SDK.
 * OpenAI-compatible servers: floats requested explicitly, because a server that ignores
 * `encoding_format` would answer floats the SDK then mis-decodes as base64.
 */
export function openAIEmbedder(cfg: {
  provider: "openai" | "openai-compatible";
  model: string;
  dimensions: number;
  apiKey?: string;
  baseUrl?: string;
  timeoutMs: number;
  policy: TRetryPolicy;
}): TEmbedder {
  const ctx = { provider: cfg.provider, apiKey: cfg.apiKey };
  const client = createOpenAIClient(cfg);
  const compatible = cfg.provider === "openai-compatible";
  const dimensionsParam = sendsDimensions(cfg.provider, cfg.model) ? { dimensions: cfg.dimensions } : {};
  return batchedEmbedder({
    ctx,
    model: cfg.model,
    dimensions: cfg.dimensions,
    maxBatch: compatible ? OPENAI_COMPATIBLE_MAX_BATCH : OPENAI_MAX_BATCH,
    timeoutMs: cfg.timeoutMs,
    policy: cfg.policy,
    mapError: (error) => mapOpenAIError(ctx, error),
    async embedBatch(texts, signal) {
      const response = await client.embeddings.create(
        { model: cfg.model, input: texts, ...dimensionsParam, ...(compatible ? { encoding_format: "float" as const } : {}) },
        { signal },
      );
      return [...response.data].sort((a, b) => a.index - b.index).map((item) => toNumbers(item.embedding));
    },
  });
}

/** Floats as sent, or little-endian float32 in base64 from a server that answers base64 anyway. */
function toNumbers(embedding: number[] | string): number[] {
  if (typeof embedding !== "string") return embedding;
  const bytes = Buffer.from(embedding, "base64");
  return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4)));
}
