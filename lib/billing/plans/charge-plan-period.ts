import type { TransactionClient } from "../../db/transaction";
import { PLAN_NAMES, periodEnd, periodQuote, type TAddons, type TPlan, type TPeriodQuote, type TPlanPeriodMonths } from "../../plans/plans";
import { PLATFORM_ACCOUNTS, workspaceAccountKey } from "../accounts";
import { postEntry, type TPostedEntry } from "../post-entry";
import { planPeriodKey } from "./load-plan-state";

export type TChargedPeriod = { periodId: string; startsAt: Date; endsAt: Date; quote: TPeriodQuote; posted: TPostedEntry | null };

/**
 * Charges one period of a paid plan from the balance and makes it the current one: the
 * ledger entry (kind "plan", keyed by workspace and period start, so a retry never charges
 * twice), the PlanPeriod row (a scheduled row for the same start becomes active), the
 * subscription and the workspace's plan and add-ons. Throws insufficient_funds before it
 * writes anything, so the caller's transaction can still decide what happens instead.
 */
export async function chargePlanPeriod(
  tx: TransactionClient,
  input: {
    workspaceId: string;
    plan: TPlan;
    months: TPlanPeriodMonths;
    addons: TAddons;
    startsAt: Date;
    actorId: string | null;
    /** Set for a new subscription (also after an earlier one was canceled); kept otherwise. */
    autoRenew?: boolean;
  },
): Promise<TChargedPeriod> {
  const quote = periodQuote({ plan: input.plan, months: input.months, ...input.addons });
  const { startsAt } = input;
  const endsAt = periodEnd(startsAt, input.months);
  const posted =
    quote.totalCents > 0
      ? await postEntry(tx, {
          idempotencyKey: planPeriodKey(input.workspaceId, startsAt),
          kind: "plan",
          debit: workspaceAccountKey(input.workspaceId),
          credit: PLATFORM_ACCOUNTS.plans,
          amountCents: quote.totalCents,
          funds: "require",
          description: `${PLAN_NAMES[input.plan.id]}, ${input.months} month${input.months === 1 ? "" : "s"} (${startsAt.toISOString().slice(0, 10)} – ${endsAt.toISOString().slice(0, 10)})`,
          reference: {
            plan: input.plan.id,
            months: input.months,
            extraSeats: quote.extraSeats,
            brandingAddon: quote.brandingAddon,
            discountPercent: quote.discountPercent,
            startsAt: startsAt.toISOString(),
            endsAt: endsAt.toISOString(),
          },
          actorId: input.actorId,
        })
      : null;
  const row = { plan: input.plan.id, months: input.months, extraSeats: quote.extraSeats, brandingAddon: quote.brandingAddon, endsAt, priceCents: quote.totalCents, status: "active" };
  const period = await tx.planPeriod.upsert({
    where: { workspaceId_startsAt: { workspaceId: input.workspaceId, startsAt } },
    create: { workspaceId: input.workspaceId, startsAt, ...row },
    update: row,
    select: { id: true },
  });
  const subscription = { plan: input.plan.id, periodMonths: input.months, status: "active", currentPeriodId: period.id, currentPeriodStart: startsAt, currentPeriodEnd: endsAt, graceUntil: null };
  await tx.subscription.upsert({
    where: { workspaceId: input.workspaceId },
    create: { workspaceId: input.workspaceId, ...subscription, autoRenew: input.autoRenew ?? true },
    update: { ...subscription, ...(input.autoRenew === undefined ? {} : { autoRenew: input.autoRenew }) },
  });
  await tx.workspace.update({ where: { id: input.workspaceId }, data: { plan: input.plan.id, extraSeats: quote.extraSeats, brandingAddon: quote.brandingAddon } });
  return { periodId: period.id, startsAt, endsAt, quote, posted };
}
