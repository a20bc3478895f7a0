import { embedOffline, OFFLINE_DIMENSIONS, OFFLINE_MODEL } from "./offline-embedder";

/**
 * What every embedding provider (offline, OpenAI, Gemini, OpenAI-compatible) implements.
 * `provider`, `model` and `dimensions` identify the vector space: vectors are only comparable
 * when all three match, so they are stored with the index. Callers send at most `maxBatch`
 * texts per `embed` call and get one vector per text, in order.
 */
export type TEmbedder = {
  provider: string;
  model: string;
  dimensions: number;
  maxBatch: number;
  embed(texts: string[]): Promise<number[][]>;
};

/**
 * The local, deterministic embedder used when no provider key is configured. The work is
 * synchronous CPU time (0.1–0.25 ms per chunk); `maxBatch` keeps one call short enough not to
 * stall the event loop noticeably. Texts without content words come back as zero vectors.
 */
export function offlineEmbedder(): TEmbedder {
  return {
    provider: "offline",
    model: OFFLINE_MODEL,
    dimensions: OFFLINE_DIMENSIONS,
    maxBatch: 128,
    embed: async (texts) => texts.map((text) => embedOffline(text)),
  };
}
