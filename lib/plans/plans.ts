/**
 * The one plans configuration: limits and prices (EUR cents, VAT included for
 * consumers, net for businesses with a VAT id; see docs/decisions). Seat, bot and
 * branding limits are enforced from here; the billing issue charges the prices.
 */
export type TPlanId = "free" | "starter" | "team" | "business";

export type TPlan = {
  id: TPlanId;
  monthlyPriceCents: number;
  seats: number;
  bots: number;
  knowledgePages: number;
  removeBranding: boolean;
  liveChat: boolean;
  apiAccess: boolean;
  transcriptsRetentionMaxDays: number;
};

export const PLANS: readonly TPlan[] = [
  {
    id: "free",
    monthlyPriceCents: 0,
    seats: 2,
    bots: 1,
    knowledgePages: 50,
    removeBranding: false,
    liveChat: false,
    apiAccess: true,
    transcriptsRetentionMaxDays: 30,
  },
  {
    id: "starter",
    monthlyPriceCents: 2900,
    seats: 2,
    bots: 2,
    knowledgePages: 500,
    removeBranding: false,
    liveChat: true,
    apiAccess: true,
    transcriptsRetentionMaxDays: 365,
  },
  {
    id: "team",
    monthlyPriceCents: 7900,
    seats: 5,
    bots: 5,
    knowledgePages: 2500,
    removeBranding: true,
    liveChat: true,
    apiAccess: true,
    transcriptsRetentionMaxDays: 730,
  },
  {
    id: "business",
    monthlyPriceCents: 19900,
    seats: 15,
    bots: 20,
    knowledgePages: 10000,
    removeBranding: true,
    liveChat: true,
    apiAccess: true,
    transcriptsRetentionMaxDays: 3650,
  },
] as const;

/** Billing periods in months with their discount in percent. */
export const PLAN_PERIODS = [
  { months: 1, discountPercent: 0 },
  { months: 3, discountPercent: 5 },
  { months: 6, discountPercent: 10 },
  { months: 12, discountPercent: 20 },
] as const;

export type TPlanPeriodMonths = (typeof PLAN_PERIODS)[number]["months"];

export function getPlan(id: string): TPlan {
  return PLANS.find((p) => p.id === id) ?? PLANS[0]!;
}

/** Price of a whole period in cents, discount applied, rounded to whole cents. */
export function periodPriceCents(plan: TPlan, months: TPlanPeriodMonths): number {
  const period = PLAN_PERIODS.find((p) => p.months === months);
  if (!period) throw new Error(`Unknown plan period: ${months}`);
  return Math.round((plan.monthlyPriceCents * months * (100 - period.discountPercent)) / 100);
}

/** Prepaid top-up amounts offered in the dashboard, in cents. */
export const TOP_UP_AMOUNTS_CENTS = [1000, 2500, 5000, 10000, 25000] as const;

export function formatEuros(cents: number, locale: "de" | "en"): string {
  return new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-IE", {
    style: "currency",
    currency: "EUR",
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
}
