import { beforeAll, describe, expect, it } from "vitest";
import { PLATFORM_ACCOUNTS, workspaceAccountKey } from "@/lib/billing/accounts";
import { adjustCredits } from "@/lib/billing/adjust-credits";
import { noteBalanceExhausted } from "@/lib/billing/balance-notices";
import { getBalance } from "@/lib/billing/get-balance";
import { reconcileLedger } from "@/lib/billing/reconcile-ledger";
import { db } from "@/lib/db/client";
import { expectAppError, expectZodError } from "../../helpers/errors";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { mailsTo } from "../../helpers/outbox";
import { useTestDatabase } from "../../helpers/test-database";
import { expectReconciled, newWorkspaceId, spend, topUp } from "./ledger-helpers";

/**
 * Audited credit adjustments (adjustCredits) and the reconcile proof (reconcileLedger) on the
 * embedded database.
 */
useTestDatabase();

const LOW_BALANCE = /balance is below|Guthaben liegt unter/;

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
  // In the single ledger file the postEntry cases ran first and had opened platform:usage,
  // which the tampering case below edits; here one spent cent opens it.
  beforeAll(async () => {
    const ws = newWorkspaceId();
    await topUp(ws, 1);
    await spend(ws, 1);
  });

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
