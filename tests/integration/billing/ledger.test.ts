import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PLATFORM_ACCOUNTS, workspaceAccountKey } from "@/lib/billing/accounts";
import { adjustCredits } from "@/lib/billing/adjust-credits";
import { noteBalanceExhausted } from "@/lib/billing/balance-notices";
import { getBalance } from "@/lib/billing/get-balance";
import { HOLD_TTL_MS, placeHold, releaseExpiredHolds, releaseHold } from "@/lib/billing/holds";
import { postEntry, type TEntryInput } from "@/lib/billing/post-entry";
import { reconcileLedger } from "@/lib/billing/reconcile-ledger";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { expectAppError, expectZodError } from "../../helpers/errors";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { mailsTo } from "../../helpers/outbox";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * The ledger core on the embedded database: postEntry (idempotency, the three funds modes,
 * balance after), the database's own rules (append-only entries, CHECKs), holds, audited
 * adjustments and the reconcile proof. The concurrent cases that need real sessions are in
 * ledger-native-postgres.test.ts; the random walk over all of it in ledger-property.test.ts.
 */
useTestDatabase();

const LOW_BALANCE = /balance is below|Guthaben liegt unter/;

const key = (label: string) => `${label}:${randomBytes(6).toString("hex")}`;
/** A customer account without a workspace row (the ledger has no foreign key to workspaces). */
const newWorkspaceId = () => `ws_${randomBytes(8).toString("hex")}`;

const QUEUE = { maxWait: 60_000, timeout: 60_000 };

/**
 * One entry in its own transaction. The long maxWait lets 200 racers queue for the pool's
 * connections instead of failing with Prisma's "Unable to start a transaction" after the
 * default 2 s on a loaded machine: these tests are about the ledger, not pool starvation.
 */
function post(input: Partial<TEntryInput> & Pick<TEntryInput, "debit" | "credit" | "amountCents">) {
  return db().$transaction((tx) => postEntry(tx, { idempotencyKey: key("entry"), kind: "adjustment", description: "test", ...input }), QUEUE);
}

const topUp = (workspaceId: string, amountCents: number, idempotencyKey = key("top-up")) =>
  post({ idempotencyKey, kind: "top_up", debit: PLATFORM_ACCOUNTS.stripe, credit: workspaceAccountKey(workspaceId), amountCents });

const spend = (workspaceId: string, amountCents: number, options: Partial<TEntryInput> = {}) =>
  post({ kind: "usage", debit: workspaceAccountKey(workspaceId), credit: PLATFORM_ACCOUNTS.usage, amountCents, funds: "require", ...options });

async function account(accountKey: string) {
  return db().ledgerAccount.findUniqueOrThrow({ where: { key: accountKey }, select: { debitsCents: true, creditsCents: true, heldCents: true } });
}

async function expectReconciled() {
  const report = await reconcileLedger();
  expect(report.differences).toEqual([]);
  expect(report.balanced).toBe(true);
  return report;
}

