import { db } from "../../db/client";
import { getPlan, periodQuote, workspaceLimits, type TAddons, type TPeriodQuote, type TPlanId, type TPlanPeriodMonths, type TWorkspaceLimits } from "../../plans/plans";
import type { TWorkspaceContext } from "../../workspaces/types";
import { getBalance, type TBalance } from "../get-balance";
import { loadPlanState, nextAddons } from "./load-plan-state";
import { parsePlanChange, quoteFromState, type TPlanChangeInput, type TPlanChangeQuote } from "./quote-plan-change";

export type TSubscriptionSummary = {
  plan: TPlanId;
  /** free: no paid plan; grace: the renewal could not be paid and is retried until graceUntil. */
  status: "free" | "active" | "grace";
  limits: TWorkspaceLimits;
  period: { id: string; months: TPlanPeriodMonths; startsAt: Date; endsAt: Date; priceCents: number } | null;
  autoRenew: boolean;
  graceUntil: Date | null;
  /** In effect now. */
  addons: TAddons;
  /** Charged from the next renewal on (fewer than `addons` when a removal waits). */
  nextAddons: TAddons;
  /** The next automatic charge (in grace: retried at every sweep); null on Free or without auto-renewal. */
  nextCharge: { at: Date; amountCents: number; quote: TPeriodQuote } | null;
  /** Without auto-renewal: when the workspace returns to Free. */
  endsAt: Date | null;
  balance: TBalance;
  /** What switching to `plan` for `months` would cost now (same rules as changePlan). */
  quote: (plan: TPlanId, months?: TPlanPeriodMonths, addons?: Partial<TAddons>) => TPlanChangeQuote;
};

/** The billing page's plan section: current plan, period, next charge, add-ons, quotes. */
export async function getSubscription(ctx: Pick<TWorkspaceContext, "workspaceId">, now = new Date()): Promise<TSubscriptionSummary> {
  const [state, balance] = await Promise.all([loadPlanState(db(), ctx.workspaceId), getBalance(ctx.workspaceId)]);
  const sub = state.subscription;
  const next = nextAddons(state);
  const nextCharge =
    sub?.autoRenew === true
      ? (() => {
          const quote = periodQuote({ plan: getPlan(sub.plan), months: sub.periodMonths, ...next });
          return { at: sub.status === "grace" ? now : sub.currentPeriodEnd, amountCents: quote.totalCents, quote };
        })()
      : null;
  return {
    plan: getPlan(state.workspace.plan).id,
    status: sub?.status ?? "free",
    limits: workspaceLimits(state.workspace),
    period: state.period && sub
      ? { id: state.period.id, months: sub.periodMonths, startsAt: state.period.startsAt, endsAt: state.period.endsAt, priceCents: state.period.priceCents }
      : null,
    autoRenew: sub?.autoRenew ?? false,
    graceUntil: sub?.graceUntil ?? null,
    addons: { extraSeats: state.workspace.extraSeats, brandingAddon: state.workspace.brandingAddon },
    nextAddons: next,
    nextCharge,
    endsAt: sub && !sub.autoRenew ? sub.currentPeriodEnd : null,
    balance,
    quote: (plan, months, addons = {}) => quoteFromState(state, parsePlanChange({ plan, months, ...addons } satisfies TPlanChangeInput), balance, now),
  };
}
