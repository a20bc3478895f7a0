import { describe, expect, it } from "vitest";
import { workspaceAccountKey } from "@/lib/billing/accounts";
import { getBalance } from "@/lib/billing/get-balance";
import { changePlan, getSubscription, renewSubscription, setAutoRenew } from "@/lib/billing/plans/plans";
import { runBillingSweep } from "@/lib/billing/run-billing-sweep";
import { createBot } from "@/lib/bots/bots";
import { db } from "@/lib/db/client";
import { expectAppError } from "../../helpers/errors";
import { useTestDatabase } from "../../helpers/test-database";
import { balance, DAY, entries, expectLedgerBalanced, funded, mailsWithSubject, periods, plus, subscriptionRow, T0, topUp, workspaceRow } from "./plans-helpers";

/**
 * Auto-renewal and the billing sweep: one notice before each renewal, one renewal (also with
 * two sweeps at once), grace and then Free when the balance stays short, and expired holds
 * released. Every amount is asserted in cents against the ledger.
 */
useTestDatabase({ env: { BILLING_GRACE_DAYS: "7", BILLING_REMINDER_DAYS: "5" } });

describe("auto-renewal", () => {
  it("turns off, and the plan then ends at the period end with an email and no charge", async () => {
    const { owner, ctx } = await funded(10_000);
    await expectAppError(setAutoRenew(ctx, false), "conflict"); // no paid plan yet
    await changePlan(ctx, { plan: "starter", months: 1 }, T0);
    expect(await setAutoRenew(ctx, false)).toEqual({ autoRenew: false });
    const end = new Date("2030-04-01T09:00:00.000Z");
    expect(await getSubscription(ctx, plus(T0, DAY))).toMatchObject({ autoRenew: false, nextCharge: null, endsAt: end });

    await runBillingSweep(plus(end, -2 * DAY));
    expect(await mailsWithSubject(owner.email, /renews/)).toEqual([]);
    expect(await renewSubscription(ctx.workspaceId, plus(end, 60_000))).toBe("expired");
    expect(await workspaceRow(ctx.workspaceId)).toEqual({ plan: "free", extraSeats: 0, brandingAddon: false });
    expect(await subscriptionRow(ctx.workspaceId)).toMatchObject({ status: "canceled" });
    expect(await entries(ctx.workspaceId, "plan")).toHaveLength(1);
    expect(await balance(ctx.workspaceId)).toBe(7_100);
    const [mail, ...more] = await mailsWithSubject(owner.email, /Free plan/);
    expect(more).toEqual([]);
    expect(mail!.text).toContain("was not renewed");
    expect(mail!.text).toContain("nothing was charged");
  });
});

