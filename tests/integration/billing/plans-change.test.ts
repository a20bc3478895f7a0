import { describe, expect, it } from "vitest";
import { workspaceAccountKey } from "@/lib/billing/accounts";
import { buyAddon, changePlan, getSubscription, quotePlanChange, renewSubscription, setAutoRenew } from "@/lib/billing/plans/plans";
import { runBillingSweep } from "@/lib/billing/run-billing-sweep";
import { createBot } from "@/lib/bots/bots";
import { db } from "@/lib/db/client";
import { periodEnd } from "@/lib/plans/plans";
import { publicWidgetConfig } from "@/lib/widget/frame-page";
import { inviteMember } from "@/lib/workspaces/invite-member";
import { expectAppError, expectZodError } from "../../helpers/errors";
import { addMember, contextFor, uniqueEmail } from "../../helpers/factories";
import { useTestDatabase } from "../../helpers/test-database";
import { balance, DAY, entries, expectLedgerBalanced, funded, periods, plus, subscriptionRow, T0, workspaceRow } from "./plans-helpers";

/**
 * Plans paid from the prepaid balance: upgrades charge the whole discounted period at once,
 * changes credit the unused part back, downgrades to Free keep bots and members, and add-ons
 * are charged pro rata. Every amount is asserted in cents against the ledger.
 */
useTestDatabase({ env: { BILLING_GRACE_DAYS: "7", BILLING_REMINDER_DAYS: "5" } });

