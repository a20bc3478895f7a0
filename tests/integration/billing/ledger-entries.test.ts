import { describe, expect, it } from "vitest";
import { PLATFORM_ACCOUNTS, workspaceAccountKey } from "@/lib/billing/accounts";
import { getBalance } from "@/lib/billing/get-balance";
import { placeHold } from "@/lib/billing/holds";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { expectAppError } from "../../helpers/errors";
import { useTestDatabase } from "../../helpers/test-database";
import { account, expectReconciled, key, newWorkspaceId, post, spend, topUp } from "./ledger-helpers";

/**
 * The ledger core on the embedded database: postEntry (idempotency, the three funds modes,
 * balance after), the database's own rules (append-only entries, CHECKs) and the embedded
 * concurrency case. Holds are in ledger-holds.test.ts, audited adjustments and the reconcile
 * proof in ledger-adjust-reconcile.test.ts. The concurrent cases that need real sessions are in
 * ledger-native-postgres.test.ts; the random walk over all of it in ledger-property.test.ts.
 */
useTestDatabase();

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