describe("postEntry", () => {
  it("moves the cached sums of both accounts and reports the workspace balance after each entry", async () => {
    const ws = newWorkspaceId();
    const stripeBefore = await account(PLATFORM_ACCOUNTS.stripe).catch(() => ({ debitsCents: 0n, creditsCents: 0n, heldCents: 0n }));
    const credited = await topUp(ws, 1_000);
    expect(credited).toMatchObject({ created: true, amountCents: 1_000, balanceAfterCents: 1_000 });
    const debited = await spend(ws, 300);
    expect(debited).toMatchObject({ created: true, amountCents: 300, balanceAfterCents: 700 });

    expect(await account(workspaceAccountKey(ws))).toEqual({ debitsCents: 300n, creditsCents: 1_000n, heldCents: 0n });
    expect((await account(PLATFORM_ACCOUNTS.stripe)).debitsCents).toBe(stripeBefore.debitsCents + 1_000n);
    expect(await getBalance(ws)).toEqual({ balanceCents: 700, heldCents: 0, availableCents: 700, currency: "EUR" });

    const entries = await db().ledgerEntry.findMany({ where: { workspaceId: ws }, orderBy: { balanceAfterCents: "desc" } });
    expect(entries.map((e) => [e.kind, e.amountCents, e.balanceAfterCents])).toEqual([
      ["top_up", 1_000, 1_000n],
      ["usage", 300, 700n],
    ]);
  });

  it("a platform-only transfer has no workspace and no balance after", async () => {
    const posted = await post({ debit: PLATFORM_ACCOUNTS.usage, credit: PLATFORM_ACCOUNTS.adjustments, amountCents: 5 });
    expect(posted).toMatchObject({ created: true, balanceAfterCents: null });
    expect(await db().ledgerEntry.findUniqueOrThrow({ where: { id: posted.entryId! } })).toMatchObject({ workspaceId: null, balanceAfterCents: null });
  });

  it("the same idempotency key twice writes one entry and leaves the cached sums unchanged", async () => {
    const ws = newWorkspaceId();
    const k = key("evt");
    const first = await topUp(ws, 500, k);
    const sumsAfterFirst = await account(workspaceAccountKey(ws));
    const stripeAfterFirst = await account(PLATFORM_ACCOUNTS.stripe);

    // A redelivery, even one carrying a different amount, answers with the original entry.
    const again = await topUp(ws, 900, k);
    expect(again).toEqual({ created: false, entryId: first.entryId, amountCents: 500, balanceAfterCents: 500 });
    expect(await db().ledgerEntry.count({ where: { idempotencyKey: k } })).toBe(1);
    expect(await account(workspaceAccountKey(ws))).toEqual(sumsAfterFirst);
    expect(await account(PLATFORM_ACCOUNTS.stripe)).toEqual(stripeAfterFirst);

    // A replay after later entries still reports the balance right after the original.
    const usageKey = key("usage");
    await spend(ws, 100, { idempotencyKey: usageKey });
    await topUp(ws, 50);
    expect(await spend(ws, 100, { idempotencyKey: usageKey })).toMatchObject({ created: false, amountCents: 100, balanceAfterCents: 400 });
    expect(await getBalance(ws)).toMatchObject({ balanceCents: 450 });
    await expectReconciled();
  });

  it('funds "require" refuses a debit the available balance cannot cover and writes nothing', async () => {
    const ws = newWorkspaceId();
    await topUp(ws, 100);
    const refusedKey = key("usage");
    const error = await expectAppError(spend(ws, 101, { idempotencyKey: refusedKey }), "insufficient_funds");
    expect(error.details).toEqual({ availableCents: 100, requiredCents: 101 });
    expect(await db().ledgerEntry.count({ where: { idempotencyKey: refusedKey } })).toBe(0);
    expect(await account(workspaceAccountKey(ws))).toEqual({ debitsCents: 0n, creditsCents: 100n, heldCents: 0n });

    expect(await spend(ws, 100)).toMatchObject({ created: true, balanceAfterCents: 0 });
    await expectAppError(spend(ws, 1), "insufficient_funds");
  });

  it('funds "require" and "cap" count open holds as spent', async () => {
    const ws = newWorkspaceId();
    await topUp(ws, 100);
    expect(await placeHold(ws, { amountCents: 60, reason: "answer" })).toEqual(expect.any(String));
    const error = await expectAppError(spend(ws, 41), "insufficient_funds");
    expect(error.details).toEqual({ availableCents: 40, requiredCents: 41 });
    expect(await spend(ws, 70, { funds: "cap" })).toMatchObject({ created: true, amountCents: 40, balanceAfterCents: 60 });
    expect(await getBalance(ws)).toEqual({ balanceCents: 60, heldCents: 60, availableCents: 0, currency: "EUR" });
  });

  it('funds "cap" posts only what is available, and nothing once nothing is', async () => {
    const ws = newWorkspaceId();
    await topUp(ws, 100);
    expect(await spend(ws, 250, { funds: "cap" })).toMatchObject({ created: true, amountCents: 100, balanceAfterCents: 0 });
    const emptyKey = key("usage");
    expect(await spend(ws, 30, { funds: "cap", idempotencyKey: emptyKey })).toEqual({ created: false, entryId: null, amountCents: 0, balanceAfterCents: 0 });
    expect(await db().ledgerEntry.count({ where: { idempotencyKey: emptyKey } })).toBe(0);
    expect(await spend(ws, 30, { funds: "cap" }).then(() => account(workspaceAccountKey(ws)))).toEqual({ debitsCents: 100n, creditsCents: 100n, heldCents: 0n });
  });

  it('funds "none" (refunds, disputes) may overdraw; the available balance then reads 0', async () => {
    const ws = newWorkspaceId();
    await topUp(ws, 100);
    const refund = await post({ kind: "refund", debit: workspaceAccountKey(ws), credit: PLATFORM_ACCOUNTS.stripe, amountCents: 300 });
    expect(refund).toMatchObject({ created: true, amountCents: 300, balanceAfterCents: -200 });
    expect(await getBalance(ws)).toEqual({ balanceCents: -200, heldCents: 0, availableCents: 0, currency: "EUR" });
    await expectAppError(spend(ws, 1), "insufficient_funds");
    expect(await spend(ws, 1, { funds: "cap" })).toMatchObject({ created: false, amountCents: 0, balanceAfterCents: -200 });
    expect(await placeHold(ws, { amountCents: 1, reason: "answer" })).toBeNull();
    expect(await topUp(ws, 250)).toMatchObject({ balanceAfterCents: 50 });
  });

  it("refuses amounts that are not positive whole cents and transfers to the same account", async () => {
    const ws = workspaceAccountKey(newWorkspaceId());
    for (const amountCents of [0, -5, 1.5, Number.NaN, 2_147_483_648]) {
      await expectAppError(post({ debit: PLATFORM_ACCOUNTS.stripe, credit: ws, amountCents }), "validation_failed");
    }
    await expectAppError(post({ debit: ws, credit: ws, amountCents: 1 }), "validation_failed");
    expect(await post({ debit: PLATFORM_ACCOUNTS.stripe, credit: ws, amountCents: 2_147_483_647 })).toMatchObject({ created: true });
  });
});

