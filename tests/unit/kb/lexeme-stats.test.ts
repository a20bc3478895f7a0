import { describe, expect, it } from "vitest";
import { selectLexemes, type TLexemeStats } from "@/lib/kb/lexeme-stats";

const stats = (rows: number, freq: Record<string, number>, floor = 0.01): TLexemeStats => ({ rows, freq: new Map(Object.entries(freq)), floor });

describe("selectLexemes", () => {
  it("keeps every lexeme while the table is small or has no statistics", () => {
    expect(selectLexemes(["rad", "abo", "rad"], stats(500, { rad: 0.9 }))).toEqual({ mode: "or", lexemes: ["rad", "abo"] });
    expect(selectLexemes(["rad"], stats(100_000, {}))).toEqual({ mode: "or", lexemes: ["rad"] });
  });

  it("ORs the rarest lexemes within the budget and drops the common ones", () => {
    const s = stats(100_000, { rad: 0.38, abo: 0.17, wann: 0.031, spatest: 0.017 }, 0.016);
    // "abgeb" is untracked (rarer than the floor: counted as floor / 2 = 0.008).
    expect(selectLexemes(["rad", "abo", "wann", "spatest", "abgeb"], s)).toEqual({ mode: "or", lexemes: ["abgeb", "spatest"] });
  });

  it("falls back to AND when even the rarest lexeme is over the budget", () => {
    const s = stats(100_000, { bike: 0.4, monat: 0.17, paus: 0.16 });
    expect(selectLexemes(["bike", "monat", "paus"], s)).toEqual({ mode: "and", lexemes: ["bike", "monat", "paus"] });
  });
});
