import { describe, expect, it } from "vitest";
import { estimateTokens } from "@/lib/ai/answer/tokens";

/**
 * Real counts from OpenAI's o200k_base encoding (gpt-4o, gpt-4.1, gpt-5, o4-mini), measured
 * once with a BPE tokenizer outside this repository. The estimate must never be below them
 * (budgets must hold) and stay within 1.5 × + 2 tokens (budgets must not waste much).
 */
const KNOWN: [string, number][] = [
  ["Wie kann ich kündigen?", 6],
  ["how do I cancel?", 5],
  [
    "Unsere Leihräder holst du an jeder Station ab. Die Rückgabe ist bis 20 Uhr möglich; danach berechnen wir einen zusätzlichen Tag. Bei Schäden meldest du dich bitte sofort über die App oder telefonisch bei der Servicezentrale.",
    49,
  ],
  [
    "You can pick up rental bikes at any station. Returns are possible until 8 pm; after that we charge an extra day. If something is damaged, please tell us right away in the app or by phone.",
    43,
  ],
  ["Die Haftpflichtversicherungsbedingungen gelten für Mitgliedschaftsverträge mit Selbstbeteiligungsvereinbarung.", 22],
  ["- Tagespreis: 18,00 €\n- Wochenpreis: 95,00 €\n- Kaution: 150,00 € (Rückerstattung innerhalb von 5 Werktagen)", 40],
  ["Order #48213 was shipped on 2026-03-14 via DHL, tracking 00340434161094042557.", 27],
];

describe("estimateTokens", () => {
  it.each(KNOWN)("stays between the real count and 1.5 × + 2 for %j", (text, real) => {
    const estimate = estimateTokens(text);
    expect(estimate).toBeGreaterThanOrEqual(real);
    expect(estimate).toBeLessThanOrEqual(Math.ceil(real * 1.5) + 2);
  });

  it("is within 1.3 × over the paragraphs together", () => {
    const real = KNOWN.reduce((sum, [, count]) => sum + count, 0);
    const estimate = KNOWN.reduce((sum, [text]) => sum + estimateTokens(text), 0);
    expect(estimate / real).toBeGreaterThanOrEqual(1);
    expect(estimate / real).toBeLessThanOrEqual(1.3);
  });

  it("counts nothing as nothing and grows with the text", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("   ")).toBeLessThanOrEqual(2);
    expect(estimateTokens("Hallo")).toBeGreaterThanOrEqual(1);
    const one = estimateTokens("Die Rückgabe ist bis 20 Uhr möglich. ");
    expect(estimateTokens("Die Rückgabe ist bis 20 Uhr möglich. ".repeat(10))).toBeGreaterThanOrEqual(one * 9);
  });

  it("counts characters of scripts without spaces instead of words", () => {
    expect(estimateTokens("こんにちは世界")).toBeGreaterThanOrEqual(7);
  });
});
