import { describe, expect, it } from "vitest";
import {
  ADDON_PRICES,
  addonProRataCents,
  billableAddons,
  discountedPeriodCents,
  getPlan,
  PLAN_PERIODS,
  PLANS,
  periodEnd,
  periodQuote,
  planChangeCreditCents,
  unusedCents,
  workspaceLimits,
} from "@/lib/plans/plans";

const at = (iso: string) => new Date(iso);
const DAY = 24 * 60 * 60 * 1000;

describe("periodQuote", () => {
  it("prices plan and add-ons for the period with the period's discount, line by line", () => {
    expect(periodQuote({ plan: getPlan("starter"), months: 3, extraSeats: 2, brandingAddon: true })).toEqual({
      plan: "starter",
      months: 3,
      extraSeats: 2,
      brandingAddon: true,
      discountPercent: 5,
      planCents: 8265, // 3 × 29 € − 5 %
      extraSeatsCents: 5130, // 3 × 2 × 9 € − 5 %
      brandingCents: 5415, // 3 × 19 € − 5 %
      totalCents: 18810,
      listCents: 19800,
    });
  });

  it("charges no branding add-on on a plan that already removes the branding", () => {
    const quote = periodQuote({ plan: getPlan("team"), months: 12, extraSeats: 1, brandingAddon: true });
    expect(quote).toMatchObject({ brandingAddon: false, brandingCents: 0, planCents: 75840, extraSeatsCents: 8640, totalCents: 84480 });
  });

  it("sells no add-ons with the free plan", () => {
    expect(periodQuote({ plan: getPlan("free"), months: 1, extraSeats: 3, brandingAddon: true })).toMatchObject({ extraSeats: 0, brandingAddon: false, totalCents: 0 });
    expect(billableAddons(getPlan("free"), { extraSeats: 3, brandingAddon: true })).toEqual({ extraSeats: 0, brandingAddon: false });
  });

  it("makes longer periods cheaper per month for the add-ons too", () => {
    for (const monthly of [ADDON_PRICES.extraSeatMonthlyCents, ADDON_PRICES.brandingRemovalMonthlyCents, 333]) {
      const perMonth = PLAN_PERIODS.map((p) => discountedPeriodCents(monthly, p.months) / p.months);
      expect(perMonth).toEqual([...perMonth].sort((a, b) => b - a));
      expect(perMonth[0]).toBe(monthly);
    }
  });

  it("keeps the add-on prices below what a bigger plan would cost", () => {
    const starter = getPlan("starter");
    const team = getPlan("team");
    expect(starter.monthlyPriceCents + ADDON_PRICES.brandingRemovalMonthlyCents).toBeLessThan(team.monthlyPriceCents);
    for (const plan of PLANS.filter((p) => p.monthlyPriceCents > 0)) {
      expect(ADDON_PRICES.extraSeatMonthlyCents).toBeLessThan(plan.monthlyPriceCents / plan.seats);
    }
  });
});

describe("workspaceLimits", () => {
  it("adds extra seats to the plan's seats", () => {
    expect(workspaceLimits({ plan: "starter", extraSeats: 3, brandingAddon: false })).toMatchObject({ plan: "starter", planSeats: 2, extraSeats: 3, seats: 5, bots: 2, removeBranding: false });
  });

  it("removes the branding with the add-on or with a plan that includes it", () => {
    expect(workspaceLimits({ plan: "starter", extraSeats: 0, brandingAddon: true })).toMatchObject({ removeBranding: true, brandingAddon: true });
    expect(workspaceLimits({ plan: "team", extraSeats: 0, brandingAddon: true })).toMatchObject({ removeBranding: true, brandingAddon: false });
    expect(workspaceLimits({ plan: "starter" })).toMatchObject({ removeBranding: false, seats: 2, extraSeats: 0 });
  });

  it("ignores stale add-ons on the free plan and treats an unknown plan as free", () => {
    expect(workspaceLimits({ plan: "free", extraSeats: 5, brandingAddon: true })).toMatchObject({ plan: "free", seats: 2, removeBranding: false, bots: 1, knowledgePages: 50 });
    expect(workspaceLimits({ plan: "legacy-gold", extraSeats: 5 })).toMatchObject({ plan: "free", seats: 2 });
  });

  it("carries every other limit of the plan", () => {
    const business = workspaceLimits({ plan: "business", extraSeats: 1 });
    expect(business).toMatchObject({ seats: 16, bots: 20, knowledgePages: 10000, liveChat: true, apiAccess: true, transcriptsRetentionMaxDays: 3650 });
  });
});

