import { OFFLINE_DIMENSIONS, OFFLINE_MODEL } from "@/lib/kb/embed/offline-embedder";
import type { TAiProvider } from "../errors";

export type TEmbeddingProvider = TAiProvider;

export type TEmbeddingConfig = {
  provider: TEmbeddingProvider;
  model: string;
  dimensions: number;
  apiKey?: string;
  /** OpenAI-compatible: the `/v1` URL (e.g. http://localhost:11434/v1). Others: override for proxies and tests. */
  baseUrl?: string;
  /** Per request (one batch). Default 60 s. */
  timeoutMs?: number;
  /** Retries per batch for 429, 5xx, network errors and timeouts. Default 4. */
  maxRetries?: number;
};

export type TEmbeddingModelInfo = {
  providers: TEmbeddingProvider[];
  defaultDimensions: number;
  minDimensions: number;
  maxDimensions: number;
  /** Whether the API takes a dimensions parameter (OpenAI `dimensions`, Gemini `outputDimensionality`). */
  acceptsDimensions: boolean;
  /** Sizes to offer in the settings form, all within MAX_INDEXED_DIMENSIONS. */
  suggested: number[];
};

/** pgvector's HNSW index on `vector` columns stops at 2000 dimensions (docs/decisions/009). */
export const MAX_INDEXED_DIMENSIONS = 2000;

const COMPATIBLE: TEmbeddingProvider[] = ["openai-compatible"];
const fixed = (providers: TEmbeddingProvider[], dimensions: number): TEmbeddingModelInfo => ({
  providers,
  defaultDimensions: dimensions,
  minDimensions: dimensions,
  maxDimensions: dimensions,
  acceptsDimensions: false,
  suggested: [dimensions],
});

/**
 * Models whose sizes are known. Other model names are allowed (new releases, local models);
 * their vectors are checked against the configured size on every call instead.
 */
export const KNOWN_EMBEDDING_MODELS: Record<string, TEmbeddingModelInfo> = {
  [OFFLINE_MODEL]: fixed(["offline"], OFFLINE_DIMENSIONS),
  "text-embedding-3-small": {
    providers: ["openai", "openai-compatible"],
    defaultDimensions: 1536,
    minDimensions: 256,
    maxDimensions: 1536,
    acceptsDimensions: true,
    suggested: [512, 1536],
  },
  "text-embedding-3-large": {
    providers: ["openai", "openai-compatible"],
    defaultDimensions: 3072,
    minDimensions: 256,
    maxDimensions: 3072,
    acceptsDimensions: true,
    suggested: [1024, 1536],
  },
  "text-embedding-ada-002": fixed(["openai", "openai-compatible"], 1536),
  "gemini-embedding-001": {
    providers: ["gemini"],
    defaultDimensions: 3072,
    minDimensions: 128,
    maxDimensions: 3072,
    acceptsDimensions: true,
    suggested: [768, 1536],
  },
  // Retired by Google in January 2026; kept so existing indexes still validate.
  "text-embedding-004": { ...fixed(["gemini"], 768), acceptsDimensions: true },
  "nomic-embed-text": fixed(COMPATIBLE, 768),
  "mxbai-embed-large": fixed(COMPATIBLE, 1024),
  "all-minilm": fixed(COMPATIBLE, 384),
  "bge-m3": fixed(COMPATIBLE, 1024),
};

/** Looks a model up by its bare name: Gemini's "models/" prefix and Ollama's ":tag" are ignored. */
export function dimensionsFor(model: string): TEmbeddingModelInfo | undefined {
  const bare = model.trim().replace(/^models\//, "").replace(/:[^/]*$/, "");
  return KNOWN_EMBEDDING_MODELS[bare];
}

/** Whether to send the dimensions parameter: known models say so, unknown ones get the provider's habit. */
export function sendsDimensions(provider: TEmbeddingProvider, model: string): boolean {
  const known = dimensionsFor(model);
  if (known) return known.acceptsDimensions;
  if (provider === "gemini") return true;
  return provider === "openai" && /^text-embedding-3/.test(model);
}

const LABEL: Record<TEmbeddingProvider, string> = { offline: "offline", openai: "OpenAI", gemini: "Gemini", "openai-compatible": "OpenAI-compatible" };

/** Why an embedding configuration cannot work, as one sentence for the settings form, or null. */
export function validateEmbeddingConfig(cfg: TEmbeddingConfig): string | null {
  const modelProblem = validateEmbeddingModel(cfg);
  if (modelProblem || cfg.provider === "offline") return modelProblem;
  if (cfg.timeoutMs !== undefined && !(cfg.timeoutMs > 0)) return "The timeout must be a positive number of milliseconds.";
  if (cfg.maxRetries !== undefined && !(Number.isInteger(cfg.maxRetries) && cfg.maxRetries >= 0)) return "Retries must be a whole number of 0 or more.";
  if ((cfg.provider === "openai" || cfg.provider === "gemini") && !cfg.apiKey?.trim()) return `Enter an API key for ${LABEL[cfg.provider]}.`;
  if (cfg.provider === "openai-compatible" && !cfg.baseUrl) return "Enter the server's base URL, e.g. http://localhost:11434/v1.";
  if (cfg.baseUrl !== undefined && !isHttpUrl(cfg.baseUrl)) return "The base URL must be an http:// or https:// URL.";
  return null;
}

/** Provider, model and dimensions only (no credentials): what an owner picks for a bot. */
export function validateEmbeddingModel(cfg: Pick<TEmbeddingConfig, "provider" | "model" | "dimensions">): string | null {
  if (!(cfg.provider in LABEL)) return `Unknown embedding provider "${String(cfg.provider)}".`;
  const model = cfg.model?.trim() ?? "";
  if (!model) return "Choose an embedding model.";
  if (!Number.isInteger(cfg.dimensions) || cfg.dimensions < 1) return "Dimensions must be a whole number greater than 0.";
  if (cfg.provider === "offline") {
    return model === OFFLINE_MODEL && cfg.dimensions === OFFLINE_DIMENSIONS
      ? null
      : `The offline provider has one model, ${OFFLINE_MODEL}, with ${OFFLINE_DIMENSIONS} dimensions.`;
  }

  const known = dimensionsFor(model);
  if (known && !known.providers.includes(cfg.provider)) {
    return `${model} is not available from ${LABEL[cfg.provider]}; use ${known.providers.map((p) => LABEL[p]).join(" or ")}.`;
  }
  if (known && known.minDimensions === known.maxDimensions && cfg.dimensions !== known.minDimensions) {
    return `${model} produces ${known.minDimensions}-dimensional vectors; set dimensions to ${known.minDimensions}.`;
  }
  if (known && (cfg.dimensions < known.minDimensions || cfg.dimensions > known.maxDimensions)) {
    return `${model} supports ${known.minDimensions} to ${known.maxDimensions} dimensions (suggested: ${known.suggested.join(", ")}).`;
  }
  if (cfg.dimensions > MAX_INDEXED_DIMENSIONS) {
    const hint = known ? ` (suggested: ${known.suggested.join(", ")})` : "";
    return `At most ${MAX_INDEXED_DIMENSIONS} dimensions can be indexed; choose fewer${hint}.`;
  }
  return null;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
