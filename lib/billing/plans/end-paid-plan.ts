import type { TransactionClient } from "../../db/transaction";

/**
 * Puts a workspace back on Free: add-ons off, subscription canceled, nothing scheduled.
 * Bots, members, sources and settings all stay; the Free limits only stop new ones.
 */
export async function endPaidPlan(tx: TransactionClient, workspaceId: string): Promise<void> {
  await tx.workspace.update({ where: { id: workspaceId }, data: { plan: "free", extraSeats: 0, brandingAddon: false } });
  await tx.subscription.updateMany({ where: { workspaceId }, data: { status: "canceled", autoRenew: false, graceUntil: null } });
  await tx.planPeriod.deleteMany({ where: { workspaceId, status: "scheduled" } });
}
