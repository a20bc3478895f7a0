import type { TransactionClient } from "../db/transaction";

/**
 * Ledger accounts. A workspace has one customer account (its prepaid balance, credit-normal);
 * the platform's side is a handful of fixed accounts. Accounts are created on first use.
 */
export const PLATFORM_ACCOUNTS = {
  /** Money received through Stripe (top-ups in; refunds and dispute withdrawals out). */
  stripe: "platform:stripe",
  /** Revenue from AI answers. */
  usage: "platform:usage",
  /** Revenue from plan periods and add-ons (credited back pro rata on a plan change). */
  plans: "platform:plans",
  /** Admin adjustments (goodwill credits, corrections). */
  adjustments: "platform:adjustments",
} as const;

export type TPlatformAccount = keyof typeof PLATFORM_ACCOUNTS;

export function workspaceAccountKey(workspaceId: string): string {
  return `workspace:${workspaceId}`;
}

export function isWorkspaceAccountKey(key: string): boolean {
  return key.startsWith("workspace:");
}

/**
 * The account ids for the given keys, creating missing accounts (safe under concurrency).
 * Inserted in key order: two transactions creating the same two new accounts in opposite
 * orders (A→B and B→A) would otherwise each wait on the other's uncommitted row (a deadlock,
 * tests/integration/billing/ledger-native-postgres.test.ts).
 */
export async function ensureAccounts(tx: TransactionClient, keys: string[]): Promise<Map<string, string>> {
  await tx.ledgerAccount.createMany({
    data: [...new Set(keys)].sort().map((key) => ({
      key,
      kind: isWorkspaceAccountKey(key) ? "customer" : key.slice("platform:".length),
      workspaceId: isWorkspaceAccountKey(key) ? key.slice("workspace:".length) : null,
    })),
    skipDuplicates: true,
  });
  const rows = await tx.ledgerAccount.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } });
  return new Map(rows.map((r) => [r.key, r.id]));
}
