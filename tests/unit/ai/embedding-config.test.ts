import { describe, expect, it } from "vitest";
import { AiProviderError, createEmbedder, dimensionsFor, MAX_INDEXED_DIMENSIONS, validateEmbeddingConfig, type TEmbeddingConfig } from "@/lib/ai/embedders";
import { OFFLINE_DIMENSIONS, OFFLINE_MODEL } from "@/lib/kb/embed/offline-embedder";

const openai = (over: Partial<TEmbeddingConfig> = {}): TEmbeddingConfig => ({ provider: "openai", model: "text-embedding-3-small", dimensions: 1536, apiKey: "sk-x", ...over });

describe("validateEmbeddingConfig", () => {
  it.each<[string, TEmbeddingConfig]>([
    ["offline default", { provider: "offline", model: OFFLINE_MODEL, dimensions: OFFLINE_DIMENSIONS }],
    ["text-embedding-3-small at 1536", openai()],
    ["text-embedding-3-small shortened to 256", openai({ dimensions: 256 })],
    ["text-embedding-3-large shortened to 1536", openai({ model: "text-embedding-3-large", dimensions: 1536 })],
    ["gemini-embedding-001 at 768", { provider: "gemini", model: "gemini-embedding-001", dimensions: 768, apiKey: "AIza-x" }],
    ["text-embedding-004 at 768", { provider: "gemini", model: "text-embedding-004", dimensions: 768, apiKey: "AIza-x" }],
    ["an Ollama model with its tag", { provider: "openai-compatible", model: "nomic-embed-text:latest", dimensions: 768, baseUrl: "http://localhost:11434/v1" }],
    ["an unknown local model", { provider: "openai-compatible", model: "custom-embed", dimensions: 1000, baseUrl: "http://127.0.0.1:8000/v1" }],
  ])("accepts %s", (_, cfg) => {
    expect(validateEmbeddingConfig(cfg)).toBeNull();
  });

  it.each<[string, TEmbeddingConfig, RegExp]>([
    ["offline with other dimensions", { provider: "offline", model: OFFLINE_MODEL, dimensions: 768 }, /one model.*384/],
    ["too few dimensions", openai({ dimensions: 100 }), /256 to 1536/],
    ["more than the model has", openai({ dimensions: 2048 }), /256 to 1536/],
    ["more than pgvector can index", { provider: "gemini", model: "gemini-embedding-001", dimensions: 3072, apiKey: "AIza-x" }, /At most 2000.*768, 1536/],
    ["a fixed-size model at another size", { provider: "openai-compatible", model: "mxbai-embed-large", dimensions: 768, baseUrl: "http://localhost:11434/v1" }, /1024/],
    ["a model of another provider", openai({ model: "gemini-embedding-001", dimensions: 768 }), /not available from OpenAI/],
    ["a missing key", openai({ apiKey: undefined }), /API key for OpenAI/],
    ["a compatible provider without URL", { provider: "openai-compatible", model: "m", dimensions: 768 }, /base URL/],
    ["a non-http URL", { provider: "openai-compatible", model: "m", dimensions: 768, baseUrl: "file:///etc/passwd" }, /http/],
    ["fractional dimensions", openai({ dimensions: 512.5 }), /whole number/],
    ["an empty model", openai({ model: " " }), /Choose/],
    ["an unknown model beyond the index limit", { provider: "openai-compatible", model: "big", dimensions: 4096, baseUrl: "http://x:1/v1" }, /At most 2000/],
  ])("rejects %s", (_, cfg, message) => {
    expect(validateEmbeddingConfig(cfg)).toMatch(message);
  });

  it("looks up known models by bare name", () => {
    expect(dimensionsFor("models/gemini-embedding-001")).toMatchObject({ defaultDimensions: 3072, suggested: [768, 1536] });
    expect(dimensionsFor("text-embedding-3-small")).toMatchObject({ defaultDimensions: 1536, minDimensions: 256, maxDimensions: 1536 });
    expect(dimensionsFor("all-minilm:l6-v2")?.defaultDimensions).toBe(384);
    expect(dimensionsFor("unknown")).toBeUndefined();
    expect(MAX_INDEXED_DIMENSIONS).toBe(2000);
  });
});

describe("createEmbedder", () => {
  it("returns the offline embedder unchanged for the offline provider", async () => {
    const embedder = createEmbedder({ provider: "offline", model: OFFLINE_MODEL, dimensions: OFFLINE_DIMENSIONS });
    expect(embedder).toMatchObject({ provider: "offline", model: OFFLINE_MODEL, dimensions: OFFLINE_DIMENSIONS });
    const [vector] = await embedder.embed(["Versandkosten nach Österreich"]);
    expect(vector).toHaveLength(OFFLINE_DIMENSIONS);
  });

  it("throws a bad_request AiProviderError for an unusable configuration", () => {
    expect(() => createEmbedder(openai({ apiKey: "" }))).toThrow(AiProviderError);
    try {
      createEmbedder(openai({ dimensions: 10 }));
    } catch (error) {
      expect(error).toMatchObject({ kind: "bad_request", retryable: false });
    }
  });
});
