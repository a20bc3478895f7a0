import { db } from "../../db/client";
import { AppError, isAppError } from "../../errors/app-error";
import { getPlan, PLAN_NAMES } from "../../plans/plans";
import { requireRole } from "../../workspaces/require-role";
import type { TWorkspaceContext } from "../../workspaces/types";
import { noteBalanceChange } from "../balance-notices";
import { getBalance } from "../get-balance";
import { chargePlanPeriod } from "./charge-plan-period";
import { creditUnusedPeriod } from "./credit-unused-period";
import { endPaidPlan } from "./end-paid-plan";
import { loadPlanState } from "./load-plan-state";
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
    await tx.$queryRaw`SELECT id FROM workspaces WHERE id = ${ctx.workspaceId} FOR UPDATE`;
    const state = await loadPlanState(tx, ctx.workspaceId);
    const quote = quoteFromState(state, input, await getBalance(ctx.workspaceId, tx), now);
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

    const creditCents = await creditUnusedPeriod(tx, state, now, ctx.actorId);
    let periodId: string | null = null;
    await tx.planPeriod.deleteMany({ where: { workspaceId: ctx.workspaceId, status: "scheduled" } });
    if (quote.charge) {
      try {
        const charged = await chargePlanPeriod(tx, {
          workspaceId: ctx.workspaceId,
          plan: getPlan(quote.plan),
          months: quote.charge.months,
          addons: { extraSeats: quote.charge.extraSeats, brandingAddon: quote.charge.brandingAddon },
          startsAt: now,
          actorId: ctx.actorId,
          autoRenew: current ? undefined : true,
        });
        periodId = charged.periodId;
      } catch (error) {
        if (isAppError(error) && error.code === "insufficient_funds") {
          throw new AppError("insufficient_funds", `The balance does not cover ${PLAN_NAMES[quote.plan]} for this period. Top up first.`, {
            details: { availableCents: quote.availableCents, creditCents, chargeCents: quote.chargeCents, shortfallCents: quote.chargeCents - creditCents - quote.availableCents },
          });
        }
        throw error;
      }
    } else {
      await endPaidPlan(tx, ctx.workspaceId);
    }
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
    return { ...quote, creditCents, netCents: quote.chargeCents - creditCents, periodId };
  });
  await noteBalanceChange(ctx.workspaceId, result.netCents > 0 ? "debit" : "credit");
  const { balanceCents } = await getBalance(ctx.workspaceId);
  return { ...result, balanceCents };
}