describe("changing the plan", () => {
  it("upgrades from Free by charging the whole discounted period at once and lifts the limits", async () => {
    const { ctx } = await funded(30_000);
    await createBot(ctx, { name: "Bot 1" });
    await expectAppError(createBot(ctx, { name: "Bot 2" }), "conflict"); // Free: 1 bot

    const result = await changePlan(ctx, { plan: "team", months: 3 }, T0);

    expect(result).toMatchObject({ plan: "team", months: 3, chargeCents: 22_515, creditCents: 0, netCents: 22_515, balanceCents: 7_485 });
    expect(await balance(ctx.workspaceId)).toBe(7_485);
    const [charge, ...more] = await entries(ctx.workspaceId, "plan");
    expect(more).toEqual([]);
    expect(charge).toMatchObject({ amountCents: 22_515, idempotencyKey: `plan-period:${ctx.workspaceId}:2030-03-01T09:00:00.000Z`, balanceAfterCents: 7_485n });
    const customer = await db().ledgerAccount.findUniqueOrThrow({ where: { key: workspaceAccountKey(ctx.workspaceId) } });
    const plans = await db().ledgerAccount.findUniqueOrThrow({ where: { key: "platform:plans" } });
    expect(charge!.debitAccountId).toBe(customer.id);
    expect(charge!.creditAccountId).toBe(plans.id);

    const [period] = await periods(ctx.workspaceId);
    expect(period).toMatchObject({ plan: "team", months: 3, status: "active", priceCents: 22_515, startsAt: T0, endsAt: new Date("2030-06-01T09:00:00.000Z") });
    expect(await subscriptionRow(ctx.workspaceId)).toMatchObject({ plan: "team", periodMonths: 3, status: "active", autoRenew: true, currentPeriodId: period!.id, currentPeriodEnd: period!.endsAt });
    expect(await workspaceRow(ctx.workspaceId)).toEqual({ plan: "team", extraSeats: 0, brandingAddon: false });

    for (let i = 2; i <= 5; i++) await createBot(ctx, { name: `Bot ${i}` });
    await expectAppError(createBot(ctx, { name: "Bot 6" }), "conflict"); // Team: 5 bots
    const summary = await getSubscription(ctx, plus(T0, DAY));
    expect(summary).toMatchObject({ plan: "team", status: "active", autoRenew: true, limits: { seats: 5, bots: 5, removeBranding: true } });
    expect(summary.nextCharge).toMatchObject({ at: period!.endsAt, amountCents: 22_515 });
    await expectLedgerBalanced();
  });

  it("refuses an upgrade the balance cannot pay and changes nothing", async () => {
    const { ctx } = await funded(2_000);
    const quote = await quotePlanChange(ctx, { plan: "starter", months: 1 }, T0);
    expect(quote).toMatchObject({ chargeCents: 2_900, enoughBalance: false, shortfallCents: 900, availableCents: 2_000 });

    const error = await expectAppError(changePlan(ctx, { plan: "starter", months: 1 }, T0), "insufficient_funds");
    expect(error.details).toEqual({ availableCents: 2_000, creditCents: 0, chargeCents: 2_900, shortfallCents: 900 });
    expect(await balance(ctx.workspaceId)).toBe(2_000);
    expect(await entries(ctx.workspaceId, "plan")).toEqual([]);
    expect(await periods(ctx.workspaceId)).toEqual([]);
    expect(await subscriptionRow(ctx.workspaceId)).toBeNull();
    expect(await workspaceRow(ctx.workspaceId)).toEqual({ plan: "free", extraSeats: 0, brandingAddon: false });
  });

  it("lets only owners change the plan, and a paid plan needs a valid period", async () => {
    const { workspace, ctx } = await funded(10_000);
    const { user: admin } = await addMember(workspace.id, "admin");
    const adminCtx = await contextFor(admin.id, workspace.slug);
    await expectAppError(changePlan(adminCtx, { plan: "starter", months: 1 }, T0), "forbidden");
    await expectAppError(buyAddon(adminCtx, { extraSeats: 1 }, T0), "forbidden");
    await expectAppError(setAutoRenew(adminCtx, false), "forbidden");
    await expectAppError(changePlan(ctx, { plan: "starter" }, T0), "validation_failed");
    await expectZodError(changePlan(ctx, { plan: "starter", months: 2 }, T0));
    await expectZodError(changePlan(ctx, { plan: "platinum", months: 1 }, T0));
    await expectAppError(changePlan(ctx, { plan: "free" }, T0), "conflict");
    expect(await balance(ctx.workspaceId)).toBe(10_000);
  });

  it("credits the unused part of the current period exactly and charges the new one from now", async () => {
    const { ctx } = await funded(50_000);
    await changePlan(ctx, { plan: "starter", months: 1 }, T0); // 1 Mar – 1 Apr: 31 days
    const [old] = await periods(ctx.workspaceId);
    const now = plus(T0, 10 * DAY);

    const quote = (await getSubscription(ctx, now)).quote("team", 1);
    expect(quote).toMatchObject({ chargeCents: 7_900, creditCents: 1_964, netCents: 5_936, enoughBalance: true }); // 2900 × 21/31 = 1964.5
    const result = await changePlan(ctx, { plan: "team", months: 1 }, now);
    expect(result).toMatchObject({ chargeCents: 7_900, creditCents: 1_964, netCents: 5_936 });

    expect(await balance(ctx.workspaceId)).toBe(50_000 - 2_900 + 1_964 - 7_900);
    const [credit] = await entries(ctx.workspaceId, "plan_credit");
    expect(credit).toMatchObject({ amountCents: 1_964, idempotencyKey: `plan-credit:${old!.id}` });
    const charges = await entries(ctx.workspaceId, "plan");
    expect(charges.map((e) => [e.amountCents, e.idempotencyKey])).toEqual([
      [2_900, `plan-period:${ctx.workspaceId}:${T0.toISOString()}`],
      [7_900, `plan-period:${ctx.workspaceId}:${now.toISOString()}`],
    ]);
    const [replaced, current] = await periods(ctx.workspaceId);
    expect(replaced).toMatchObject({ id: old!.id, status: "replaced", creditedCents: 1_964 });
    expect(current).toMatchObject({ plan: "team", status: "active", startsAt: now, endsAt: periodEnd(now, 1), priceCents: 7_900 });
    expect(await subscriptionRow(ctx.workspaceId)).toMatchObject({ plan: "team", periodMonths: 1, currentPeriodId: current!.id, currentPeriodEnd: current!.endsAt });

    await expectAppError(changePlan(ctx, { plan: "team", months: 1 }, plus(now, DAY)), "conflict");
    await expectLedgerBalanced();
  });

  it("refuses a change whose charge the credit and balance cannot cover, keeping the old period", async () => {
    const { ctx } = await funded(3_000);
    await changePlan(ctx, { plan: "starter", months: 1 }, T0);
    const error = await expectAppError(changePlan(ctx, { plan: "business", months: 1 }, plus(T0, 10 * DAY)), "insufficient_funds");
    expect(error.details).toEqual({ availableCents: 100, creditCents: 1_964, chargeCents: 19_900, shortfallCents: 19_900 - 1_964 - 100 });
    expect(await balance(ctx.workspaceId)).toBe(100);
    expect(await entries(ctx.workspaceId, "plan_credit")).toEqual([]);
    expect((await periods(ctx.workspaceId)).map((p) => p.status)).toEqual(["active"]);
    expect(await workspaceRow(ctx.workspaceId)).toMatchObject({ plan: "starter" });
  });

  it("goes back to Free with the unused part credited, keeping bots and members", async () => {
    const { workspace, ctx } = await funded(10_000);
    await changePlan(ctx, { plan: "team", months: 1 }, T0);
    for (let i = 1; i <= 4; i++) await createBot(ctx, { name: `Bot ${i}` });
    for (let i = 1; i <= 4; i++) await addMember(workspace.id, "operator", `op${i}`);

    const result = await changePlan(ctx, { plan: "free" }, plus(T0, 15.5 * DAY)); // exactly half of 31 days
    expect(result).toMatchObject({ plan: "free", months: null, chargeCents: 0, creditCents: 3_950, netCents: -3_950, balanceCents: 10_000 - 7_900 + 3_950 });

    expect(await workspaceRow(ctx.workspaceId)).toEqual({ plan: "free", extraSeats: 0, brandingAddon: false });
    expect(await subscriptionRow(ctx.workspaceId)).toMatchObject({ status: "canceled", autoRenew: false });
    expect((await periods(ctx.workspaceId)).map((p) => [p.status, p.creditedCents])).toEqual([["replaced", 3_950]]);
    expect(await db().bot.count({ where: { workspaceId: ctx.workspaceId } })).toBe(4);
    expect(await db().membership.count({ where: { workspaceId: ctx.workspaceId } })).toBe(5);
    await expectAppError(createBot(ctx, { name: "Bot 5" }), "conflict");
    await expectAppError(inviteMember(ctx, { email: uniqueEmail("late"), role: "operator" }, { locale: "en" }), "conflict");
    expect(await getSubscription(ctx, plus(T0, 16 * DAY))).toMatchObject({ plan: "free", status: "free", nextCharge: null, period: null });

    const charges = (await entries(ctx.workspaceId, "plan")).length;
    await runBillingSweep(plus(T0, 40 * DAY));
    expect(await entries(ctx.workspaceId, "plan")).toHaveLength(charges);
    expect(await workspaceRow(ctx.workspaceId)).toMatchObject({ plan: "free" });

    // Booking again starts a fresh subscription that renews automatically.
    await changePlan(ctx, { plan: "starter", months: 1 }, plus(T0, 41 * DAY));
    expect(await subscriptionRow(ctx.workspaceId)).toMatchObject({ plan: "starter", status: "active", autoRenew: true });
    await expectAppError(createBot(ctx, { name: "Bot 5" }), "conflict"); // Starter: 2 bots; the 4 kept stay
    expect(await db().bot.count({ where: { workspaceId: ctx.workspaceId } })).toBe(4);
  });
});

