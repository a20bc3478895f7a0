import { env } from "../../config/env";
import { db, type Prisma } from "../../db/client";
import type { TransactionClient } from "../../db/transaction";
import { isAppError } from "../../errors/app-error";
import type { TLocale } from "../../i18n/locale";
import { billableAddons, getPlan, periodQuote } from "../../plans/plans";
import { noteBalanceChange } from "../balance-notices";
import { getBalance } from "../get-balance";
import { notifyBillingContacts, type TBillingMailCopy } from "../notify-billing-contacts";
import { chargePlanPeriod } from "./charge-plan-period";
import { creditUnusedPeriod } from "./credit-unused-period";
import { endPaidPlan } from "./end-paid-plan";
import { loadPlanState, nextAddons, type TPlanState } from "./load-plan-state";
import { backToFreeMail, graceStartedMail } from "./plan-mails";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * skipped: not due, or another process holds the workspace right now (it retries next sweep).
 * waiting: in grace, the balance still does not cover the renewal.
 */
export type TRenewalOutcome = "renewed" | "grace_started" | "waiting" | "downgraded" | "expired" | "skipped";

type TDecision = { outcome: TRenewalOutcome; mail?: (locale: TLocale) => TBillingMailCopy };

/**
 * Handles one subscription whose period has ended. With auto-renewal the next period is
 * charged from the balance, starting where the last one ended (the ledger key is the same
 * for every retry, so it is charged at most once). When the balance cannot pay, a grace
 * period of BILLING_GRACE_DAYS starts (one email) during which every sweep retries; when it
 * is over, the workspace returns to Free (one email). Without auto-renewal the workspace
 * returns to Free at the period end (one email, nothing charged).
 *
 * Safe with several sweeps at once: the workspace row is claimed with FOR UPDATE SKIP LOCKED
 * and the state re-read under that lock, so a second process skips or finds nothing due.
 */
export async function renewSubscription(workspaceId: string, now = new Date()): Promise<TRenewalOutcome> {
  const decision = await db().$transaction(async (tx): Promise<TDecision> => {
    const claimed = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM workspaces WHERE id = ${workspaceId} FOR UPDATE SKIP LOCKED`;
    if (claimed.length === 0) return { outcome: "skipped" };
    const state = await loadPlanState(tx, workspaceId);
    const sub = state.subscription;
    if (!sub || sub.currentPeriodEnd.getTime() > now.getTime()) return { outcome: "skipped" };
    if (!sub.autoRenew) {
      await backToFree(tx, state, now, "billing.plan_expired");
      return { outcome: "expired", mail: backToFreeMail({ workspaceName: state.workspace.name, plan: getPlan(sub.plan).id, reason: "not_renewed" }) };
    }

    const plan = getPlan(sub.plan);
    const addons = billableAddons(plan, nextAddons(state));
    try {
      const charged = await chargePlanPeriod(tx, { workspaceId, plan, months: sub.periodMonths, addons, startsAt: sub.currentPeriodEnd, actorId: null });
      if (state.period && state.period.id !== charged.periodId) await tx.planPeriod.update({ where: { id: state.period.id }, data: { status: "ended" } });
      await audit(tx, workspaceId, "billing.plan_renewed", { periodId: charged.periodId, chargedCents: charged.quote.totalCents, afterGrace: sub.status === "grace" });
      return { outcome: "renewed" };
    } catch (error) {
      // postEntry refuses before it writes anything, so this transaction can go on.
      if (!isAppError(error) || error.code !== "insufficient_funds") throw error;
    }

    const quote = periodQuote({ plan, months: sub.periodMonths, ...addons });
    if (sub.status === "active" && env().BILLING_GRACE_DAYS > 0) {
      const graceUntil = new Date(now.getTime() + env().BILLING_GRACE_DAYS * DAY_MS);
      await tx.subscription.update({ where: { workspaceId }, data: { status: "grace", graceUntil } });
      await audit(tx, workspaceId, "billing.plan_grace_started", { graceUntil: graceUntil.toISOString(), dueCents: quote.totalCents });
      const { availableCents } = await getBalance(workspaceId, tx);
      return { outcome: "grace_started", mail: graceStartedMail({ workspaceName: state.workspace.name, graceUntil, quote, balanceCents: availableCents }) };
    }
    if (sub.status === "grace" && sub.graceUntil && sub.graceUntil.getTime() > now.getTime()) return { outcome: "waiting" };
    await backToFree(tx, state, now, "billing.plan_downgraded");
    return { outcome: "downgraded", mail: backToFreeMail({ workspaceName: state.workspace.name, plan: plan.id, reason: "unpaid" }) };
  });
  if (decision.mail) await notifyBillingContacts(workspaceId, decision.mail);
  if (decision.outcome === "renewed") await noteBalanceChange(workspaceId, "debit");
  return decision.outcome;
}

async function backToFree(tx: TransactionClient, state: TPlanState, now: Date, action: string): Promise<void> {
  await creditUnusedPeriod(tx, state, now, null);
  await endPaidPlan(tx, state.workspace.id);
  await audit(tx, state.workspace.id, action, { plan: state.subscription?.plan ?? null });
}

function audit(tx: TransactionClient, workspaceId: string, action: string, data: Record<string, unknown>) {
  return tx.auditLog.create({ data: { workspaceId, actorId: null, action, targetType: "subscription", targetId: workspaceId, data: data as Prisma.InputJsonValue } });
}