describe("the billing sweep", () => {
  async function starterMonth(balanceCents: number, locale: "de" | "en" = "en") {
    const setup = await funded(balanceCents, "Sweep Shop");
    await db().user.update({ where: { id: setup.owner.id }, data: { locale } });
    await changePlan(setup.ctx, { plan: "starter", months: 1 }, T0);
    return { ...setup, end: new Date("2030-04-01T09:00:00.000Z") };
  }

  it("sends one renewal notice per period, BILLING_REMINDER_DAYS ahead, with amount and balance", async () => {
    const { owner, ctx, end } = await starterMonth(2_900 + 1_000);
    await runBillingSweep(plus(end, -6 * DAY));
    expect(await mailsWithSubject(owner.email, /renews/)).toEqual([]);

    await Promise.all([runBillingSweep(plus(end, -4 * DAY)), runBillingSweep(plus(end, -4 * DAY))]);
    await runBillingSweep(plus(end, -3 * DAY));
    const [mail, ...more] = await mailsWithSubject(owner.email, /renews/);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe("Your Chatwerk plan renews on 1 April 2030");
    expect(mail!.text).toContain("take €29 from your balance");
    expect(mail!.text).toContain("Your balance is €10 right now, which is not enough. Please top up at least €19");
    expect(await subscriptionRow(ctx.workspaceId)).toMatchObject({ remindedForEnd: end });

    // The next period gets its own notice.
    await topUp(ctx.workspaceId, 5_000);
    expect(await renewSubscription(ctx.workspaceId, plus(end, 60_000))).toBe("renewed");
    await runBillingSweep(new Date("2030-04-28T09:00:00.000Z"));
    expect(await mailsWithSubject(owner.email, /renews/)).toHaveLength(2);
  });

  it("writes the notice in German for a German owner", async () => {
    const { owner, end } = await starterMonth(10_000, "de");
    await runBillingSweep(plus(end, -2 * DAY));
    const [mail] = await mailsWithSubject(owner.email, /verlängert/);
    expect(mail!.subject).toBe("Ihr Chatwerk-Plan wird am 1. April 2030 verlängert");
    expect(mail!.text).toMatch(/buchen dafür 29\s€ von Ihrem Guthaben ab/u);
    expect(mail!.text).toMatch(/Ihr Guthaben beträgt derzeit 71\s€ und reicht für die Verlängerung aus/u);
  });

  it("charges a renewal once, even with two sweeps at once or a stale second attempt", async () => {
    const { ctx, end } = await starterMonth(10_000);
    const [first] = await periods(ctx.workspaceId);
    const at = plus(end, 60_000);

    await Promise.all([runBillingSweep(at), runBillingSweep(at)]);
    await runBillingSweep(at);
    const charges = await entries(ctx.workspaceId, "plan");
    expect(charges.map((e) => [e.amountCents, e.idempotencyKey])).toEqual([
      [2_900, `plan-period:${ctx.workspaceId}:${T0.toISOString()}`],
      [2_900, `plan-period:${ctx.workspaceId}:${end.toISOString()}`],
    ]);
    expect(await balance(ctx.workspaceId)).toBe(10_000 - 5_800);
    const [ended, renewed] = await periods(ctx.workspaceId);
    expect(ended).toMatchObject({ id: first!.id, status: "ended" });
    expect(renewed).toMatchObject({ status: "active", startsAt: end, endsAt: new Date("2030-05-01T09:00:00.000Z"), priceCents: 2_900 });
    expect(await subscriptionRow(ctx.workspaceId)).toMatchObject({ status: "active", currentPeriodId: renewed!.id, currentPeriodEnd: renewed!.endsAt });

    // A process that read the old state: the period's ledger key stops the second charge.
    await db().subscription.update({ where: { workspaceId: ctx.workspaceId }, data: { currentPeriodId: first!.id, currentPeriodStart: T0, currentPeriodEnd: end } });
    expect(await renewSubscription(ctx.workspaceId, at)).toBe("renewed");
    expect(await entries(ctx.workspaceId, "plan")).toHaveLength(2);
    expect(await balance(ctx.workspaceId)).toBe(10_000 - 5_800);
    await expectLedgerBalanced();
  });

  it("starts a grace period when the balance is short, emails once, and returns to Free when it ends", async () => {
    const { owner, ctx, end } = await starterMonth(2_900);
    await createBot(ctx, { name: "Bleibt" });
    const at = plus(end, 60_000);

    expect(await renewSubscription(ctx.workspaceId, at)).toBe("grace_started");
    const graceUntil = plus(at, 7 * DAY);
    expect(await subscriptionRow(ctx.workspaceId)).toMatchObject({ status: "grace", graceUntil });
    expect(await workspaceRow(ctx.workspaceId)).toMatchObject({ plan: "starter" });
    expect(await getSubscription(ctx, plus(at, DAY))).toMatchObject({ status: "grace", graceUntil });

    await runBillingSweep(plus(at, DAY));
    await runBillingSweep(plus(at, 3 * DAY));
    const [grace, ...moreGrace] = await mailsWithSubject(owner.email, /could not be renewed/);
    expect(moreGrace).toEqual([]);
    expect(grace!.text).toContain("costs €29, but your balance is only €0");
    expect(await subscriptionRow(ctx.workspaceId)).toMatchObject({ status: "grace" });

    await runBillingSweep(plus(graceUntil, 60_000));
    expect(await workspaceRow(ctx.workspaceId)).toEqual({ plan: "free", extraSeats: 0, brandingAddon: false });
    expect(await subscriptionRow(ctx.workspaceId)).toMatchObject({ status: "canceled", graceUntil: null });
    expect(await entries(ctx.workspaceId, "plan")).toHaveLength(1);
    expect(await db().bot.count({ where: { workspaceId: ctx.workspaceId } })).toBe(1);
    const [downgrade, ...moreDowngrades] = await mailsWithSubject(owner.email, /now on the Free plan/);
    expect(moreDowngrades).toEqual([]);
    expect(downgrade!.text).toContain("before the grace period ended");
    await runBillingSweep(plus(graceUntil, DAY));
    expect(await mailsWithSubject(owner.email, /Free plan/)).toHaveLength(1);
  });

  it("renews during grace after a top-up, for the period that follows the last one", async () => {
    const { ctx, end } = await starterMonth(2_900);
    await runBillingSweep(plus(end, 60_000));
    expect(await subscriptionRow(ctx.workspaceId)).toMatchObject({ status: "grace" });

    await topUp(ctx.workspaceId, 5_000);
    await runBillingSweep(plus(end, 2 * DAY));
    const renewal = (await entries(ctx.workspaceId, "plan")).at(-1)!;
    expect(renewal).toMatchObject({ amountCents: 2_900, idempotencyKey: `plan-period:${ctx.workspaceId}:${end.toISOString()}` });
    expect(await balance(ctx.workspaceId)).toBe(2_100);
    expect(await subscriptionRow(ctx.workspaceId)).toMatchObject({ status: "active", graceUntil: null, currentPeriodStart: end, currentPeriodEnd: new Date("2030-05-01T09:00:00.000Z") });
    expect(await workspaceRow(ctx.workspaceId)).toMatchObject({ plan: "starter" });
  });

  it("releases expired ledger holds", async () => {
    const { ctx } = await funded(1_000);
    const hold = await db().$transaction(async (tx) => {
      const account = await tx.ledgerAccount.findUniqueOrThrow({ where: { key: workspaceAccountKey(ctx.workspaceId) } });
      await tx.ledgerAccount.update({ where: { id: account.id }, data: { heldCents: { increment: 300 } } });
      return tx.ledgerHold.create({ data: { accountId: account.id, workspaceId: ctx.workspaceId, amountCents: 300, reason: "test", expiresAt: T0 } });
    });
    expect((await getBalance(ctx.workspaceId)).availableCents).toBe(700);
    const report = await runBillingSweep(plus(T0, 60_000));
    expect(report.releasedHolds).toBeGreaterThanOrEqual(1);
    expect(await db().ledgerHold.findUnique({ where: { id: hold.id } })).toBeNull();
    expect((await getBalance(ctx.workspaceId)).availableCents).toBe(1_000);
  });
});
