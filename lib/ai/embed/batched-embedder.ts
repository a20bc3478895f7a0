import type { TEmbedder } from "@/lib/kb/embed/embedder";
import { callWithRetry } from "../call-with-retry";
import { AiProviderError, providerLabel, type TErrorContext } from "../errors";
import type { TRetryPolicy } from "../retry";

/**
 * The part every remote embedder shares: blank texts become zero vectors without a request
 * (providers reject empty input; the offline embedder does the same for texts without words),
 * larger inputs are split into `maxBatch` requests sent one after another, each with its own
 * timeout and retries, and every vector is checked and scaled to unit length for the cosine
 * index.
 */
export function batchedEmbedder(opts: {
  ctx: TErrorContext;
  model: string;
  dimensions: number;
  maxBatch: number;
  timeoutMs: number;
  policy: TRetryPolicy;
  mapError: (error: unknown) => AiProviderError;
  embedBatch: (texts: string[], signal: AbortSignal) => Promise<number[][]>;
}): TEmbedder {
  const { ctx, dimensions, maxBatch } = opts;
  return {
    provider: ctx.provider,
    model: opts.model,
    dimensions,
    maxBatch,
    async embed(texts) {
      const vectors: number[][] = texts.map(() => new Array<number>(dimensions).fill(0));
      const pending = texts.flatMap((text, index) => (text.trim() ? [{ text, index }] : []));
      for (let start = 0; start < pending.length; start += maxBatch) {
        const batch = pending.slice(start, start + maxBatch);
        const result = await callWithRetry({
          ctx,
          policy: opts.policy,
          timeoutMs: opts.timeoutMs,
          mapError: opts.mapError,
          call: (signal) => opts.embedBatch(batch.map((item) => item.text), signal),
        });
        if (result.length !== batch.length) {
          throw new AiProviderError("unknown", `${providerLabel(ctx.provider)} returned ${result.length} embeddings for ${batch.length} texts.`, { provider: ctx.provider });
        }
        result.forEach((vector, j) => {
          vectors[batch[j]!.index] = checkedUnitVector(vector, opts.model, dimensions, ctx);
        });
      }
      return vectors;
    },
  };
}

function checkedUnitVector(vector: number[], model: string, dimensions: number, ctx: TErrorContext): number[] {
  if (vector.length !== dimensions) {
    throw new AiProviderError(
      "bad_request",
      `${model} returned ${vector.length}-dimensional vectors, but ${dimensions} are configured. Set dimensions to ${vector.length} or choose another model.`,
      { provider: ctx.provider },
    );
  }
  let sumOfSquares = 0;
  for (const x of vector) sumOfSquares += x * x;
  if (!Number.isFinite(sumOfSquares)) {
    throw new AiProviderError("unknown", `${providerLabel(ctx.provider)} returned an embedding with invalid numbers.`, { provider: ctx.provider });
  }
  const norm = Math.sqrt(sumOfSquares);
  return norm === 0 ? vector : vector.map((x) => x / norm);
}
