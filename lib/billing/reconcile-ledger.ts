import { db } from "../db/client";

export type TLedgerDifference = {
  account: string;
  field: "debits" | "credits" | "held";
  cachedCents: string;
  fromEntriesCents: string;
};

export type TReconcileReport = {
  accounts: number;
  entries: number;
  /** Sum of credits and of debits over all accounts: equal when every transfer balances. */
  totalCreditsCents: string;
  totalDebitsCents: string;
  balanced: boolean;
  differences: TLedgerDifference[];
};

/**
 * Proves the cached sums: every account's debits, credits and holds recomputed from the
 * entries and open holds, and the account set as a whole balancing to zero. Read-only, one
 * consistent snapshot (REPEATABLE READ), safe while the server runs.
 */
export async function reconcileLedger(): Promise<TReconcileReport> {
  return db().$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ key: string; debits_cents: bigint; credits_cents: bigint; held_cents: bigint; debits: bigint; credits: bigint; held: bigint }[]>`
        SELECT a.key, a.debits_cents, a.credits_cents, a.held_cents,
          COALESCE((SELECT SUM(amount_cents) FROM ledger_entries e WHERE e.debit_account_id = a.id), 0)::bigint AS debits,
          COALESCE((SELECT SUM(amount_cents) FROM ledger_entries e WHERE e.credit_account_id = a.id), 0)::bigint AS credits,
          COALESCE((SELECT SUM(amount_cents) FROM ledger_holds h WHERE h.account_id = a.id), 0)::bigint AS held
        FROM ledger_accounts a ORDER BY a.key`;
      const counted = await tx.$queryRaw<{ count: bigint }[]>`SELECT COUNT(*)::bigint AS count FROM ledger_entries`;
      const differences: TLedgerDifference[] = [];
      let totalCredits = 0n;
      let totalDebits = 0n;
      for (const r of rows) {
        totalCredits += r.credits_cents;
        totalDebits += r.debits_cents;
        const pairs = [
          ["debits", r.debits_cents, r.debits],
          ["credits", r.credits_cents, r.credits],
          ["held", r.held_cents, r.held],
        ] as const;
        for (const [field, cached, actual] of pairs) {
          if (cached !== actual) differences.push({ account: r.key, field, cachedCents: String(cached), fromEntriesCents: String(actual) });
        }
      }
      return {
        accounts: rows.length,
        entries: Number(counted[0]?.count ?? 0n),
        totalCreditsCents: String(totalCredits),
        totalDebitsCents: String(totalDebits),
        balanced: totalCredits === totalDebits,
        differences,
      };
    },
    { isolationLevel: "RepeatableRead" },
  );
}
