import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { PLATFORM_ACCOUNTS, workspaceAccountKey } from "@/lib/billing/accounts";
import { postEntry, type TEntryInput } from "@/lib/billing/post-entry";
import { reconcileLedger } from "@/lib/billing/reconcile-ledger";
import { db } from "@/lib/db/client";

/** Shared setup for the ledger-*.test.ts files on the embedded database. */

export const key = (label: string) => `${label}:${randomBytes(6).toString("hex")}`;
/** A customer account without a workspace row (the ledger has no foreign key to workspaces). */
export const newWorkspaceId = () => `ws_${randomBytes(8).toString("hex")}`;

const QUEUE = { maxWait: 60_000, timeout: 60_000 };

/**
 * One entry in its own transaction. The long maxWait lets 200 racers queue for the pool's
 * connections instead of failing with Prisma's "Unable to start a transaction" after the
 * default 2 s on a loaded machine: these tests are about the ledger, not pool starvation.
 */
export function post(input: Partial<TEntryInput> & Pick<TEntryInput, "debit" | "credit" | "amountCents">) {
  return db().$transaction((tx) => postEntry(tx, { idempotencyKey: key("entry"), kind: "adjustment", description: "test", ...input }), QUEUE);
}

export const topUp = (workspaceId: string, amountCents: number, idempotencyKey = key("top-up")) =>
  post({ idempotencyKey, kind: "top_up", debit: PLATFORM_ACCOUNTS.stripe, credit: workspaceAccountKey(workspaceId), amountCents });

export const spend = (workspaceId: string, amountCents: number, options: Partial<TEntryInput> = {}) =>
  post({ kind: "usage", debit: workspaceAccountKey(workspaceId), credit: PLATFORM_ACCOUNTS.usage, amountCents, funds: "require", ...options });

export async function account(accountKey: string) {
  return db().ledgerAccount.findUniqueOrThrow({ where: { key: accountKey }, select: { debitsCents: true, creditsCents: true, heldCents: true } });
}

export async function expectReconciled() {
  const report = await reconcileLedger();
  expect(report.differences).toEqual([]);
  expect(report.balanced).toBe(true);
  return report;
}
