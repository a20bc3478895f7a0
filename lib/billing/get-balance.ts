import { db } from "../db/client";
import type { TransactionClient } from "../db/transaction";
import { customerBalance, workspaceAccountKey } from "./accounts";

export type TBalance = {
  /** Credits minus debits, in cents (negative only after a refund or dispute of spent credit). */
  balanceCents: number;
  /** Reserved for answers in flight. */
  heldCents: number;
  /** What new charges may use. */
  availableCents: number;
  currency: "EUR";
};

export async function getBalance(workspaceId: string, tx: TransactionClient = db()): Promise<TBalance> {
  const account = await tx.ledgerAccount.findUnique({
    where: { key: workspaceAccountKey(workspaceId) },
    select: { debitsCents: true, creditsCents: true, heldCents: true },
  });
  if (!account) return { balanceCents: 0, heldCents: 0, availableCents: 0, currency: "EUR" };
  const { balance, available } = customerBalance({ credits: account.creditsCents, debits: account.debitsCents, held: account.heldCents });
  return { balanceCents: Number(balance), heldCents: Number(account.heldCents), availableCents: Math.max(0, Number(available)), currency: "EUR" };
}
