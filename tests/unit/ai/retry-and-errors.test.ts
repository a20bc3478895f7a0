import { describe, expect, it } from "vitest";
import { AiProviderError, errorForStatus, sanitizeDetail } from "@/lib/ai/errors";
import { backoffDelayMs, parseGoogleDuration, parseRetryAfter, retryDelayFor, type TRetryPolicy } from "@/lib/ai/retry";

const policy: TRetryPolicy = { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 4000, maxRetryAfterMs: 10_000 };
const headers = (entries: Record<string, string>) => new Headers(entries);

describe("retry timing", () => {
  it("reads Retry-After in seconds, as a date, and OpenAI's retry-after-ms", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter(headers({ "retry-after": "2" }), now)).toBe(2000);
    expect(parseRetryAfter(headers({ "retry-after": "0.5" }), now)).toBe(500);
    expect(parseRetryAfter(headers({ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }), now)).toBe(3000);
    expect(parseRetryAfter(headers({ "retry-after": "2", "retry-after-ms": "1234" }), now)).toBe(1234);
    expect(parseRetryAfter(headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfter(headers({}), now)).toBeUndefined();
    expect(parseGoogleDuration("17s")).toBe(17_000);
    expect(parseGoogleDuration("0.25s")).toBe(250);
    expect(parseGoogleDuration(17)).toBeUndefined();
  });

  it("backs off exponentially with jitter, capped", () => {
    expect(backoffDelayMs(0, policy, () => 0)).toBe(250);
    expect(backoffDelayMs(0, policy, () => 1)).toBe(500);
    expect(backoffDelayMs(2, policy, () => 0.5)).toBe(1500);
    expect(backoffDelayMs(10, policy, () => 1)).toBe(4000);
  });

  it("retries only retryable errors, within maxRetries, honouring Retry-After up to the cap", () => {
    const rateLimited = (retryAfterMs?: number) => new AiProviderError("rate_limit", "x", { retryAfterMs });
    expect(retryDelayFor(rateLimited(1500), 0, policy)).toBe(1500);
    expect(retryDelayFor(rateLimited(60_000), 0, policy)).toBeNull();
    expect(retryDelayFor(rateLimited(), 3, policy)).toBeNull();
    expect(retryDelayFor(new AiProviderError("auth", "x"), 0, policy)).toBeNull();
    expect(retryDelayFor(new AiProviderError("bad_request", "x"), 0, policy)).toBeNull();
    const delay = retryDelayFor(new AiProviderError("unavailable", "x"), 1, policy);
    expect(delay).toBeGreaterThanOrEqual(500);
    expect(delay).toBeLessThanOrEqual(1000);
  });
});

describe("error mapping", () => {
  it.each([
    [401, "auth", false],
    [403, "auth", false],
    [400, "bad_request", false],
    [404, "bad_request", false],
    [408, "timeout", true],
    [429, "rate_limit", true],
    [500, "unavailable", true],
    [503, "unavailable", true],
    [504, "timeout", true],
  ] as const)("maps %i to %s (retryable: %s)", (status, kind, retryable) => {
    expect(errorForStatus({ provider: "openai" }, status, "detail")).toMatchObject({ kind, retryable, status });
  });

  it("masks the configured key and key-shaped strings in provider text", () => {
    const text = sanitizeDetail("key my-own-secret-value, sk-proj-AbCdEf123456 and AIzaSyA1234567890abcdefghijklmn, Bearer abc.def.ghi.jkl", "my-own-secret-value");
    expect(text).not.toMatch(/my-own-secret-value|sk-proj-AbCdEf123456|AIzaSyA1234567890|abc\.def/);
    expect(text.match(/\[redacted\]/g)).toHaveLength(4);
    expect(sanitizeDetail("x".repeat(500)).length).toBeLessThanOrEqual(200);
  });
});
