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
  return discountedPeriodCents(plan.monthlyPriceCents, months);
}

export const PLAN_IDS = ["free", "starter", "team", "business"] as const satisfies readonly TPlanId[];

/** Plan names are the same in every language. */
export const PLAN_NAMES: Record<TPlanId, string> = { free: "Free", starter: "Starter", team: "Team", business: "Business" };

export function isPaidPlan(plan: TPlan): boolean {
  return plan.monthlyPriceCents > 0;
}

export function periodDiscountPercent(months: number): number {
  const period = PLAN_PERIODS.find((p) => p.months === months);
  if (!period) throw new Error(`Unknown plan period: ${months}`);
  return period.discountPercent;
}

/** A monthly amount for a whole period, the period's discount applied, rounded to whole cents. */
export function discountedPeriodCents(monthlyCents: number, months: number): number {
  return Math.round((monthlyCents * months * (100 - periodDiscountPercent(months))) / 100);
}

/**
 * Add-ons, bought from the balance on top of a paid plan, per month in cents; they get the
 * same period discount as the plan. An extra seat (9 €) costs a little less than a seat
 * inside the plans (Starter 14.50 €, Team 15.80 €, Business 13.27 € per seat), because it
 * brings no bots or knowledge pages. Branding removal (19 €) keeps Starter with it (48 €)
 * well below Team (79 €), which removes the branding and also brings seats, bots and pages.
 */
export const ADDON_PRICES = { extraSeatMonthlyCents: 900, brandingRemovalMonthlyCents: 1900 } as const;
export const MAX_EXTRA_SEATS = 100;

export type TAddons = { extraSeats: number; brandingAddon: boolean };

/**
 * The add-ons a plan can carry: none on a free plan, and no branding add-on on a plan that
 * already removes the branding.
 */
export function billableAddons(plan: TPlan, addons: Partial<TAddons>): TAddons {
  if (!isPaidPlan(plan)) return { extraSeats: 0, brandingAddon: false };
  return { extraSeats: Math.max(0, Math.trunc(addons.extraSeats ?? 0)), brandingAddon: Boolean(addons.brandingAddon) && !plan.removeBranding };
}

export type TWorkspaceLimits = Omit<TPlan, "id" | "monthlyPriceCents"> & {
  plan: TPlanId;
  planSeats: number;
  extraSeats: number;
  brandingAddon: boolean;
};

/**
 * What a workspace may use: its plan's limits plus the add-ons it paid for (extra seats,
 * branding removal). Every limit check and every "x of y" display reads this.
 */
export function workspaceLimits(workspace: { plan: string; extraSeats?: number; brandingAddon?: boolean }): TWorkspaceLimits {
  const { id, monthlyPriceCents: _price, ...plan } = getPlan(workspace.plan);
  const addons = billableAddons(getPlan(id), workspace);
  return {
    ...plan,
    plan: id,
    planSeats: plan.seats,
    seats: plan.seats + addons.extraSeats,
    extraSeats: addons.extraSeats,
    brandingAddon: addons.brandingAddon,
    removeBranding: plan.removeBranding || addons.brandingAddon,
  };
}

export type TPeriodQuote = {
  plan: TPlanId;
  months: TPlanPeriodMonths;
  extraSeats: number;
  brandingAddon: boolean;
  discountPercent: number;
  /** Each line for the whole period, discount applied; they add up to totalCents. */
  planCents: number;
  extraSeatsCents: number;
  brandingCents: number;
  totalCents: number;
  /** The same period without the discount. */
  listCents: number;
};

/** The price of one period of a plan with its add-ons. */
export function periodQuote(input: { plan: TPlan; months: TPlanPeriodMonths } & Partial<TAddons>): TPeriodQuote {
  const addons = billableAddons(input.plan, input);
  const seatsMonthly = addons.extraSeats * ADDON_PRICES.extraSeatMonthlyCents;
  const brandingMonthly = addons.brandingAddon ? ADDON_PRICES.brandingRemovalMonthlyCents : 0;
  const planCents = periodPriceCents(input.plan, input.months);
  const extraSeatsCents = discountedPeriodCents(seatsMonthly, input.months);
  const brandingCents = discountedPeriodCents(brandingMonthly, input.months);
  return {
    plan: input.plan.id,
    months: input.months,
    ...addons,
    discountPercent: periodDiscountPercent(input.months),
    planCents,
    extraSeatsCents,
    brandingCents,
    totalCents: planCents + extraSeatsCents + brandingCents,
    listCents: (input.plan.monthlyPriceCents + seatsMonthly + brandingMonthly) * input.months,
  };
}

/** A period's end: the same day `months` calendar months later (UTC), or that month's last day. */
export function periodEnd(start: Date, months: number): Date {
  const end = new Date(start.getTime());
  const day = end.getUTCDate();
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(day, lastDay));
  return end;
}

/**
 * The part of `amountCents` paid for [from, to) that is still unused at `at`, pro rata by
 * time and rounded down to whole cents (in the platform's favour by less than a cent).
 */
export function unusedCents(amountCents: number, from: Date, to: Date, at: Date): number {
  const total = BigInt(to.getTime() - from.getTime());
  if (total <= 0n || amountCents <= 0) return 0;
  const left = BigInt(Math.min(Math.max(to.getTime() - at.getTime(), 0), to.getTime() - from.getTime()));
  return Number((BigInt(amountCents) * left) / total);
}

/**
 * What a plan change credits back: the unused part of the current period's price and of
 * every add-on bought during it (each paid from its purchase to the period's end).
 */
export function planChangeCreditCents(
  period: { startsAt: Date; endsAt: Date; priceCents: number; addonCharges?: readonly { amountCents: number; startsAt: Date }[] },
  now: Date,
): number {
  let credit = unusedCents(period.priceCents, period.startsAt, period.endsAt, now);
  for (const charge of period.addonCharges ?? []) credit += unusedCents(charge.amountCents, charge.startsAt, period.endsAt, now);
  return credit;
}

/**
 * What adding `added` to a running period costs: the add-ons' price for the whole period
 * (the period's discount applied) times the part of the period still ahead, rounded down.
 */
export function addonProRataCents(plan: TPlan, period: { startsAt: Date; endsAt: Date; months: TPlanPeriodMonths }, added: Partial<TAddons>, now: Date): number {
  const quote = periodQuote({ plan, months: period.months, ...added });
  return unusedCents(quote.extraSeatsCents + quote.brandingCents, period.startsAt, period.endsAt, now);
}

/** Prepaid top-up amounts offered in the dashboard, in cents. */
export const TOP_UP_AMOUNTS_CENTS = [1000, 2500, 5000, 10000, 25000] as const;

/**
 * EUR cents for people: "25 €" / "€25" for whole amounts, "24,65 €" otherwise. `exact` always
 * shows two decimals (columns that line up); `signed` adds + or − (never to 0). The one money
 * format of the site, the dashboard and the billing emails.
 */
export function formatEuros(cents: number, locale: "de" | "en", options: { exact?: boolean; signed?: boolean } = {}): string {
  const exact = options.exact ?? false;
  const text = new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-IE", {
    style: "currency",
    currency: "EUR",
    minimumFractionDigits: exact || cents % 100 !== 0 ? 2 : 0,
    maximumFractionDigits: 2,
    signDisplay: options.signed ? "exceptZero" : "auto",
  }).format(cents / 100);
  return exact ? text.replace("-", "−") : text;
}
