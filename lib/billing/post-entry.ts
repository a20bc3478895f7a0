import { Prisma } from "../db/client";
import type { TransactionClient } from "../db/transaction";
import { AppError, isAppError } from "../errors/app-error";
import { customerBalance, ensureAccounts, forgetAccountIds, isWorkspaceAccountKey, workspaceIdOfKey } from "./accounts";

export type TEntryKind =
  | "top_up"
  | "refund"
  | "dispute"
  | "dispute_reinstated"
  | "usage"
  | "plan"
  | "plan_credit"
  | "addon"
  | "adjustment";

export type TEntryInput = {
  /** Unique forever: a Stripe event or object id, a usage record id, a plan period id… */
  idempotencyKey: string;
  kind: TEntryKind;
  /** Account keys (lib/billing/accounts.ts). */
  debit: string;
  credit: string;
  amountCents: number;
  description: string;
  reference?: Record<string, unknown>;
  actorId?: string | null;
  /**
   * What the debited customer's available balance (balance minus holds) must cover:
   * "require" refuses with insufficient_funds, "cap" posts only what is available,
   * "none" may overdraw (refunds and disputes take back money already spent).
   */
  funds?: "none" | "require" | "cap";
  /** A hold on the debited account, released in the same transaction (counts as available). */
  releaseHoldId?: string;
};

export type TPostedEntry = {
  created: boolean;
  entryId: string | null;
  amountCents: number;
  /** The workspace balance after the entry (null for platform-only transfers). */
  balanceAfterCents: number | null;
};

type TLockedAccount = { id: string; key: string; debits_cents: bigint; credits_cents: bigint; held_cents: bigint };

/**
 * Writes one double-entry transfer inside the caller's transaction, at most once per
 * idempotency key. Both accounts are locked in id order (no deadlocks between transfers
 * sharing a platform account), then the key is looked up: under READ COMMITTED the lookup
 * runs after the lock, so a concurrent transfer with the same key is seen once it commits.
 * The cached sums change in the same transaction as the entry.
 */
export async function postEntry(tx: TransactionClient, input: TEntryInput): Promise<TPostedEntry> {
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0 || input.amountCents > 2_147_483_647) {
    throw new AppError("validation_failed", "Amount must be a positive whole number of cents");
  }
  if (input.debit === input.credit) throw new AppError("validation_failed", "A transfer needs two different accounts");
  const { debit, credit } = await lockAccounts(tx, input.debit, input.credit);
  const debitId = debit.id;
  const creditId = credit.id;

  let held = debit.held_cents;
  if (input.releaseHoldId) held -= BigInt(await releaseHoldLocked(tx, input.releaseHoldId, debitId));

  const existing = await tx.ledgerEntry.findUnique({
    where: { idempotencyKey: input.idempotencyKey },
    select: { id: true, amountCents: true, balanceAfterCents: true },
  });
  if (existing) {
    return { created: false, entryId: existing.id, amountCents: existing.amountCents, balanceAfterCents: toNumber(existing.balanceAfterCents) };
  }

  const before = customerBalance({ credits: debit.credits_cents, debits: debit.debits_cents, held });
  const amount = fundedAmount(input, before.available);
  if (amount === 0) return { created: false, entryId: null, amountCents: 0, balanceAfterCents: Number(before.balance) };

  await tx.$executeRaw`
    UPDATE ledger_accounts SET
      debits_cents = debits_cents + CASE WHEN id = ${debitId} THEN ${amount}::bigint ELSE 0 END,
      credits_cents = credits_cents + CASE WHEN id = ${creditId} THEN ${amount}::bigint ELSE 0 END,
      updated_at = now()
    WHERE id IN (${debitId}, ${creditId})`;

  const customer = isWorkspaceAccountKey(input.debit) ? debit : isWorkspaceAccountKey(input.credit) ? credit : null;
  const balanceAfter =
    customer === null
      ? null
      : customerBalance({ credits: customer.credits_cents, debits: customer.debits_cents, held: 0n }).balance + (customer === credit ? BigInt(amount) : -BigInt(amount));
  const entry = await tx.ledgerEntry.create({
    data: {
      idempotencyKey: input.idempotencyKey,
      workspaceId: customer ? workspaceIdOfKey(customer.key) : null,
      kind: input.kind,
      debitAccountId: debitId,
      creditAccountId: creditId,
      amountCents: amount,
      balanceAfterCents: balanceAfter,
      description: input.description,
      reference: (input.reference ?? {}) as Prisma.InputJsonValue,
      actorId: input.actorId ?? null,
    },
    select: { id: true },
  });
  return { created: true, entryId: entry.id, amountCents: amount, balanceAfterCents: toNumber(balanceAfter) };
}

/**
 * What may be posted from a debited account with `available` cents (balance minus holds),
 * by the input's funds mode: all of it ("none"), all or insufficient_funds ("require"), or
 * as much as is there, possibly 0 ("cap").
 */
function fundedAmount(input: Pick<TEntryInput, "amountCents" | "funds">, available: bigint): number {
  const funds = input.funds ?? "none";
  if (funds === "none" || available >= BigInt(input.amountCents)) return input.amountCents;
  if (funds === "require") {
    throw new AppError("insufficient_funds", "The balance is too low for this.", { details: { availableCents: Number(available < 0n ? 0n : available), requiredCents: input.amountCents } });
  }
  return available > 0n ? Number(available) : 0;
}

/**
 * Runs `charge` (postEntry with funds "require" inside it); a refusal for lack of funds comes
 * back with `message`, which names what could not be paid, and the details the caller adds.
 */
export async function withFundsMessage<T>(charge: () => Promise<T>, message: string, details?: (refused: AppError) => Record<string, unknown>): Promise<T> {
  try {
    return await charge();
  } catch (error) {
    if (isAppError(error) && error.code === "insufficient_funds") {
      throw new AppError("insufficient_funds", message, { details: details ? details(error) : error.details });
    }
    throw error;
  }
}

/** Both accounts, created if needed, locked in id order. */
async function lockAccounts(tx: TransactionClient, debitKey: string, creditKey: string): Promise<{ debit: TLockedAccount; credit: TLockedAccount }> {
  for (let attempt = 0; ; attempt++) {
    const ids = await ensureAccounts(tx, [debitKey, creditKey]);
    const locked = await tx.$queryRaw<TLockedAccount[]>`
      SELECT id, key, debits_cents, credits_cents, held_cents FROM ledger_accounts
      WHERE id IN (${ids.get(debitKey)!}, ${ids.get(creditKey)!}) ORDER BY id FOR UPDATE`;
    const debit = locked.find((a) => a.key === debitKey);
    const credit = locked.find((a) => a.key === creditKey);
    if (debit && credit) return { debit, credit };
    if (attempt > 0) throw new Error(`Ledger accounts missing: ${debitKey}, ${creditKey}`);
    forgetAccountIds([debitKey, creditKey]);
  }
}

/** Deletes a hold on an already locked account and lowers its held sum; 0 when already gone. */
export async function releaseHoldLocked(tx: TransactionClient, holdId: string, accountId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ amount_cents: number }[]>`
    DELETE FROM ledger_holds WHERE id = ${holdId} AND account_id = ${accountId} RETURNING amount_cents`;
  const amount = rows[0]?.amount_cents ?? 0;
  if (amount > 0) await tx.$executeRaw`UPDATE ledger_accounts SET held_cents = held_cents - ${amount}, updated_at = now() WHERE id = ${accountId}`;
  return amount;
}

function toNumber(value: bigint | null): number | null {
  return value === null ? null : Number(value);
}
