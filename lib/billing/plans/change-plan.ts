import { db } from "../../db/client";
import type { TransactionClient } from "../../db/transaction";
import { AppError } from "../../errors/app-error";
import { getPlan, PLAN_NAMES } from "../../plans/plans";
import { requireRole } from "../../workspaces/require-role";
import type { TWorkspaceContext } from "../../workspaces/types";
import { noteBalanceChange } from "../balance-notices";
import { getBalance } from "../get-balance";
import { withFundsMessage } from "../post-entry";
import { chargePlanPeriod } from "./charge-plan-period";
import { creditUnusedPeriod } from "./credit-unused-period";
import { endPaidPlan } from "./end-paid-plan";
import { lockPlanState, type TPlanState } from "./load-plan-state";
import { parsePlanChange, quoteFromState, type TPlanChangeQuote } from "./quote-plan-change";

export type TPlanChangeResult = TPlanChangeQuote & { periodId: string | null; balanceCents: number };

/**
 * Switches the workspace's plan (owners only), all in one transaction:
 * - Free → paid: the whole period (plan, add-ons, period discount) is charged at once;
 *   the new subscription renews automatically.
 * - paid → paid (another plan, period or add-ons): the unused part of the current period is
 *   credited back, then the new period is charged, starting now (auto-renewal as it was).
 * - paid → Free: the unused part is credited back; add-ons end, every setting stays.
 * A balance that cannot pay refuses with insufficient_funds and changes nothing.
 */
export async function changePlan(ctx: TWorkspaceContext, raw: unknown, now = new Date()): Promise<TPlanChangeResult> {
  requireRole(ctx, ["owner"]);
  const input = parsePlanChange(raw);
  const result = await db().$transaction(async (tx) => {
    const state = await lockPlanState(tx, ctx.workspaceId);
    const quote = quoteFromState(state, input, await getBalance(ctx.workspaceId, tx), now);
    assertChangesSomething(state, quote);

    const creditCents = await creditUnusedPeriod(tx, state, now, ctx.actorId);
    await tx.planPeriod.deleteMany({ where: { workspaceId: ctx.workspaceId, status: "scheduled" } });
    const periodId = await startNewPlan(tx, ctx, state, quote, creditCents, now);
    await tx.auditLog.create({
      data: {
        workspaceId: ctx.workspaceId,
        actorId: ctx.actorId,
        action: "billing.plan_changed",
        targetType: "plan_period",
        targetId: periodId,
        data: { from: state.subscription?.plan ?? "free", to: quote.plan, months: quote.months, chargeCents: quote.chargeCents, creditCents },
      },
    });
    // Read under the account lock the entries took: the balance this change left.
    const { balanceCents } = await getBalance(ctx.workspaceId, tx);
    return { ...quote, creditCents, netCents: quote.chargeCents - creditCents, periodId, balanceCents };
  });
  await noteBalanceChange(ctx.workspaceId, result.netCents > 0 ? "debit" : "credit");
  return result;
}

/** Refuses a change to what the workspace already has (Free to Free, the same paid plan, period and add-ons). */
function assertChangesSomething(state: TPlanState, quote: TPlanChangeQuote): void {
  const current = state.subscription;
  if (!current && !quote.charge) throw new AppError("conflict", "The workspace is already on the Free plan.");
  if (
    current?.status === "active" &&
    quote.charge &&
    current.plan === quote.plan &&
    current.periodMonths === quote.months &&
    state.workspace.extraSeats === quote.charge.extraSeats &&
    state.workspace.brandingAddon === quote.charge.brandingAddon
  ) {
    throw new AppError("conflict", "The workspace already runs on this plan and period.");
  }
}

/** Charges the quoted period starting now, or ends the paid plan for Free; the new period's id (null for Free). */
async function startNewPlan(tx: TransactionClient, ctx: TWorkspaceContext, state: TPlanState, quote: TPlanChangeQuote, creditCents: number, now: Date): Promise<string | null> {
  const charge = quote.charge;
  if (!charge) {
    await endPaidPlan(tx, ctx.workspaceId);
    return null;
  }
  const charged = await withFundsMessage(
    () =>
      chargePlanPeriod(tx, {
        workspaceId: ctx.workspaceId,
        plan: getPlan(quote.plan),
        months: charge.months,
        addons: { extraSeats: charge.extraSeats, brandingAddon: charge.brandingAddon },
        startsAt: now,
        actorId: ctx.actorId,
        autoRenew: state.subscription ? undefined : true,
      }),
    `The balance does not cover ${PLAN_NAMES[quote.plan]} for this period. Top up first.`,
    () => ({ availableCents: quote.availableCents, creditCents, chargeCents: quote.chargeCents, shortfallCents: quote.chargeCents - creditCents - quote.availableCents }),
  );
  return charged.periodId;
}
