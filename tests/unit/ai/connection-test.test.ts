import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testChatProvider } from "@/lib/ai/chat";
import { testEmbedder } from "@/lib/ai/embedders";
import { startFakeGemini } from "@/tests/fakes/gemini-fake";
import { startFakeOpenAI } from "@/tests/fakes/openai-fake";
import type { TFakeServer } from "@/tests/fakes/fake-http";
import { allowLocalFakes } from "./helpers";

allowLocalFakes();

const KEY = "sk-test-Connection0123456789";
let openai: TFakeServer;
let gemini: TFakeServer;

beforeAll(async () => {
  [openai, gemini] = await Promise.all([startFakeOpenAI({ apiKey: KEY }), startFakeGemini({ apiKey: "AIza-connection-test-key" })]);
});
afterAll(async () => {
  await Promise.all([openai.close(), gemini.close()]);
});
beforeEach(() => {
  openai.reset();
  gemini.reset();
});

describe("testChatProvider", () => {
  it("reports success with the latency of one tiny request", async () => {
    const result = await testChatProvider({ provider: "openai", model: "gpt-4o-mini", apiKey: KEY, baseUrl: openai.url });
    expect(result).toEqual({ ok: true, latencyMs: expect.any(Number) });
    expect(openai.requests).toHaveLength(1);
    expect(openai.requests[0]!.body).toMatchObject({ max_completion_tokens: 32 });

    const viaGemini = await testChatProvider({ provider: "gemini", model: "gemini-2.5-flash", apiKey: "AIza-connection-test-key", baseUrl: gemini.url });
    expect(viaGemini.ok).toBe(true);
  });

  it("reports failures as AiProviderError without retrying", async () => {
    openai.script({ type: "error", status: 503 });
    const unavailable = await testChatProvider({ provider: "openai", model: "gpt-4o-mini", apiKey: KEY, baseUrl: openai.url, maxRetries: 5 });
    expect(unavailable).toMatchObject({ ok: false, error: { kind: "unavailable" } });
    expect(openai.requests).toHaveLength(1);

    const noKey = await testChatProvider({ provider: "openai", model: "gpt-4o-mini" });
    expect(noKey).toMatchObject({ ok: false, error: { kind: "auth" } });

    const wrongKey = await testChatProvider({ provider: "gemini", model: "gemini-2.5-flash", apiKey: "AIza-wrong-key-0123456789", baseUrl: gemini.url });
    expect(wrongKey).toMatchObject({ ok: false, error: { kind: "auth" } });
    expect(wrongKey.ok || wrongKey.error.message.includes("AIza-wrong")).toBe(false);
  });
});

describe("testEmbedder", () => {
  it("checks key, model and vector size with one call", async () => {
    const ok = await testEmbedder({ provider: "openai", model: "text-embedding-3-small", dimensions: 512, apiKey: KEY, baseUrl: openai.url });
    expect(ok).toEqual({ ok: true, latencyMs: expect.any(Number) });

    const mismatch = await testEmbedder({ provider: "openai-compatible", model: "local-embedder", dimensions: 1024, baseUrl: openai.url, apiKey: KEY });
    expect(mismatch).toMatchObject({ ok: false, error: { kind: "bad_request" } });

    const invalid = await testEmbedder({ provider: "gemini", model: "gemini-embedding-001", dimensions: 3072, apiKey: "AIza-connection-test-key" });
    expect(invalid).toMatchObject({ ok: false, error: { kind: "bad_request" } });
    expect(gemini.requests).toHaveLength(0);
  });
});
