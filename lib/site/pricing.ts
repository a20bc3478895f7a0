import { formatEuros, PLAN_PERIODS, PLANS, periodPriceCents, type TPlan, type TPlanId, type TPlanPeriodMonths } from "../plans/plans";
import type { TLocale } from "../i18n/locale";

/** Prices of one plan for one billing period, formatted for display. */
export type TPeriodPrice = {
  months: TPlanPeriodMonths;
  discountPercent: number;
  /** What the whole period costs, discount applied. */
  total: string;
  /** The same price spread over the months of the period. */
  perMonth: string;
  totalCents: number;
};

export type TPlanView = {
  id: TPlanId;
  plan: TPlan;
  isFree: boolean;
  periods: TPeriodPrice[];
};

/** Everything the public pages show about plans, computed from the one plans configuration. */
export function planViews(locale: TLocale): TPlanView[] {
  return PLANS.map((plan) => ({
    id: plan.id,
    plan,
    isFree: plan.monthlyPriceCents === 0,
    periods: PLAN_PERIODS.map((period) => {
      const totalCents = periodPriceCents(plan, period.months);
      return {
        months: period.months,
        discountPercent: period.discountPercent,
        totalCents,
        total: formatEuros(totalCents, locale),
        perMonth: formatEuros(Math.round(totalCents / period.months), locale),
      };
    }),
  }));
}

export function formatCount(value: number, locale: TLocale): string {
  return new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB").format(value);
}

export function maxDiscountPercent(): number {
  return Math.max(...PLAN_PERIODS.map((p) => p.discountPercent));
}
