import { db } from "../db/client";
import type { TransactionClient } from "../db/transaction";
import { workspaceAccountKey } from "./accounts";

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
  const balance = account ? Number(account.creditsCents - account.debitsCents) : 0;
  const held = account ? Number(account.heldCents) : 0;
  return { balanceCents: balance, heldCents: held, availableCents: Math.max(0, balance - held), currency: "EUR" };
}
