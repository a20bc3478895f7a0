import { AiProviderError } from "@/lib/ai/errors";
import { setRuntimeEnv } from "@/lib/config/env";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createChatProvider, type TChatProviderConfig } from "@/lib/ai/chat";
import { startFakeOpenAI, type TFakeServer } from "@/tests/fakes/openai-fake";
import { allowLocalFakes, collect, expectProviderError } from "./helpers";

allowLocalFakes();

const KEY = "sk-test-Secret0123456789abcdef";
let fake: TFakeServer;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
});

const provider = (over: Partial<TChatProviderConfig> = {}) =>
  createChatProvider({ provider: "openai", model: "gpt-4o-mini", apiKey: KEY, baseUrl: fake.url, ...over });
const ask = (text = "Wie kündige ich?") => ({ messages: [{ role: "system" as const, content: "Answer briefly." }, { role: "user" as const, content: text }] });
const chatRequests = () => fake.requests.filter((r) => r.path === "/v1/chat/completions");

describe("OpenAI chat streaming", () => {
  it("streams the scripted text in order and reports the provider's usage", async () => {
    fake.script({ type: "text", text: "Sie können jederzeit kündigen.", deltas: 5, usage: { input: 42, output: 9 } });
    const result = await collect(provider().stream({ ...ask(), temperature: 0.2, maxTokens: 300 }));

    expect(result.error).toBeUndefined();
    expect(result.deltas).toHaveLength(5);
    expect(result.text).toBe("Sie können jederzeit kündigen.");
    expect(result.done).toEqual({ type: "done", usage: { inputTokens: 42, outputTokens: 9 }, finishReason: "stop" });

    const [request] = chatRequests();
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.body).toMatchObject({
      model: "gpt-4o-mini",
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      max_completion_tokens: 300,
      messages: [
        { role: "system", content: "Answer briefly." },
        { role: "user", content: "Wie kündige ich?" },
      ],
    });
  });

  it("refuses an OpenAI-compatible server on a private address the operator did not allow, at connect time", async () => {
    const internal = await startFakeOpenAI();
    try {
      setRuntimeEnv({ FETCH_ALLOW_HOSTS: "" });
      const p = createChatProvider({ provider: "openai-compatible", model: "llama3.2", baseUrl: internal.url, maxRetries: 0 });
      const result = await collect(p.stream({ messages: [{ role: "user", content: "hi" }] }));
      expect(result.error).toBeInstanceOf(AiProviderError);
      expect(result.text).toBe("");
      expect(internal.requests).toHaveLength(0);
    } finally {
      allowLocalFakes();
      await internal.close();
    }
  });

  it("estimates usage at four characters per token when the server reports none", async () => {
    const compatible = await startFakeOpenAI();
    try {
      compatible.script({ type: "text", text: "x".repeat(40), usage: false });
      const p = createChatProvider({ provider: "openai-compatible", model: "llama3.2", baseUrl: compatible.url });
      const messages = [{ role: "user" as const, content: "y".repeat(81) }];
      const result = await collect(p.stream({ messages, maxTokens: 100 }));
      expect(result.done?.usage).toEqual({ inputTokens: 21, outputTokens: 10 });
      // Local servers know max_tokens, not OpenAI's newer max_completion_tokens.
      expect(compatible.requests[0]!.body).toMatchObject({ max_tokens: 100 });
      expect(compatible.requests[0]!.body).not.toHaveProperty("max_completion_tokens");
    } finally {
      await compatible.close();
    }
  });

  it.each([
    ["length", "length"],
    ["content_filter", "content_filter"],
    ["tool_calls", "other"],
  ])("maps finish_reason %s to %s", async (raw, mapped) => {
    fake.script({ type: "text", text: "Teil", finishReason: raw });
    const result = await collect(provider().stream(ask()));
    expect(result.done?.finishReason).toBe(mapped);
  });

  it("retries a 429 after the Retry-After pause and then streams", async () => {
    fake.script({ type: "error", status: 429, retryAfter: "1" }, { type: "text", text: "Jetzt klappt es." });
    const result = await collect(provider().stream(ask()));

    expect(result.error).toBeUndefined();
    expect(result.text).toBe("Jetzt klappt es.");
    const [first, second] = chatRequests();
    expect(chatRequests()).toHaveLength(2);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(second!.at - first!.at).toBeLessThan(2500);
  });

  it("retries 5xx with backoff up to maxRetries, then reports unavailable", async () => {
    fake.script({ type: "error", status: 500 }, { type: "error", status: 503 }, { type: "text", text: "Da bin ich." });
    const ok = await collect(provider({ maxRetries: 2 }).stream(ask()));
    expect(ok.text).toBe("Da bin ich.");
    expect(chatRequests()).toHaveLength(3);

    fake.reset();
    fake.script({ type: "error", status: 500 }, { type: "error", status: 502 });
    const failed = await collect(provider({ maxRetries: 1 }).stream(ask()));
    const error = expectProviderError(failed.error, "unavailable");
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(502);
    expect(chatRequests()).toHaveLength(2);
  });

  it("reports a wrong key as auth without retrying and without the key in the message", async () => {
    const wrongKey = "sk-wrong-Key9876543210zyxwvu";
    const result = await collect(provider({ apiKey: wrongKey }).stream(ask()));
    const error = expectProviderError(result.error, "auth");
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(401);
    expect(chatRequests()).toHaveLength(1);
    expect(error.message).not.toContain(wrongKey);
    expect(JSON.stringify(error)).not.toContain(wrongKey);
  });

  it("passes a 400's reason on with anything key-like masked, and does not retry it", async () => {
    fake.script({ type: "error", status: 400, message: `This model's maximum context length is 128000 tokens (key ${KEY}, other sk-proj-abcdef123456).` });
    const result = await collect(provider().stream(ask()));
    const error = expectProviderError(result.error, "bad_request");
    expect(error.message).toContain("maximum context length is 128000 tokens");
    expect(error.message).not.toContain(KEY);
    expect(error.message).not.toContain("sk-proj-abcdef123456");
    expect(chatRequests()).toHaveLength(1);
  });

  it("does not retry an exhausted quota or a Retry-After longer than a visitor should wait", async () => {
    fake.script({ type: "error", status: 429, code: "insufficient_quota", message: "You exceeded your current quota." });
    const quota = expectProviderError((await collect(provider().stream(ask()))).error, "rate_limit");
    expect(quota.retryable).toBe(false);
    expect(chatRequests()).toHaveLength(1);

    fake.reset();
    fake.script({ type: "error", status: 429, retryAfter: "120" });
    const result = await collect(provider().stream(ask()));
    const limited = expectProviderError(result.error, "rate_limit");
    expect(limited.retryable).toBe(true);
    expect(limited.retryAfterMs).toBe(120_000);
    expect(result.ms).toBeLessThan(1000);
    expect(chatRequests()).toHaveLength(1);
  });

  it("times out when the first byte takes longer than timeoutMs, retrying only as configured", async () => {
    fake.script({ type: "text", text: "zu spät", delayMs: 3000 });
    const once = await collect(provider({ timeoutMs: 300, maxRetries: 0 }).stream(ask()));
    expectProviderError(once.error, "timeout");
    expect(once.ms).toBeLessThan(1500);
    expect(chatRequests()).toHaveLength(1);

    fake.reset();
    fake.script({ type: "hang" }, { type: "text", text: "Zweiter Versuch." });
    const retried = await collect(provider({ timeoutMs: 300, maxRetries: 1 }).stream(ask()));
    expect(retried.text).toBe("Zweiter Versuch.");
    expect(chatRequests()).toHaveLength(2);
  });

  it("applies the first-token deadline even when headers and an empty role chunk arrived", async () => {
    fake.script({ type: "text", text: "nie", hangAfterDeltas: 0 });
    const result = await collect(provider({ timeoutMs: 300, maxRetries: 0 }).stream(ask()));
    expectProviderError(result.error, "timeout");
    expect(result.deltas).toEqual([]);
  });

  it("surfaces a stall mid-answer as a timeout after the partial text, without retrying", async () => {
    fake.script({ type: "text", text: "eins zwei drei vier", hangAfterDeltas: 2 }, { type: "text", text: "must not be used" });
    const result = await collect(provider({ idleTimeoutMs: 300, maxRetries: 2 }).stream(ask()));
    expect(result.text).toBe("eins zwei ");
    const error = expectProviderError(result.error, "timeout");
    expect(error.message).toMatch(/mid-answer/);
    expect(result.done).toBeUndefined();
    expect(chatRequests()).toHaveLength(1);
    expect(fake.pendingSteps()).toBe(1);
  });

  it("surfaces a dropped connection or an error event mid-answer after the partial text, without retrying", async () => {
    fake.script({ type: "text", text: "eins zwei drei", dropAfterDeltas: 1 }, { type: "text", text: "unused" });
    const dropped = await collect(provider().stream(ask()));
    expect(dropped.text).toBe("eins ");
    expectProviderError(dropped.error, "unavailable");
    expect(chatRequests()).toHaveLength(1);

    fake.reset();
    fake.script({ type: "text", text: "eins zwei drei", errorAfterDeltas: 2 }, { type: "text", text: "unused" });
    const errored = await collect(provider().stream(ask()));
    expect(errored.text).toBe("eins zwei ");
    expectProviderError(errored.error, "unavailable");
    expect(chatRequests()).toHaveLength(1);
  });

  it("stops quickly when the caller aborts, before or during the answer", async () => {
    fake.script({ type: "text", text: "langsam", delayMs: 5000 });
    const early = new AbortController();
    setTimeout(() => early.abort(), 100);
    const before = await collect(provider().stream({ ...ask(), signal: early.signal }));
    expect((before.error as Error).name).toBe("AbortError");
    expect(before.ms).toBeLessThan(1000);

    fake.script({ type: "text", text: "eins zwei drei", hangAfterDeltas: 1 });
    const late = new AbortController();
    const chunks: string[] = [];
    const started = Date.now();
    let thrown: unknown;
    try {
      for await (const chunk of provider().stream({ ...ask(), signal: late.signal })) {
        if (chunk.type === "delta") {
          chunks.push(chunk.text);
          setTimeout(() => late.abort(), 50);
        }
      }
    } catch (error) {
      thrown = error;
    }
    expect(chunks).toEqual(["eins "]);
    expect((thrown as Error).name).toBe("AbortError");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("reports an unreachable server as unavailable", async () => {
    const gone = await startFakeOpenAI();
    const url = gone.url;
    await gone.close();
    const result = await collect(createChatProvider({ provider: "openai-compatible", model: "m", baseUrl: url, maxRetries: 0 }).stream(ask()));
    expectProviderError(result.error, "unavailable");
  });
});