describe("periodEnd", () => {
  it.each([
    ["2030-03-15T10:30:00.000Z", 1, "2030-04-15T10:30:00.000Z"],
    ["2030-03-15T10:30:00.000Z", 12, "2031-03-15T10:30:00.000Z"],
    ["2030-01-31T09:00:00.000Z", 1, "2030-02-28T09:00:00.000Z"],
    ["2032-01-31T09:00:00.000Z", 1, "2032-02-29T09:00:00.000Z"],
    ["2030-11-30T23:59:59.999Z", 3, "2031-02-28T23:59:59.999Z"],
    ["2030-08-31T00:00:00.000Z", 6, "2031-02-28T00:00:00.000Z"],
  ])("%s plus %i months is %s", (start, months, end) => {
    expect(periodEnd(at(start), months).toISOString()).toBe(end);
  });
});

describe("unusedCents and planChangeCreditCents", () => {
  const start = at("2030-03-01T09:00:00.000Z");
  const end = at("2030-04-01T09:00:00.000Z"); // 31 days

  it("credits the unused days pro rata, rounded down", () => {
    expect(unusedCents(2900, start, end, new Date(start.getTime() + 10 * DAY))).toBe(1964); // 2900 × 21/31 = 1964.52
    expect(unusedCents(7900, start, end, new Date(start.getTime() + 15.5 * DAY))).toBe(3950); // exactly half
  });

  it("credits everything before the start and nothing at or after the end", () => {
    expect(unusedCents(2900, start, end, start)).toBe(2900);
    expect(unusedCents(2900, start, end, new Date(start.getTime() - DAY))).toBe(2900);
    expect(unusedCents(2900, start, end, end)).toBe(0);
    expect(unusedCents(2900, start, end, new Date(end.getTime() + DAY))).toBe(0);
    expect(unusedCents(0, start, end, start)).toBe(0);
    expect(unusedCents(2900, end, start, start)).toBe(0);
  });

  it("stays exact for large amounts over a year, down to the millisecond", () => {
    const yearStart = at("2030-01-01T00:00:00.000Z");
    const yearEnd = at("2031-01-01T00:00:00.000Z");
    const half = new Date((yearStart.getTime() + yearEnd.getTime()) / 2);
    expect(unusedCents(1_055_040, yearStart, yearEnd, half)).toBe(527_520);
    expect(unusedCents(1_055_041, yearStart, yearEnd, half)).toBe(527_520);
    expect(unusedCents(2_000_000_000, yearStart, yearEnd, new Date(yearEnd.getTime() - 1))).toBe(0); // 2e9 × 1 / 3.15e10 ms
    expect(unusedCents(2_000_000_000, yearStart, yearEnd, new Date(yearStart.getTime() + 1))).toBe(1_999_999_999);
  });

  it("adds the unused part of each add-on bought during the period", () => {
    const period = { startsAt: start, endsAt: end, priceCents: 2900, addonCharges: [{ amountCents: 600, startsAt: new Date(start.getTime() + 10 * DAY) }] };
    const now = new Date(start.getTime() + 20 * DAY);
    // plan 2900 × 11/31 = 1029.03, add-on 600 × 11/21 = 314.29
    expect(planChangeCreditCents(period, now)).toBe(1029 + 314);
    expect(planChangeCreditCents({ ...period, addonCharges: undefined }, now)).toBe(1029);
  });
});

describe("addonProRataCents", () => {
  it("charges the add-on's period price for the part of the period still ahead, rounded down", () => {
    const starter = getPlan("starter");
    const month = { startsAt: at("2030-03-01T09:00:00.000Z"), endsAt: at("2030-04-01T09:00:00.000Z"), months: 1 as const };
    expect(addonProRataCents(starter, month, { extraSeats: 1 }, new Date(month.startsAt.getTime() + 10 * DAY))).toBe(609); // 900 × 21/31
    const quarter = { startsAt: at("2030-03-01T09:00:00.000Z"), endsAt: at("2030-06-01T09:00:00.000Z"), months: 3 as const }; // 92 days
    const half = new Date(quarter.startsAt.getTime() + 46 * DAY);
    expect(addonProRataCents(starter, quarter, { extraSeats: 2 }, half)).toBe(2565); // 5130 / 2
    expect(addonProRataCents(starter, quarter, { brandingAddon: true }, half)).toBe(2707); // 5415 / 2 = 2707.5
    expect(addonProRataCents(getPlan("team"), quarter, { brandingAddon: true }, half)).toBe(0);
    expect(addonProRataCents(starter, quarter, { extraSeats: 2 }, quarter.endsAt)).toBe(0);
  });
});
