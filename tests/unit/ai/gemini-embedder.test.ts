import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmbedder, GEMINI_MAX_BATCH, type TEmbeddingConfig } from "@/lib/ai/embedders";
import { fakeEmbedding, startFakeGemini, type TFakeServer } from "@/tests/fakes/gemini-fake";
import { expectProviderError, maxDiff, norm } from "./helpers";

const KEY = "AIzaSyFAKE-embed-key-0123456789abcdef";
let fake: TFakeServer;

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: KEY });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
});

const gemini = (over: Partial<TEmbeddingConfig> = {}) =>
  createEmbedder({ provider: "gemini", model: "gemini-embedding-001", dimensions: 768, apiKey: KEY, baseUrl: fake.url, ...over });
type TBatchBody = { requests: { model: string; content: { parts: { text: string }[] }; outputDimensionality?: number }[] };
const batchRequests = () => fake.requests.filter((r) => r.path === "/v1beta/models/gemini-embedding-001:batchEmbedContents");

describe("Gemini embeddings", () => {
  it("sends one batchEmbedContents request per batch and returns normalised vectors in order", async () => {
    const texts = ["Öffnungszeiten", "Versand", "Rückgabe"];
    const embedder = gemini();
    expect(embedder).toMatchObject({ provider: "gemini", dimensions: 768, maxBatch: GEMINI_MAX_BATCH });
    const vectors = await embedder.embed(texts);

    const [request] = batchRequests();
    expect(request!.headers["x-goog-api-key"]).toBe(KEY);
    expect(request!.body).toEqual({
      requests: texts.map((text) => ({ model: "models/gemini-embedding-001", content: { parts: [{ text }] }, outputDimensionality: 768 })),
    });
    vectors.forEach((vector, i) => {
      // The fake scales vectors by 3, like Gemini's unnormalised output below 3072 dimensions.
      expect(norm(vector)).toBeCloseTo(1, 10);
      expect(maxDiff(vector, fakeEmbedding(texts[i]!, 768))).toBeLessThan(1e-12);
    });
  });

  it("keeps batches within Gemini's limit of 100", async () => {
    const texts = Array.from({ length: 250 }, (_, i) => `Frage ${i}`);
    const vectors = await gemini().embed(texts);
    expect(batchRequests()).toHaveLength(Math.ceil(250 / GEMINI_MAX_BATCH));
    expect(batchRequests().map((r) => (r.body as TBatchBody).requests.length)).toEqual([100, 100, 50]);
    for (const i of [0, 99, 100, 249]) expect(maxDiff(vectors[i]!, fakeEmbedding(texts[i]!, 768))).toBeLessThan(1e-12);
  });

  it("fails clearly when the vectors do not have the configured size", async () => {
    fake.script({ type: "embeddings", dimensions: 3072 });
    const error = expectProviderError(await gemini().embed(["x"]).catch((e: unknown) => e), "bad_request");
    expect(error.message).toMatch(/3072-dimensional vectors, but 768 are configured/);
  });

  it("retries after RetryInfo and reports a wrong key as auth", async () => {
    fake.script({ type: "error", status: 429, retryDelay: "0.3s" });
    const started = Date.now();
    expect(await gemini().embed(["nochmal"])).toHaveLength(1);
    expect(batchRequests()).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);

    fake.reset();
    const error = expectProviderError(await gemini({ apiKey: "AIzaSyWRONG-0123456789abcdefghij" }).embed(["x"]).catch((e: unknown) => e), "auth");
    expect(error.message).not.toContain("AIzaSyWRONG");
    expect(batchRequests()).toHaveLength(1);
  });
});
