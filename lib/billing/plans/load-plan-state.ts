import type { Prisma } from "../../db/client";
import type { TransactionClient } from "../../db/transaction";
import { getPlan, isPaidPlan, type TAddons, type TPlanPeriodMonths } from "../../plans/plans";

/** Subscription statuses in which the workspace runs on (and pays for) a paid plan. */
export const PAID_STATUSES = ["active", "grace"] as const;

type PlanPeriod = Prisma.PlanPeriodModel;
type Subscription = Prisma.SubscriptionModel;

export type TAddonCharge = { amountCents: number; startsAt: Date };

export type TPlanState = {
  workspace: { id: string; name: string; plan: string; extraSeats: number; brandingAddon: boolean };
  /** Null on Free (never subscribed, or canceled). */
  subscription: (Subscription & { status: (typeof PAID_STATUSES)[number]; periodMonths: TPlanPeriodMonths }) | null;
  /** The period the subscription points at (possibly already ended while in grace). */
  period: PlanPeriod | null;
  /** Add-ons bought during `period` (ledger entries of kind "addon"), for the plan-change credit. */
  addonCharges: TAddonCharge[];
  /** Add-ons for the next period when a removal waits for the renewal, else null. */
  scheduled: PlanPeriod | null;
};

/**
 * Everything a plan operation needs, read inside the caller's transaction (after it locked
 * the workspace row, which serialises all plan operations and renewals of one workspace).
 */
export async function loadPlanState(tx: TransactionClient, workspaceId: string): Promise<TPlanState> {
  const workspace = await tx.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { id: true, name: true, plan: true, extraSeats: true, brandingAddon: true, subscription: true },
  });
  const { subscription: row, ...ws } = workspace;
  const subscription = row && (PAID_STATUSES as readonly string[]).includes(row.status) && isPaidPlan(getPlan(row.plan)) ? (row as NonNullable<TPlanState["subscription"]>) : null;
  if (!subscription) return { workspace: ws, subscription: null, period: null, addonCharges: [], scheduled: null };

  const period = subscription.currentPeriodId
    ? await tx.planPeriod.findFirst({ where: { id: subscription.currentPeriodId, workspaceId } })
    : null;
  const [charges, scheduled] = await Promise.all([
    period
      ? tx.ledgerEntry.findMany({
          where: { workspaceId, kind: "addon", reference: { path: ["periodId"], equals: period.id } },
          select: { amountCents: true, reference: true },
        })
      : [],
    tx.planPeriod.findFirst({ where: { workspaceId, status: "scheduled", startsAt: subscription.currentPeriodEnd } }),
  ]);
  const addonCharges = charges.map((c) => ({ amountCents: c.amountCents, startsAt: new Date(String((c.reference as { startsAt?: string }).startsAt)) }));
  return { workspace: ws, subscription, period, addonCharges, scheduled };
}

/**
 * Locks the workspace row (which serialises all plan operations and renewals of one
 * workspace), then loads the plan state under that lock.
 */
export async function lockPlanState(tx: TransactionClient, workspaceId: string): Promise<TPlanState> {
  await tx.$queryRaw`SELECT id FROM workspaces WHERE id = ${workspaceId} FOR UPDATE`;
  return loadPlanState(tx, workspaceId);
}

/** The add-ons in effect now (what the limits count). */
export function currentAddons(state: TPlanState): TAddons {
  return { extraSeats: state.workspace.extraSeats, brandingAddon: state.workspace.brandingAddon };
}

/** The add-ons the next period will carry: a scheduled removal, else the current ones. */
export function nextAddons(state: TPlanState): TAddons {
  return state.scheduled ? { extraSeats: state.scheduled.extraSeats, brandingAddon: state.scheduled.brandingAddon } : currentAddons(state);
}

/** Idempotency key of a period's charge: one per workspace and period start, forever. */
export function planPeriodKey(workspaceId: string, startsAt: Date): string {
  return `plan-period:${workspaceId}:${startsAt.toISOString()}`;
}
