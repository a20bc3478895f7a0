import { db } from "../db/client";
import type { TransactionClient } from "../db/transaction";
import { log } from "../log/logger";
import { ensureAccounts, workspaceAccountKey } from "./accounts";
import { releaseHoldLocked } from "./post-entry";

/**
 * Holds reserve the worst-case cost of a model call before it starts, so answers running at
 * the same time can never spend more than the balance (ARCHITECTURE 12, "Money"). The hold
 * is released when the answer settles (postEntry releaseHoldId) or, after a crash, by
 * releaseExpiredHolds.
 */
export const HOLD_TTL_MS = 10 * 60_000;

/** Reserves `amountCents` of the available balance; null when the balance cannot cover it. */
export async function placeHold(workspaceId: string, input: { amountCents: number; reason: string; ttlMs?: number }): Promise<string | null> {
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) throw new RangeError("A hold needs a positive whole number of cents");
  const key = workspaceAccountKey(workspaceId);
  return db().$transaction(async (tx) => {
    await ensureAccounts(tx, [key]);
    // One statement: the row lock it takes makes the check and the increment atomic.
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE ledger_accounts SET held_cents = held_cents + ${input.amountCents}, updated_at = now()
      WHERE key = ${key} AND credits_cents - debits_cents - held_cents >= ${input.amountCents}
      RETURNING id`;
    const accountId = rows[0]?.id;
    if (!accountId) return null;
    const hold = await tx.ledgerHold.create({
      data: { accountId, workspaceId, amountCents: input.amountCents, reason: input.reason, expiresAt: new Date(Date.now() + (input.ttlMs ?? HOLD_TTL_MS)) },
      select: { id: true },
    });
    return hold.id;
  });
}

/** Gives a hold back without charging anything (the call failed or cost nothing). */
export async function releaseHold(holdId: string): Promise<void> {
  await db().$transaction((tx) => releaseHoldInTx(tx, holdId));
}

/** releaseHold inside the caller's transaction. */
export async function releaseHoldInTx(tx: TransactionClient, holdId: string): Promise<void> {
  const hold = await tx.ledgerHold.findUnique({ where: { id: holdId }, select: { accountId: true } });
  if (!hold) return;
  await tx.$queryRaw`SELECT id FROM ledger_accounts WHERE id = ${hold.accountId} FOR UPDATE`;
  await releaseHoldLocked(tx, holdId, hold.accountId);
}

/** Releases holds whose answer never settled (a crash or restart mid-answer). */
export async function releaseExpiredHolds(now = new Date()): Promise<number> {
  const expired = await db().ledgerHold.findMany({ where: { expiresAt: { lt: now } }, select: { id: true }, take: 500 });
  for (const hold of expired) await releaseHold(hold.id);
  if (expired.length) log.info("Released expired ledger holds", { count: expired.length });
  return expired.length;
}
