import type { TransactionClient } from "../../db/transaction";
import { planChangeCreditCents } from "../../plans/plans";
import { PLATFORM_ACCOUNTS, workspaceAccountKey } from "../accounts";
import { postEntry } from "../post-entry";
import type { TPlanState } from "./load-plan-state";

/**
 * Closes the current period at `now`: its unused part (plan and add-ons bought during it)
 * goes back to the balance as one "plan_credit" entry keyed by the period, and the period
 * is marked replaced (or ended, when it was already over, as during grace). Returns the
 * credited cents.
 */
export async function creditUnusedPeriod(tx: TransactionClient, state: TPlanState, now: Date, actorId: string | null): Promise<number> {
  const period = state.period;
  if (!period || period.status !== "active") return 0;
  const amount = planChangeCreditCents({ startsAt: period.startsAt, endsAt: period.endsAt, priceCents: period.priceCents, addonCharges: state.addonCharges }, now);
  let credited = 0;
  if (amount > 0) {
    const posted = await postEntry(tx, {
      idempotencyKey: `plan-credit:${period.id}`,
      kind: "plan_credit",
      debit: PLATFORM_ACCOUNTS.plans,
      credit: workspaceAccountKey(state.workspace.id),
      amountCents: amount,
      description: `Unused part of the plan period ${period.startsAt.toISOString().slice(0, 10)} – ${period.endsAt.toISOString().slice(0, 10)}`,
      reference: { periodId: period.id, creditedAt: now.toISOString() },
      actorId,
    });
    credited = posted.amountCents;
  }
  await tx.planPeriod.update({
    where: { id: period.id },
    data: { status: now.getTime() >= period.endsAt.getTime() ? "ended" : "replaced", creditedCents: credited },
  });
  return credited;
}
