import { db } from "../../db/client";
import { getPlan, periodQuote } from "../../plans/plans";
import { getBalance } from "../get-balance";
import { notifyBillingContacts } from "../notify-billing-contacts";
import { loadPlanState, nextAddons } from "./load-plan-state";
import { renewalReminderMail } from "./plan-mails";

/**
 * The notice before an automatic renewal: once per period end, claimed by a conditional
 * update (of two sweeps at once only one moves `remindedForEnd`, and only it sends).
 * Returns whether this call sent it.
 */
export async function remindRenewal(workspaceId: string, periodEnd: Date): Promise<boolean> {
  const claimed = await db().subscription.updateMany({
    where: {
      workspaceId,
      status: "active",
      autoRenew: true,
      currentPeriodEnd: periodEnd,
      OR: [{ remindedForEnd: null }, { remindedForEnd: { not: periodEnd } }],
    },
    data: { remindedForEnd: periodEnd },
  });
  if (claimed.count === 0) return false;
  const [state, balance] = await Promise.all([loadPlanState(db(), workspaceId), getBalance(workspaceId)]);
  const sub = state.subscription;
  if (!sub) return false;
  const quote = periodQuote({ plan: getPlan(sub.plan), months: sub.periodMonths, ...nextAddons(state) });
  await notifyBillingContacts(workspaceId, renewalReminderMail({ workspaceName: state.workspace.name, at: periodEnd, quote, balanceCents: balance.availableCents }));
  return true;
}
