export { AiProviderError, isAiProviderError, type TAiErrorKind } from "./errors";
export { createEmbedder, EMBEDDING_DEFAULTS } from "./embed/create-embedder";
export {
  dimensionsFor,
  KNOWN_EMBEDDING_MODELS,
  MAX_INDEXED_DIMENSIONS,
  validateEmbeddingConfig,
  validateEmbeddingModel,
  type TEmbeddingConfig,
  type TEmbeddingModelInfo,
  type TEmbeddingProvider,
} from "./embed/embedding-models";
export { GEMINI_MAX_BATCH } from "./embed/gemini-embedder";
export { OPENAI_COMPATIBLE_MAX_BATCH, OPENAI_MAX_BATCH } from "./embed/openai-embedder";
export { testEmbedder, type TEmbedderTestResult } from "./embed/test-embedder";