describe("the database's own ledger rules", () => {
  async function someEntry() {
    const ws = newWorkspaceId();
    const posted = await topUp(ws, 123);
    return db().ledgerEntry.findUniqueOrThrow({ where: { id: posted.entryId! } });
  }

  it("ledger_entries refuses UPDATE, DELETE and TRUNCATE, whatever code runs them", async () => {
    const entry = await someEntry();
    await expect(db().$executeRaw`UPDATE ledger_entries SET amount_cents = 1 WHERE id = ${entry.id}`).rejects.toThrow(/append-only \(UPDATE refused\)/);
    await expect(db().ledgerEntry.update({ where: { id: entry.id }, data: { description: "edited" } })).rejects.toThrow(/append-only/);
    await expect(db().$executeRaw`DELETE FROM ledger_entries WHERE id = ${entry.id}`).rejects.toThrow(/append-only \(DELETE refused\)/);
    await expect(db().ledgerEntry.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe("TRUNCATE ledger_entries")).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
    expect(await db().ledgerEntry.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
  });

  it("broken twin: without the trigger the same UPDATE goes through (rolled back)", async () => {
    const entry = await someEntry();
    const rollback = new Error("rollback");
    const updated = await db()
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe("DROP TRIGGER ledger_entries_append_only ON ledger_entries");
        const count = await tx.$executeRaw`UPDATE ledger_entries SET amount_cents = 1 WHERE id = ${entry.id}`;
        expect(count).toBe(1);
        throw rollback;
      })
      .catch((e: unknown) => e);
    expect(updated).toBe(rollback);
    await expect(db().$executeRaw`UPDATE ledger_entries SET amount_cents = 1 WHERE id = ${entry.id}`).rejects.toThrow(/append-only/);
  });

  it("CHECKs refuse non-positive entries and holds, entries between one account, and negative held sums", async () => {
    const entry = await someEntry();
    const insert = (amount: number, debit: string, credit: string) =>
      db().$executeRaw`INSERT INTO ledger_entries (id, idempotency_key, kind, debit_account_id, credit_account_id, amount_cents, description)
        VALUES (${key("id")}, ${key("k")}, 'adjustment', ${debit}, ${credit}, ${amount}, 'raw')`;
    await expect(insert(0, entry.debitAccountId, entry.creditAccountId)).rejects.toThrow(/ledger_entries_amount_positive/);
    await expect(insert(5, entry.creditAccountId, entry.creditAccountId)).rejects.toThrow(/ledger_entries_two_accounts/);
    await expect(
      db().$executeRaw`INSERT INTO ledger_holds (id, account_id, workspace_id, amount_cents, reason, expires_at) VALUES (${key("h")}, ${entry.creditAccountId}, 'x', 0, 'raw', now())`,
    ).rejects.toThrow(/ledger_holds_amount_positive/);
    await expect(db().$executeRaw`UPDATE ledger_accounts SET held_cents = -1 WHERE id = ${entry.creditAccountId}`).rejects.toThrow(/ledger_accounts_held_not_negative/);
  });
});

