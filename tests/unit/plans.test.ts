import { describe, expect, it } from "vitest";
import { formatEuros, getPlan, periodPriceCents, PLAN_PERIODS, PLANS, type TPlan, type TPlanPeriodMonths } from "@/lib/plans/plans";

describe("periodPriceCents", () => {
  it.each<[string, TPlanPeriodMonths, number]>([
    ["starter", 1, 2900],
    ["starter", 3, 8265], // 3 × 29.00 € − 5 %
    ["starter", 6, 15660], // 6 × 29.00 € − 10 %
    ["starter", 12, 27840], // 12 × 29.00 € − 20 %
    ["team", 3, 22515],
    ["business", 12, 191040],
    ["free", 12, 0],
  ])("%s for %i months costs %i cents", (planId, months, cents) => {
    expect(periodPriceCents(getPlan(planId), months)).toBe(cents);
  });

  it("rounds to whole cents", () => {
    const odd: TPlan = { ...getPlan("starter"), monthlyPriceCents: 999 };
    expect(periodPriceCents(odd, 3)).toBe(2847); // 2847.15
    expect(periodPriceCents(odd, 6)).toBe(5395); // 5394.6
    expect(Number.isInteger(periodPriceCents(odd, 12))).toBe(true);
  });

  it("never makes a longer period cost more per month", () => {
    for (const plan of PLANS) {
      const perMonth = PLAN_PERIODS.map((p) => periodPriceCents(plan, p.months) / p.months);
      expect(perMonth).toEqual([...perMonth].sort((a, b) => b - a));
    }
  });

  it("refuses an unknown period", () => {
    expect(() => periodPriceCents(getPlan("team"), 2 as TPlanPeriodMonths)).toThrow(/Unknown plan period: 2/);
  });
});

describe("getPlan", () => {
  it("finds plans by id", () => {
    expect(getPlan("team")).toMatchObject({ id: "team", seats: 5, monthlyPriceCents: 7900 });
    expect(getPlan("business").seats).toBe(15);
  });

  it("falls back to the free plan for an unknown id", () => {
    expect(getPlan("enterprise-legacy")).toBe(getPlan("free"));
    expect(getPlan("")).toMatchObject({ id: "free", seats: 2, monthlyPriceCents: 0 });
  });

  it("offers a free plan with two seats", () => {
    expect(getPlan("free")).toMatchObject({ id: "free", seats: 2, removeBranding: false });
  });
});

describe("formatEuros", () => {
  it("shows whole euros without cents and other amounts with two decimals", () => {
    expect(formatEuros(2900, "de")).toMatch(/^29\s€$/u);
    expect(formatEuros(2950, "de")).toMatch(/^29,50\s€$/u);
    expect(formatEuros(191040, "de")).toMatch(/^1\.910,40\s€$/u);
    expect(formatEuros(2900, "en")).toBe("€29");
    expect(formatEuros(2905, "en")).toBe("€29.05");
  });
});
