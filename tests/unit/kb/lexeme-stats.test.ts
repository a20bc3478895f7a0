import { describe, expect, it } from "vitest";
import { PRUNE_MIN_BOT_CHUNKS, selectLexemes, type TLexemeStats } from "@/lib/kb/lexeme-stats";

const stats = (rows: number, freq: Record<string, number>, floor = 0.01): TLexemeStats => ({ rows, freq: new Map(Object.entries(freq)), floor });
const LARGE = 100_000;

describe("selectLexemes", () => {
  it("keeps every lexeme of a large bot while there are no statistics", () => {
    expect(selectLexemes(["rad", "abo", "rad"], LARGE, null)).toEqual({ mode: "or", lexemes: ["rad", "abo"] });
    expect(selectLexemes(["rad"], LARGE, stats(100_000, {}))).toEqual({ mode: "or", lexemes: ["rad"] });
    expect(selectLexemes(["rad"], LARGE, stats(0, { rad: 0.9 }))).toEqual({ mode: "or", lexemes: ["rad"] });
  });

  it("never prunes a bot under the threshold, however common the table-wide statistics say its words are", () => {
    // Another tenant's 100,000 chunks make "rad" and "abo" common in the whole table: a
    // small bot must still OR all of its query's lexemes (decision 011, per-bot pruning).
    const s = stats(100_500, { rad: 0.38, abo: 0.17, wann: 0.031 }, 0.016);
    expect(selectLexemes(["rad", "abo", "wann", "abgeb"], 484, s)).toEqual({ mode: "or", lexemes: ["rad", "abo", "wann", "abgeb"] });
    expect(selectLexemes(["rad", "abo"], PRUNE_MIN_BOT_CHUNKS - 1, s)).toEqual({ mode: "or", lexemes: ["rad", "abo"] });
    expect(selectLexemes(["rad", "abo"], PRUNE_MIN_BOT_CHUNKS, s)).toEqual({ mode: "and", lexemes: ["rad", "abo"] });
  });

  it("ORs the rarest lexemes of a large bot within the budget and drops the common ones", () => {
    const s = stats(100_000, { rad: 0.38, abo: 0.17, wann: 0.031, spatest: 0.017 }, 0.016);
    // "abgeb" is untracked (rarer than the floor: counted as floor / 2 = 0.008).
    expect(selectLexemes(["rad", "abo", "wann", "spatest", "abgeb"], LARGE, s)).toEqual({ mode: "or", lexemes: ["abgeb", "spatest"] });
  });

  it("falls back to AND for a large bot when even the rarest lexeme is over the budget", () => {
    const s = stats(100_000, { bike: 0.4, monat: 0.17, paus: 0.16 });
    expect(selectLexemes(["bike", "monat", "paus"], LARGE, s)).toEqual({ mode: "and", lexemes: ["bike", "monat", "paus"] });
  });
});