describe("holds", () => {
  it("reserve the available balance until it is exhausted", async () => {
    const ws = newWorkspaceId();
    expect(await placeHold(ws, { amountCents: 1, reason: "answer" })).toBeNull();
    await topUp(ws, 100);
    const holds = [];
    for (let i = 0; i < 3; i++) holds.push(await placeHold(ws, { amountCents: 30, reason: "answer" }));
    expect(holds.every((id) => typeof id === "string")).toBe(true);
    expect(await placeHold(ws, { amountCents: 11, reason: "answer" })).toBeNull();
    expect(await placeHold(ws, { amountCents: 10, reason: "answer" })).toEqual(expect.any(String));
    expect(await placeHold(ws, { amountCents: 1, reason: "answer" })).toBeNull();
    expect(await getBalance(ws)).toEqual({ balanceCents: 100, heldCents: 100, availableCents: 0, currency: "EUR" });
    expect(await db().ledgerHold.count({ where: { workspaceId: ws } })).toBe(4);
    await expect(placeHold(ws, { amountCents: 0, reason: "answer" })).rejects.toThrow(RangeError);
    await expectReconciled();
  });

  it("releaseHold gives the reservation back without charging; a second release changes nothing", async () => {
    const ws = newWorkspaceId();
    await topUp(ws, 100);
    const holdId = (await placeHold(ws, { amountCents: 70, reason: "answer" }))!;
    await releaseHold(holdId);
    expect(await getBalance(ws)).toEqual({ balanceCents: 100, heldCents: 0, availableCents: 100, currency: "EUR" });
    await releaseHold(holdId);
    await releaseHold("no-such-hold");
    expect(await getBalance(ws)).toMatchObject({ heldCents: 0, availableCents: 100 });
    expect(await db().ledgerEntry.count({ where: { workspaceId: ws } })).toBe(1);
  });

  it("settle through releaseHoldId: the hold counts as available and is gone with the charge", async () => {
    const ws = newWorkspaceId();
    await topUp(ws, 100);
    const holdId = (await placeHold(ws, { amountCents: 80, reason: "answer" }))!;
    // Twin: the same charge without releasing the hold has only 20 cents to draw on.
    await expectAppError(spend(ws, 50), "insufficient_funds");
    const settleKey = key("usage");
    const settled = await spend(ws, 50, { releaseHoldId: holdId, idempotencyKey: settleKey });
    expect(settled).toMatchObject({ created: true, amountCents: 50, balanceAfterCents: 50 });
    expect(await getBalance(ws)).toEqual({ balanceCents: 50, heldCents: 0, availableCents: 50, currency: "EUR" });
    expect(await db().ledgerHold.count({ where: { id: holdId } })).toBe(0);

    // A retried settlement neither charges again nor touches other holds.
    const other = (await placeHold(ws, { amountCents: 10, reason: "answer" }))!;
    expect(await spend(ws, 50, { releaseHoldId: holdId, idempotencyKey: settleKey })).toMatchObject({ created: false, entryId: settled.entryId });
    expect(await getBalance(ws)).toEqual({ balanceCents: 50, heldCents: 10, availableCents: 40, currency: "EUR" });
    await releaseHold(other);
    await expectReconciled();
  });

  it("a refused settlement keeps its hold (the transaction rolls back); a capped one releases it", async () => {
    const ws = newWorkspaceId();
    await topUp(ws, 100);
    const holdId = (await placeHold(ws, { amountCents: 40, reason: "answer" }))!;
    await expectAppError(spend(ws, 101, { releaseHoldId: holdId }), "insufficient_funds");
    expect(await getBalance(ws)).toMatchObject({ heldCents: 40 });
    expect(await spend(ws, 101, { releaseHoldId: holdId, funds: "cap" })).toMatchObject({ created: true, amountCents: 100, balanceAfterCents: 0 });
    expect(await getBalance(ws)).toEqual({ balanceCents: 0, heldCents: 0, availableCents: 0, currency: "EUR" });
  });

  it("a hold is released only through its own account", async () => {
    const [a, b] = [newWorkspaceId(), newWorkspaceId()];
    await topUp(a, 100);
    await topUp(b, 100);
    const holdOfA = (await placeHold(a, { amountCents: 60, reason: "answer" }))!;
    await expectAppError(spend(b, 101, { releaseHoldId: holdOfA }), "insufficient_funds");
    expect(await spend(b, 100, { releaseHoldId: holdOfA })).toMatchObject({ created: true });
    expect(await getBalance(a)).toMatchObject({ heldCents: 60, availableCents: 40 });
    await releaseHold(holdOfA);
  });

  it("the sweep releases expired holds only", async () => {
    const ws = newWorkspaceId();
    await topUp(ws, 100);
    const expired = (await placeHold(ws, { amountCents: 30, reason: "crashed answer", ttlMs: -1_000 }))!;
    const live = (await placeHold(ws, { amountCents: 20, reason: "answer in flight" }))!;
    expect(await getBalance(ws)).toMatchObject({ heldCents: 50, availableCents: 50 });

    expect(await releaseExpiredHolds()).toBeGreaterThanOrEqual(1);
    expect(await db().ledgerHold.findMany({ where: { workspaceId: ws }, select: { id: true } })).toEqual([{ id: live }]);
    expect(await getBalance(ws)).toEqual({ balanceCents: 100, heldCents: 20, availableCents: 80, currency: "EUR" });
    expect(await db().ledgerHold.count({ where: { id: expired } })).toBe(0);

    expect(await releaseExpiredHolds(new Date(Date.now() + HOLD_TTL_MS + 60_000))).toBeGreaterThanOrEqual(1);
    expect(await getBalance(ws)).toMatchObject({ heldCents: 0, availableCents: 100 });
    await expectReconciled();
  });
});

