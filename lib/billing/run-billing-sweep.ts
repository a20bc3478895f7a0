import { env } from "../config/env";
import { db } from "../db/client";
import { log } from "../log/logger";
import { releaseExpiredHolds } from "./holds";
import { PAID_STATUSES } from "./plans/load-plan-state";
import { remindRenewal } from "./plans/remind-renewal";
import { renewSubscription, type TRenewalOutcome } from "./plans/renew-subscription";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Subscriptions handled per step and sweep; the rest wait for the next sweep. */
const BATCH = 200;

export type TBillingSweepReport = { reminded: number; failed: number; releasedHolds: number } & Record<TRenewalOutcome, number>;

/**
 * The periodic billing work (server/workers.ts, every few minutes on every node):
 * (a) renewal notices BILLING_REMINDER_DAYS ahead, (b) renewals, grace and the return to
 * Free for periods that ended, (c) ledger holds left behind by crashed answers. Several
 * processes may run it at once: notices are claimed by a conditional update, renewals lock
 * their workspace (SKIP LOCKED) and are keyed by period in the ledger. One workspace that
 * fails is logged and does not stop the others.
 */
export async function runBillingSweep(now = new Date()): Promise<TBillingSweepReport> {
  const report: TBillingSweepReport = { reminded: 0, renewed: 0, grace_started: 0, waiting: 0, downgraded: 0, expired: 0, skipped: 0, failed: 0, releasedHolds: 0 };
  const horizon = new Date(now.getTime() + env().BILLING_REMINDER_DAYS * DAY_MS);
  const toRemind = await db().$queryRaw<{ workspace_id: string; current_period_end: Date }[]>`
    SELECT workspace_id, current_period_end FROM subscriptions
    WHERE status = 'active' AND auto_renew AND current_period_end > ${now} AND current_period_end <= ${horizon}
      AND reminded_for_end IS DISTINCT FROM current_period_end
    ORDER BY current_period_end LIMIT ${BATCH}`;
  for (const row of toRemind) {
    try {
      if (await remindRenewal(row.workspace_id, row.current_period_end)) report.reminded++;
    } catch (error) {
      report.failed++;
      log.error("Renewal notice failed", { workspaceId: row.workspace_id, error: String(error) });
    }
  }

  const due = await db().subscription.findMany({
    where: { status: { in: [...PAID_STATUSES] }, currentPeriodEnd: { lte: now } },
    orderBy: { currentPeriodEnd: "asc" },
    select: { workspaceId: true },
    take: BATCH,
  });
  for (const { workspaceId } of due) {
    try {
      report[await renewSubscription(workspaceId, now)]++;
    } catch (error) {
      report.failed++;
      log.error("Plan renewal failed", { workspaceId, error: String(error) });
    }
  }

  report.releasedHolds = await releaseExpiredHolds(now);
  if (report.reminded + report.renewed + report.grace_started + report.downgraded + report.expired + report.failed > 0) log.info("Billing sweep", report);
  return report;
}
