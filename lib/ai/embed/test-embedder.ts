import { AiProviderError, transportOrUnknownError } from "../errors";
import { createEmbedder } from "./create-embedder";
import type { TEmbeddingConfig } from "./embedding-models";

export type TEmbedderTestResult = { ok: true; latencyMs: number } | { ok: false; error: AiProviderError };

/** Embeds one short text without retries: proves key, model, network path and vector size. */
export async function testEmbedder(cfg: TEmbeddingConfig): Promise<TEmbedderTestResult> {
  const started = Date.now();
  try {
    const embedder = createEmbedder({ ...cfg, maxRetries: 0, timeoutMs: cfg.timeoutMs ?? 15_000 });
    await embedder.embed(["Chatwerk connection test"]);
    return { ok: true, latencyMs: Date.now() - started };
  } catch (error) {
    return { ok: false, error: error instanceof AiProviderError ? error : transportOrUnknownError({ provider: cfg.provider, apiKey: cfg.apiKey }, error) };
  }
}