describe("adjustCredits", () => {
  async function auditRows(workspaceId: string) {
    return db().auditLog.findMany({ where: { workspaceId, action: "billing.credits_adjusted" }, orderBy: { createdAt: "asc" } });
  }

  it("a positive adjustment credits the workspace from platform:adjustments, audited with actor and reason", async () => {
    const { owner, workspace } = await createOwnerWithWorkspace("Adjust Plus");
    const posted = await adjustCredits({ workspaceId: workspace.id, actorId: owner.id }, { amountCents: 500, reason: "  Goodwill for the outage  " });
    expect(posted).toMatchObject({ created: true, amountCents: 500, balanceAfterCents: 500 });
    const entry = await db().ledgerEntry.findUniqueOrThrow({ where: { id: posted.entryId! } });
    const platform = await db().ledgerAccount.findUniqueOrThrow({ where: { key: PLATFORM_ACCOUNTS.adjustments } });
    expect(entry).toMatchObject({ kind: "adjustment", actorId: owner.id, description: "Goodwill for the outage", debitAccountId: platform.id, workspaceId: workspace.id });
    const audit = await auditRows(workspace.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: owner.id, targetType: "ledger_entry", targetId: entry.id });
    expect(audit[0]!.data).toMatchObject({ amountCents: 500, reason: "Goodwill for the outage" });
  });

  it("a negative adjustment may not take the balance below zero", async () => {
    const { workspace } = await createOwnerWithWorkspace("Adjust Minus");
    const ctx = { workspaceId: workspace.id, actorId: null };
    await adjustCredits(ctx, { amountCents: 500, reason: "Starting credit" });
    const error = await expectAppError(adjustCredits(ctx, { amountCents: -501, reason: "Correction" }), "insufficient_funds");
    expect(error.details).toEqual({ availableCents: 500, requiredCents: 501 });
    expect(await auditRows(workspace.id)).toHaveLength(1);

    const posted = await adjustCredits(ctx, { amountCents: -500, reason: "Correction of a double top-up" });
    expect(posted).toMatchObject({ created: true, amountCents: 500, balanceAfterCents: 0 });
    const audit = await auditRows(workspace.id);
    expect(audit.map((a) => [a.actorId, (a.data as { amountCents: number }).amountCents])).toEqual([
      [null, 500],
      [null, -500],
    ]);
  });

  it("a reason is required, the amount must be non-zero whole cents; refused input writes nothing", async () => {
    const { workspace } = await createOwnerWithWorkspace("Adjust Invalid");
    const ctx = { workspaceId: workspace.id, actorId: null };
    for (const input of [
      { amountCents: 100 },
      { amountCents: 100, reason: "" },
      { amountCents: 100, reason: "    " },
      { amountCents: 100, reason: "ok" },
      { amountCents: 0, reason: "Zero" },
      { amountCents: 1.5, reason: "Fraction" },
      { amountCents: 10_000_001, reason: "Too much" },
    ]) {
      await expectZodError(adjustCredits(ctx, input));
    }
    expect(await db().ledgerEntry.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await auditRows(workspace.id)).toHaveLength(0);
  });

  it("tells the owners what the balance is afterwards: a credit re-arms the exhausted notice, a take-back below a threshold emails once", async () => {
    const { owner, workspace } = await createOwnerWithWorkspace("Adjust Notices");
    const ctx = { workspaceId: workspace.id, actorId: null };
    const profile = () => db().billingProfile.findUniqueOrThrow({ where: { workspaceId: workspace.id } });
    const lowBalanceMails = async () => (await mailsTo(owner.email)).filter((m) => LOW_BALANCE.test(m.subject));

    // An answer could not be paid: the owners were told once, until the next credit.
    await noteBalanceExhausted(workspace.id);
    expect((await profile()).exhaustedNotifiedAt).not.toBeNull();

    await adjustCredits(ctx, { amountCents: 1_000, reason: "Goodwill after the outage" });
    expect((await profile()).exhaustedNotifiedAt).toBeNull();
    expect(await lowBalanceMails()).toHaveLength(0);

    await adjustCredits(ctx, { amountCents: -700, reason: "Correction of a double top-up" });
    await adjustCredits(ctx, { amountCents: -1, reason: "Rounding correction" });
    expect(await lowBalanceMails()).toHaveLength(1);
    expect((await profile()).lowBalanceNotifiedCents).toBe(500);
  });

  it("the same adjustment id twice adjusts and audits once", async () => {
    const { workspace } = await createOwnerWithWorkspace("Adjust Twice");
    const ctx = { workspaceId: workspace.id, actorId: null };
    const first = await adjustCredits(ctx, { amountCents: 250, reason: "Retried command", adjustmentId: "ticket-4711" });
    const second = await adjustCredits(ctx, { amountCents: 250, reason: "Retried command", adjustmentId: "ticket-4711" });
    expect(second).toEqual({ ...first, created: false });
    expect(await getBalance(workspace.id)).toMatchObject({ balanceCents: 250 });
    expect(await auditRows(workspace.id)).toHaveLength(1);
  });
});

