import { describe, expect, it } from "vitest";
import { costMillicents, EUR_PER_USD_PPM, findPrice, PRICES } from "@/lib/ai/answer/pricing";

describe("PRICES", () => {
  it("holds every listed model with integer, positive input prices", () => {
    const models = [
      "gpt-4o-mini", "gpt-4o", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-5-mini", "o4-mini",
      "gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.5-pro", "gemini-2.0-flash",
      "text-embedding-3-small", "text-embedding-3-large", "gemini-embedding-001",
    ];
    expect(Object.keys(PRICES).sort()).toEqual([...models].sort());
    for (const price of Object.values(PRICES)) {
      expect(Number.isSafeInteger(price.inputPerMTok) && price.inputPerMTok > 0).toBe(true);
      expect(Number.isSafeInteger(price.outputPerMTok) && price.outputPerMTok >= 0).toBe(true);
      if (price.kind === "chat") expect(price.outputPerMTok).toBeGreaterThan(price.inputPerMTok);
    }
  });

  it("converts USD list prices at the documented rate, rounding up", () => {
    expect(EUR_PER_USD_PPM).toBe(920_000);
    // $0.15 and $0.60 per 1M tokens = 15 and 60 US cents = 13.8 and 55.2 euro cents.
    expect(PRICES["gpt-4o-mini"]).toMatchObject({ provider: "openai", kind: "chat", inputPerMTok: 13_800, outputPerMTok: 55_200 });
    // $0.02 per 1M = 1.84 euro cents.
    expect(PRICES["text-embedding-3-small"]).toMatchObject({ kind: "embedding", inputPerMTok: 1_840, outputPerMTok: 0 });
  });
});

describe("costMillicents", () => {
  it("prices input and output separately and rounds the sum up once", () => {
    // 1000 × 13.8 + 500 × 55.2 = 41,400 millicents per million calls → 41.4 → 42
    expect(costMillicents({ provider: "openai", model: "gpt-4o-mini", inputTokens: 1000, outputTokens: 500 })).toBe(42);
    expect(costMillicents({ provider: "openai", model: "gpt-4o-mini", inputTokens: 1_000_000, outputTokens: 0 })).toBe(13_800);
    expect(costMillicents({ provider: "openai", model: "gpt-4o-mini", inputTokens: 1, outputTokens: 0 })).toBe(1);
    expect(costMillicents({ provider: "openai", model: "gpt-4o-mini", inputTokens: 0, outputTokens: 0 })).toBe(0);
  });

  it("adds the markup before rounding", () => {
    // 41.4 × 1.2 = 49.68 → 50
    expect(costMillicents({ provider: "openai", model: "gpt-4o-mini", inputTokens: 1000, outputTokens: 500, markupPercent: 20 })).toBe(50);
    expect(costMillicents({ provider: "openai", model: "gpt-4o-mini", inputTokens: 1_000_000, outputTokens: 1_000_000, markupPercent: 100 })).toBe(2 * (13_800 + 55_200));
  });

  it("resolves dated snapshots and Gemini's models/ prefix", () => {
    const base = costMillicents({ provider: "openai", model: "gpt-4o-mini", inputTokens: 5000, outputTokens: 700 });
    expect(costMillicents({ provider: "openai", model: "gpt-4o-mini-2024-07-18", inputTokens: 5000, outputTokens: 700 })).toBe(base);
    expect(findPrice("gemini", "models/gemini-2.5-flash")).toBe(PRICES["gemini-2.5-flash"]);
    expect(findPrice("gemini", "gpt-4o")).toBeNull();
    expect(findPrice("openai", "gpt-6-ultra")).toBeNull();
  });

  it("switches gemini-2.5-pro to its long-context prices above 200k prompt tokens", () => {
    const short = costMillicents({ provider: "gemini", model: "gemini-2.5-pro", inputTokens: 200_000, outputTokens: 0 });
    const long = costMillicents({ provider: "gemini", model: "gemini-2.5-pro", inputTokens: 200_001, outputTokens: 0 });
    expect(short).toBe(23_000); // 200k × $1.25/M = $0.25 = 23 euro cents
    expect(long).toBeGreaterThan(short * 1.9);
  });

  it("is free offline by default and uses the configured offline price otherwise", () => {
    expect(costMillicents({ provider: "offline", model: "chatwerk-extractive", inputTokens: 5_000_000, outputTokens: 1_000_000 })).toBe(0);
    expect(costMillicents({ provider: "offline", model: "x", inputTokens: 1_000_000, outputTokens: 500_000, offlinePriceMillicents: 1000 })).toBe(1500);
  });

  it("charges nothing for an OpenAI-compatible server unless a price is configured", () => {
    expect(costMillicents({ provider: "openai-compatible", model: "llama3.1:8b", inputTokens: 10_000, outputTokens: 2_000 })).toBe(0);
    expect(costMillicents({ provider: "openai-compatible", model: "gpt-4o", inputTokens: 10_000, outputTokens: 2_000 })).toBe(0);
    expect(
      costMillicents({ provider: "openai-compatible", model: "llama3.1:8b", inputTokens: 1_000_000, outputTokens: 1_000_000, customPrice: { inputPerMTok: 100, outputPerMTok: 300 } }),
    ).toBe(400);
  });

  it("bills an unknown model of a known provider at that provider's top chat price, never for free", () => {
    const unknown = costMillicents({ provider: "openai", model: "gpt-6-ultra", inputTokens: 1000, outputTokens: 1000 });
    const top = costMillicents({ provider: "openai", model: "gpt-4o", inputTokens: 1000, outputTokens: 1000 });
    expect(unknown).toBe(top);
    expect(unknown).toBeGreaterThan(0);
  });

  it("stays exact and integer for very large counts", () => {
    const cost = costMillicents({ provider: "openai", model: "gpt-4o", inputTokens: 9_000_000_000_000, outputTokens: 0, markupPercent: 7 });
    // 9e12 tokens × 230,000 millicents per 1M × 1.07 = 2,214,900,000,000 exactly
    expect(cost).toBe(2_214_900_000_000);
    expect(Number.isInteger(cost)).toBe(true);
  });

  it.each([
    { inputTokens: -1, outputTokens: 0 },
    { inputTokens: 1.5, outputTokens: 0 },
    { inputTokens: 0, outputTokens: Number.NaN },
  ])("rejects invalid token counts %o", (counts) => {
    expect(() => costMillicents({ provider: "openai", model: "gpt-4o", ...counts })).toThrow(RangeError);
  });

  it("rejects a fractional or negative markup", () => {
    expect(() => costMillicents({ provider: "openai", model: "gpt-4o", inputTokens: 1, outputTokens: 1, markupPercent: 2.5 })).toThrow(RangeError);
    expect(() => costMillicents({ provider: "openai", model: "gpt-4o", inputTokens: 1, outputTokens: 1, markupPercent: -10 })).toThrow(RangeError);
  });
});
