import { z } from "zod";
import { db } from "../../db/client";
import { AppError } from "../../errors/app-error";
import {
  billableAddons,
  getPlan,
  isPaidPlan,
  MAX_EXTRA_SEATS,
  PLAN_IDS,
  PLAN_PERIODS,
  periodEnd,
  periodQuote,
  planChangeCreditCents,
  type TPeriodQuote,
  type TPlanId,
  type TPlanPeriodMonths,
} from "../../plans/plans";
import type { TWorkspaceContext } from "../../workspaces/types";
import { getBalance, type TBalance } from "../get-balance";
import { loadPlanState, nextAddons, type TPlanState } from "./load-plan-state";

const PERIOD_MONTHS = PLAN_PERIODS.map((p) => p.months);

export const ZPlanChangeInput = z.object({
  plan: z.enum(PLAN_IDS),
  /** Required for a paid plan; ignored for Free. */
  months: z.literal(PERIOD_MONTHS).optional(),
  /** Add-ons for the new period; default: the add-ons the next period would carry anyway. */
  extraSeats: z.number().int().min(0).max(MAX_EXTRA_SEATS).optional(),
  brandingAddon: z.boolean().optional(),
});
export type TPlanChangeInput = z.input<typeof ZPlanChangeInput>;

export type TPlanChangeQuote = {
  plan: TPlanId;
  /** Null when the change goes to Free. */
  months: TPlanPeriodMonths | null;
  /** The new period (null for Free): it starts at once. */
  startsAt: Date | null;
  endsAt: Date | null;
  /** The new period's price with its add-ons (0 for Free). */
  charge: TPeriodQuote | null;
  chargeCents: number;
  /** The unused part of the current period, credited back first. */
  creditCents: number;
  /** chargeCents − creditCents: negative when the balance grows. */
  netCents: number;
  availableCents: number;
  /** Whether available balance plus credit covers the charge. */
  enoughBalance: boolean;
  /** What would have to be topped up first (0 when enough). */
  shortfallCents: number;
};

/** Parses input for a plan change; a paid plan needs a period. */
export function parsePlanChange(raw: unknown): { plan: TPlanId; months: TPlanPeriodMonths | null; extraSeats?: number; brandingAddon?: boolean } {
  const input = ZPlanChangeInput.parse(raw);
  if (isPaidPlan(getPlan(input.plan)) && input.months === undefined) {
    throw new AppError("validation_failed", "Choose a period for the paid plan.", { details: { field: "months" } });
  }
  return { ...input, months: isPaidPlan(getPlan(input.plan)) ? input.months! : null };
}

/** The quote for a plan change from a loaded state; changePlan charges exactly this. */
export function quoteFromState(state: TPlanState, input: ReturnType<typeof parsePlanChange>, balance: Pick<TBalance, "availableCents">, now: Date): TPlanChangeQuote {
  const period = state.period?.status === "active" ? state.period : null;
  const creditCents = period
    ? planChangeCreditCents({ startsAt: period.startsAt, endsAt: period.endsAt, priceCents: period.priceCents, addonCharges: state.addonCharges }, now)
    : 0;
  const plan = getPlan(input.plan);
  let charge: TPeriodQuote | null = null;
  if (input.months !== null) {
    const fallback = nextAddons(state);
    const addons = billableAddons(plan, { extraSeats: input.extraSeats ?? fallback.extraSeats, brandingAddon: input.brandingAddon ?? fallback.brandingAddon });
    charge = periodQuote({ plan, months: input.months, ...addons });
  }
  const chargeCents = charge?.totalCents ?? 0;
  const shortfallCents = Math.max(0, chargeCents - creditCents - balance.availableCents);
  return {
    plan: plan.id,
    months: input.months,
    startsAt: charge ? now : null,
    endsAt: charge ? periodEnd(now, charge.months) : null,
    charge,
    chargeCents,
    creditCents,
    netCents: chargeCents - creditCents,
    availableCents: balance.availableCents,
    enoughBalance: shortfallCents === 0,
    shortfallCents,
  };
}

/** What a plan change would cost right now, for the confirmation dialog (any member may look). */
export async function quotePlanChange(ctx: Pick<TWorkspaceContext, "workspaceId">, raw: unknown, now = new Date()): Promise<TPlanChangeQuote> {
  const input = parsePlanChange(raw);
  const [state, balance] = await Promise.all([loadPlanState(db(), ctx.workspaceId), getBalance(ctx.workspaceId)]);
  return quoteFromState(state, input, balance, now);
}