describe("reconcileLedger", () => {
  async function tamper(accountKey: string, column: "credits_cents" | "debits_cents" | "held_cents", by: number) {
    await db().$executeRawUnsafe(`UPDATE ledger_accounts SET ${column} = ${column} + $1 WHERE key = $2`, by, accountKey);
  }

  it("is clean after everything above and counts every account and entry", async () => {
    const ws = newWorkspaceId();
    await topUp(ws, 10);
    const report = await expectReconciled();
    expect(report.entries).toBe(await db().ledgerEntry.count());
    expect(report.accounts).toBe(await db().ledgerAccount.count());
    expect(report.totalCreditsCents).toBe(report.totalDebitsCents);
    expect(BigInt(report.totalCreditsCents)).toBeGreaterThan(0n);
  });

  it("reports a tampered cached sum as a difference and the ledger as unbalanced", async () => {
    const ws = newWorkspaceId();
    await topUp(ws, 40);
    const accountKey = workspaceAccountKey(ws);
    await tamper(accountKey, "credits_cents", 7);
    try {
      const report = await reconcileLedger();
      expect(report.differences).toEqual([{ account: accountKey, field: "credits", cachedCents: "47", fromEntriesCents: "40" }]);
      expect(report.balanced).toBe(false);
      expect(BigInt(report.totalCreditsCents) - BigInt(report.totalDebitsCents)).toBe(7n);
    } finally {
      await tamper(accountKey, "credits_cents", -7);
    }
    await expectReconciled();
  });

  it("finds a tampering that still balances, and a wrong held sum", async () => {
    const ws = newWorkspaceId();
    await topUp(ws, 40);
    const accountKey = workspaceAccountKey(ws);
    await tamper(accountKey, "debits_cents", 5);
    await tamper(PLATFORM_ACCOUNTS.usage, "credits_cents", 5);
    await tamper(accountKey, "held_cents", 3);
    try {
      const report = await reconcileLedger();
      expect(report.balanced).toBe(true);
      expect(report.differences).toEqual(
        expect.arrayContaining([
          { account: accountKey, field: "debits", cachedCents: "5", fromEntriesCents: "0" },
          { account: accountKey, field: "held", cachedCents: "3", fromEntriesCents: "0" },
          expect.objectContaining({ account: PLATFORM_ACCOUNTS.usage, field: "credits" }),
        ]),
      );
      expect(report.differences).toHaveLength(3);
    } finally {
      await tamper(accountKey, "debits_cents", -5);
      await tamper(PLATFORM_ACCOUNTS.usage, "credits_cents", -5);
      await tamper(accountKey, "held_cents", -3);
    }
    await expectReconciled();
  });
});

describe("concurrency on the embedded database", () => {
  it("200 concurrent 1-cent debits on a 50-cent balance: exactly 50 succeed, never below zero", async () => {
    const ws = newWorkspaceId();
    await topUp(ws, 50);
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => spend(ws, 1)));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.map((r) => (r.reason instanceof AppError ? r.reason.code : String(r.reason))).filter((c) => c !== "insufficient_funds")).toEqual([]);
    expect(results.length - refused.length).toBe(50);
    expect(await getBalance(ws)).toEqual({ balanceCents: 0, heldCents: 0, availableCents: 0, currency: "EUR" });
    const after = await db().ledgerEntry.findMany({ where: { workspaceId: ws, kind: "usage" }, select: { balanceAfterCents: true } });
    expect(after.map((e) => Number(e.balanceAfterCents)).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await expectReconciled();
  });
});
