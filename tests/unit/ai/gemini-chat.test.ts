import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createChatProvider, type TChatProviderConfig } from "@/lib/ai/chat";
import { startFakeGemini, type TFakeServer } from "@/tests/fakes/gemini-fake";
import { collect, expectProviderError } from "./helpers";

const KEY = "AIzaSyFAKE-test-key-0123456789abcdefgh";
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

const provider = (over: Partial<TChatProviderConfig> = {}) =>
  createChatProvider({ provider: "gemini", model: "gemini-2.5-flash", apiKey: KEY, baseUrl: fake.url, ...over });
const ask = () => ({ messages: [{ role: "system" as const, content: "Antworte kurz." }, { role: "user" as const, content: "Versandkosten?" }] });
const streamRequests = () => fake.requests.filter((r) => r.path.endsWith(":streamGenerateContent"));

describe("Gemini chat streaming", () => {
  it("streams the scripted text in order with usage from usageMetadata", async () => {
    fake.script({ type: "text", text: "Der Versand ist ab 50 € kostenlos.", deltas: 4, usage: { input: 31, output: 12 } });
    const result = await collect(
      provider().stream({
        messages: [
          { role: "system", content: "Antworte kurz." },
          { role: "user", content: "Hallo" },
          { role: "assistant", content: "Hallo! Wie kann ich helfen?" },
          { role: "user", content: "Versandkosten?" },
          { role: "user", content: "Nach Österreich." },
        ],
        temperature: 0.3,
        maxTokens: 256,
      }),
    );

    expect(result.error).toBeUndefined();
    expect(result.deltas).toHaveLength(4);
    expect(result.text).toBe("Der Versand ist ab 50 € kostenlos.");
    expect(result.done).toEqual({ type: "done", usage: { inputTokens: 31, outputTokens: 12 }, finishReason: "stop" });

    const [request] = streamRequests();
    expect(request!.path).toBe("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
    expect(request!.query).toEqual({ alt: "sse" });
    expect(request!.headers["x-goog-api-key"]).toBe(KEY);
    expect(request!.body).toMatchObject({
      systemInstruction: { parts: [{ text: "Antworte kurz." }] },
      contents: [
        { role: "user", parts: [{ text: "Hallo" }] },
        { role: "model", parts: [{ text: "Hallo! Wie kann ich helfen?" }] },
        { role: "user", parts: [{ text: "Versandkosten?" }, { text: "Nach Österreich." }] },
      ],
      generationConfig: { temperature: 0.3, maxOutputTokens: 256 },
    });
  });

  it.each([
    ["MAX_TOKENS", "length"],
    ["SAFETY", "content_filter"],
    ["RECITATION", "content_filter"],
    ["OTHER", "other"],
  ])("maps finishReason %s to %s", async (raw, mapped) => {
    fake.script({ type: "text", text: "Teil", finishReason: raw });
    expect((await collect(provider().stream(ask()))).done?.finishReason).toBe(mapped);
  });

  it("estimates usage when no usageMetadata arrives", async () => {
    fake.script({ type: "text", text: "abcdefgh", usage: false });
    const result = await collect(provider().stream({ messages: [{ role: "user", content: "x".repeat(10) }] }));
    expect(result.done?.usage).toEqual({ inputTokens: 3, outputTokens: 2 });
  });

  it("retries a 429 after Google's RetryInfo delay, or after a Retry-After header", async () => {
    fake.script({ type: "error", status: 429, retryDelay: "1s" }, { type: "text", text: "Weiter geht's." });
    const result = await collect(provider().stream(ask()));
    expect(result.text).toBe("Weiter geht's.");
    const [first, second] = streamRequests();
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);

    fake.reset();
    fake.script({ type: "error", status: 503, retryAfter: "1" }, { type: "text", text: "Wieder da." });
    const viaHeader = await collect(provider().stream(ask()));
    expect(viaHeader.text).toBe("Wieder da.");
    const [a, b] = streamRequests();
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(950);
  });

  it("reports an invalid key (Google's 400 API_KEY_INVALID) as auth, once, without the key", async () => {
    const wrongKey = "AIzaSyWRONG-key-9876543210zyxwvutsrq";
    const result = await collect(provider({ apiKey: wrongKey }).stream(ask()));
    const error = expectProviderError(result.error, "auth");
    expect(error.status).toBe(400);
    expect(error.retryable).toBe(false);
    expect(streamRequests()).toHaveLength(1);
    expect(error.message).not.toContain(wrongKey);
  });

  it("does not retry 400 or 403", async () => {
    fake.script({ type: "error", status: 400, message: "Invalid JSON payload received." });
    expectProviderError((await collect(provider().stream(ask()))).error, "bad_request");
    fake.script({ type: "error", status: 403, message: "Permission denied." });
    expectProviderError((await collect(provider().stream(ask()))).error, "auth");
    expect(streamRequests()).toHaveLength(2);
  });

  it("times out before the first byte", async () => {
    fake.script({ type: "text", text: "zu spät", delayMs: 3000 });
    const result = await collect(provider({ timeoutMs: 300, maxRetries: 0 }).stream(ask()));
    expectProviderError(result.error, "timeout");
    expect(result.ms).toBeLessThan(1500);
    expect(streamRequests()).toHaveLength(1);
  });

  it("surfaces a stall or an error event mid-answer after the partial text, without retrying", async () => {
    fake.script({ type: "text", text: "eins zwei drei", hangAfterDeltas: 1 }, { type: "text", text: "unused" });
    const stalled = await collect(provider({ idleTimeoutMs: 300 }).stream(ask()));
    expect(stalled.text).toBe("eins ");
    expectProviderError(stalled.error, "timeout");
    expect(streamRequests()).toHaveLength(1);

    fake.reset();
    fake.script({ type: "text", text: "eins zwei drei", errorAfterDeltas: 2 }, { type: "text", text: "unused" });
    const errored = await collect(provider().stream(ask()));
    expect(errored.text).toBe("eins zwei ");
    const error = expectProviderError(errored.error, "unavailable");
    expect(error.status).toBe(500);
    expect(streamRequests()).toHaveLength(1);
  });

  it("stops quickly when the caller aborts", async () => {
    fake.script({ type: "text", text: "eins zwei", hangAfterDeltas: 1 });
    const controller = new AbortController();
    const started = Date.now();
    const deltas: string[] = [];
    let thrown: unknown;
    try {
      for await (const chunk of provider().stream({ ...ask(), signal: controller.signal })) {
        if (chunk.type === "delta") {
          deltas.push(chunk.text);
          controller.abort();
        }
      }
    } catch (error) {
      thrown = error;
    }
    expect(deltas).toEqual(["eins "]);
    expect((thrown as Error).name).toBe("AbortError");
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
