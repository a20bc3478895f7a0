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

/**
 * A customer account's balance (credit-normal: credits − debits) and what new charges may use
 * (the balance minus the holds of answers in flight). placeHold checks the same in SQL.
 */
export function customerBalance(account: { credits: bigint; debits: bigint; held: bigint }): { balance: bigint; available: bigint } {
  const balance = account.credits - account.debits;
  return { balance, available: balance - account.held };
}

export function workspaceAccountKey(workspaceId: string): string {
  return `workspace:${workspaceId}`;
}

export function isWorkspaceAccountKey(key: string): boolean {
  return key.startsWith("workspace:");
}

/** The workspace a customer account key names (null for a platform account). */
export function workspaceIdOfKey(key: string): string | null {
  return isWorkspaceAccountKey(key) ? key.slice("workspace:".length) : null;
}

/**
 * Account ids never change and accounts are never deleted, so ids are kept once known, but
 * only ids of committed rows. An id this transaction has just inserted names a row no other
 * session can see yet: a transfer taking it from the cache would lock its other account, find
 * this one missing and then wait on the inserting transaction while holding that lock, which
 * deadlocks when the inserter next waits for the same account (found by
 * tests/integration/billing/ledger-native-postgres.test.ts under load). lockAccounts still
 * asks again when a cached id names no row.
 */
const knownIds = new Map<string, string>();

export function forgetAccountIds(keys: string[]): void {
  for (const key of keys) knownIds.delete(key);
}

/**
 * The account ids for the given keys, creating missing accounts (safe under concurrency).
 * Inserted in key order: two transactions creating the same two new accounts in opposite
 * orders (A→B and B→A) would otherwise each wait on the other's uncommitted row (a deadlock,
 * tests/integration/billing/ledger-native-postgres.test.ts).
 */
export async function ensureAccounts(tx: TransactionClient, keys: string[]): Promise<Map<string, string>> {
  const missing = [...new Set(keys)].filter((key) => !knownIds.has(key)).sort();
  if (missing.length) {
    const created = await tx.ledgerAccount.createManyAndReturn({
      data: missing.map((key) => ({
        key,
        kind: isWorkspaceAccountKey(key) ? "customer" : key.slice("platform:".length),
        workspaceId: workspaceIdOfKey(key),
      })),
      skipDuplicates: true,
      select: { id: true, key: true },
    });
    const own = new Map(created.map((r) => [r.key, r.id]));
    const others = missing.filter((key) => !own.has(key));
    // Rows this INSERT skipped were committed by others (ON CONFLICT waited for them).
    if (others.length) {
      const rows = await tx.ledgerAccount.findMany({ where: { key: { in: others } }, select: { id: true, key: true } });
      for (const r of rows) knownIds.set(r.key, r.id);
    }
    return new Map(keys.map((key) => [key, own.get(key) ?? knownIds.get(key)!]));
  }
  return new Map(keys.map((key) => [key, knownIds.get(key)!]));
}
