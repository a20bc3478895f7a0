import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmbedder, OPENAI_MAX_BATCH, type TEmbeddingConfig } from "@/lib/ai/embedders";
import { fakeEmbedding, startFakeOpenAI, type TFakeServer } from "@/tests/fakes/openai-fake";
import { allowLocalFakes, expectProviderError, float32, maxDiff, norm } from "./helpers";

allowLocalFakes();

const KEY = "sk-test-Embed0123456789abcdef";
let fake: TFakeServer;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY, embeddingDimensions: 768 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
});

const openai = (over: Partial<TEmbeddingConfig> = {}) =>
  createEmbedder({ provider: "openai", model: "text-embedding-3-small", dimensions: 512, apiKey: KEY, baseUrl: fake.url, ...over });
const compatible = (over: Partial<TEmbeddingConfig> = {}) =>
  createEmbedder({ provider: "openai-compatible", model: "nomic-embed-text", dimensions: 768, baseUrl: fake.url, apiKey: KEY, ...over });
const embeddingRequests = () => fake.requests.filter((r) => r.path === "/v1/embeddings");
type TBody = { input: string[]; dimensions?: number; encoding_format?: string };

describe("OpenAI embeddings", () => {
  it("decodes the SDK's default base64 into the right unit vectors, in order", async () => {
    const texts = ["Versand nach Österreich", "Rückgabe innerhalb von 30 Tagen", "Kontakt"];
    const embedder = openai();
    expect(embedder).toMatchObject({ provider: "openai", model: "text-embedding-3-small", dimensions: 512, maxBatch: OPENAI_MAX_BATCH });
    const vectors = await embedder.embed(texts);

    const body = embeddingRequests()[0]!.body as TBody;
    expect(body).toMatchObject({ model: "text-embedding-3-small", input: texts, dimensions: 512, encoding_format: "base64" });
    vectors.forEach((vector, i) => {
      expect(maxDiff(vector, float32(fakeEmbedding(texts[i]!, 512)))).toBeLessThan(1e-6);
      expect(norm(vector)).toBeCloseTo(1, 6);
    });
  });

  it("splits large inputs into maxBatch requests and keeps the order", async () => {
    const texts = Array.from({ length: 600 }, (_, i) => `Abschnitt ${i}`);
    const vectors = await openai({ dimensions: 256 }).embed(texts);

    const requests = embeddingRequests();
    expect(requests).toHaveLength(Math.ceil(600 / OPENAI_MAX_BATCH));
    expect(requests.map((r) => (r.body as TBody).input.length)).toEqual([256, 256, 88]);
    expect(vectors).toHaveLength(600);
    for (const i of [0, 255, 256, 511, 599]) {
      expect(maxDiff(vectors[i]!, float32(fakeEmbedding(texts[i]!, 256)))).toBeLessThan(1e-6);
    }
  });

  it("asks OpenAI-compatible servers for floats, without a dimensions parameter", async () => {
    const texts = ["eins", "zwei"];
    const embedder = compatible();
    const vectors = await embedder.embed(texts);
    const body = embeddingRequests()[0]!.body as TBody;
    expect(body.encoding_format).toBe("float");
    expect(body).not.toHaveProperty("dimensions");
    expect(embedder.maxBatch).toBeLessThanOrEqual(100);
    vectors.forEach((vector, i) => expect(maxDiff(vector, fakeEmbedding(texts[i]!, 768))).toBeLessThan(1e-12));
  });

  it("fails clearly when the vectors do not have the configured size", async () => {
    const embedder = compatible({ model: "my-local-embedder", dimensions: 1024 });
    const error = expectProviderError(await embedder.embed(["eins"]).catch((e: unknown) => e), "bad_request");
    expect(error.message).toContain("768-dimensional");
    expect(error.message).toContain("1024");
    expect(error.retryable).toBe(false);

    fake.script({ type: "embeddings", dimensions: 256 });
    await expect(openai().embed(["zwei"])).rejects.toThrow(/256-dimensional vectors, but 512 are configured/);
  });

  it("returns zero vectors for blank texts without sending them", async () => {
    const vectors = await openai().embed(["", "Inhalt", "   "]);
    expect((embeddingRequests()[0]!.body as TBody).input).toEqual(["Inhalt"]);
    expect(vectors[0]!.every((x) => x === 0)).toBe(true);
    expect(vectors[2]!.every((x) => x === 0)).toBe(true);
    expect(norm(vectors[1]!)).toBeCloseTo(1, 6);

    fake.reset();
    expect(await openai().embed(["", " "])).toHaveLength(2);
    expect(embeddingRequests()).toHaveLength(0);
  });

  it("retries 429 and 5xx, but not a wrong key", async () => {
    fake.script({ type: "error", status: 429, retryAfter: "0.2" }, { type: "error", status: 500 });
    const vectors = await openai().embed(["nochmal"]);
    expect(vectors).toHaveLength(1);
    expect(embeddingRequests()).toHaveLength(3);

    fake.reset();
    const wrongKey = "sk-wrong-Embed9876543210zyx";
    const error = expectProviderError(await openai({ apiKey: wrongKey }).embed(["x"]).catch((e: unknown) => e), "auth");
    expect(error.message).not.toContain(wrongKey);
    expect(embeddingRequests()).toHaveLength(1);
  });

  it("times out a batch that takes too long", async () => {
    fake.script({ type: "embeddings", delayMs: 3000 });
    const started = Date.now();
    expectProviderError(await openai({ timeoutMs: 300, maxRetries: 0 }).embed(["langsam"]).catch((e: unknown) => e), "timeout");
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
