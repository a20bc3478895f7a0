import { describe, expect, it } from "vitest";
import { getBalance } from "@/lib/billing/get-balance";
import { HOLD_TTL_MS, placeHold, releaseExpiredHolds, releaseHold } from "@/lib/billing/holds";
import { db } from "@/lib/db/client";
import { expectAppError } from "../../helpers/errors";
import { useTestDatabase } from "../../helpers/test-database";
import { expectReconciled, key, newWorkspaceId, spend, topUp } from "./ledger-helpers";

/**
 * Ledger holds on the embedded database: reserving the available balance, releasing,
 * settling through releaseHoldId, and the sweep of expired holds.
 */
useTestDatabase();

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