describe("add-ons", () => {
  // Starter for 3 months: 1 Mar – 1 Jun 2030, 92 days; half-way is 46 days in.
  const HALF = plus(T0, 46 * DAY);

  it("charges add-ons pro rata for the rest of the period, once, and counts them in the limits", async () => {
    const { ctx } = await funded(40_000);
    const bot = await createBot(ctx, { name: "Shop-Hilfe" });
    await expectAppError(buyAddon(ctx, { extraSeats: 1 }, T0), "conflict"); // Free: no add-ons
    await changePlan(ctx, { plan: "starter", months: 3 }, T0); // 8265
    const [period] = await periods(ctx.workspaceId);
    expect((await publicWidgetConfig(bot.publicId))!.config.showBranding).toBe(true);

    const seats = await buyAddon(ctx, { extraSeats: 2 }, HALF); // 3 × 2 × 9 € − 5 % = 5130, half of it
    expect(seats).toMatchObject({ chargedCents: 2_565, current: { extraSeats: 2, brandingAddon: false }, next: { extraSeats: 2, brandingAddon: false }, removalTakesEffectAt: null });
    const again = await buyAddon(ctx, { extraSeats: 2 }, HALF);
    expect(again.chargedCents).toBe(0);
    const branding = await buyAddon(ctx, { brandingAddon: true }, HALF); // 3 × 19 € − 5 % = 5415, half = 2707.5
    expect(branding).toMatchObject({ chargedCents: 2_707, current: { extraSeats: 2, brandingAddon: true } });

    expect((await entries(ctx.workspaceId, "addon")).map((e) => [e.amountCents, e.idempotencyKey])).toEqual([
      [2_565, `addon:${period!.id}:seats-2`],
      [2_707, `addon:${period!.id}:branding`],
    ]);
    expect(await balance(ctx.workspaceId)).toBe(40_000 - 8_265 - 2_565 - 2_707);
    expect(await workspaceRow(ctx.workspaceId)).toEqual({ plan: "starter", extraSeats: 2, brandingAddon: true });
    expect((await getSubscription(ctx, HALF)).limits).toMatchObject({ seats: 4, planSeats: 2, extraSeats: 2, removeBranding: true });
    expect((await publicWidgetConfig(bot.publicId))!.config.showBranding).toBe(false);
    await expectLedgerBalanced();
  });

  it("keeps removed add-ons until the renewal, without refund, and renews without them", async () => {
    const { ctx } = await funded(40_000);
    await changePlan(ctx, { plan: "starter", months: 3 }, T0);
    await buyAddon(ctx, { extraSeats: 2, brandingAddon: true }, HALF);
    const paid = await balance(ctx.workspaceId);

    const removal = await buyAddon(ctx, { extraSeats: 0 }, plus(HALF, DAY));
    expect(removal).toMatchObject({ chargedCents: 0, current: { extraSeats: 2, brandingAddon: true }, next: { extraSeats: 0, brandingAddon: true } });
    expect(removal.removalTakesEffectAt).toEqual(new Date("2030-06-01T09:00:00.000Z"));
    expect(await balance(ctx.workspaceId)).toBe(paid);
    expect(await workspaceRow(ctx.workspaceId)).toMatchObject({ extraSeats: 2, brandingAddon: true });
    const summary = await getSubscription(ctx, plus(HALF, DAY));
    expect(summary).toMatchObject({ addons: { extraSeats: 2, brandingAddon: true }, nextAddons: { extraSeats: 0, brandingAddon: true } });
    expect(summary.nextCharge?.amountCents).toBe(8_265 + 5_415);

    // Buying one seat back while two are still paid costs nothing now; it only changes the renewal.
    expect(await buyAddon(ctx, { extraSeats: 1 }, plus(HALF, 2 * DAY))).toMatchObject({ chargedCents: 0, next: { extraSeats: 1 } });

    const end = new Date("2030-06-01T09:00:00.000Z");
    expect(await renewSubscription(ctx.workspaceId, plus(end, 60_000))).toBe("renewed");
    const renewal = (await entries(ctx.workspaceId, "plan")).at(-1)!;
    expect(renewal).toMatchObject({ amountCents: 8_265 + 2_565 + 5_415, idempotencyKey: `plan-period:${ctx.workspaceId}:${end.toISOString()}` }); // 1 seat for 3 months = 2565
    expect(await workspaceRow(ctx.workspaceId)).toEqual({ plan: "starter", extraSeats: 1, brandingAddon: true });
    const all = await periods(ctx.workspaceId);
    expect(all.map((p) => [p.status, p.extraSeats])).toEqual([["ended", 2], ["active", 1]]);
  });

  it("credits the unused part of add-ons too when the plan changes", async () => {
    const { ctx } = await funded(40_000);
    await changePlan(ctx, { plan: "starter", months: 3 }, T0);
    await buyAddon(ctx, { extraSeats: 2, brandingAddon: true }, HALF); // 2565 + 2707
    const threeQuarters = plus(T0, 69 * DAY);
    const result = await changePlan(ctx, { plan: "team", months: 1 }, threeQuarters);
    // plan 8265 × 23/92 = 2066.25, seats 2565 × 23/46 = 1282.5, branding 2707 × 23/46 = 1353.5
    expect(result.creditCents).toBe(2_066 + 1_282 + 1_353);
    // Team includes the branding removal: only the seats go on, at Team's period price.
    expect(result.charge).toMatchObject({ extraSeats: 2, brandingAddon: false, totalCents: 7_900 + 1_800 });
    expect(await workspaceRow(ctx.workspaceId)).toEqual({ plan: "team", extraSeats: 2, brandingAddon: false });
    await expectAppError(buyAddon(ctx, { brandingAddon: true }, plus(threeQuarters, DAY)), "conflict");
    await expectLedgerBalanced();
  });

  it("counts extra seats: beyond the plan's seats an invitation works only with the add-on", async () => {
    const { ctx } = await funded(20_000);
    await changePlan(ctx, { plan: "starter", months: 1 }, T0); // 2 seats, the owner holds one
    const invite = (label: string) => inviteMember(ctx, { email: uniqueEmail(label), role: "operator" }, { locale: "en" });
    await invite("second");
    await expectAppError(invite("third"), "conflict");
    await buyAddon(ctx, { extraSeats: 1 }, plus(T0, DAY));
    await invite("third");
    await expectAppError(invite("fourth"), "conflict");
    expect(await db().invitation.count({ where: { workspaceId: ctx.workspaceId, revokedAt: null } })).toBe(2);
  });
});
