import pg from "pg";
import { describe, expect, it } from "vitest";
import { workspaceAccountKey } from "@/lib/billing/accounts";
import { adjustCredits } from "@/lib/billing/adjust-credits";
import { getBalance } from "@/lib/billing/get-balance";
import { chargePlanPeriod } from "@/lib/billing/plans/charge-plan-period";
import { loadPlanState } from "@/lib/billing/plans/load-plan-state";
import { buyAddon, changePlan, getSubscription, quotePlanChange, remindRenewal, renewSubscription, setAutoRenew } from "@/lib/billing/plans/plans";
import { reconcileLedger } from "@/lib/billing/reconcile-ledger";
import { runBillingSweep } from "@/lib/billing/run-billing-sweep";
import { createBot } from "@/lib/bots/bots";
import { db } from "@/lib/db/client";
import { getPlan, periodEnd } from "@/lib/plans/plans";
import { publicWidgetConfig } from "@/lib/widget/frame-page";
import { inviteMember } from "@/lib/workspaces/invite-member";
import { expectAppError, expectZodError } from "../../helpers/errors";
import { skipNotice, TEST_POSTGRES_URL } from "../../helpers/external-services";
import { addMember, contextFor, createOwnerWithWorkspace, uniqueEmail } from "../../helpers/factories";
import { mailsTo } from "../../helpers/outbox";
import { useTestDatabase } from "../../helpers/test-database";
import { useNativeDatabase } from "./native-database";

/**
 * Plans paid from the prepaid balance: upgrades charge the whole discounted period at once,
 * changes credit the unused part back, add-ons are charged pro rata, and the billing sweep
 * sends one notice before each renewal, renews once (also with two sweeps at once), and
 * falls back to grace and then to Free when the balance stays short. Every amount is
 * asserted in cents against the ledger. Times are fixed: services take `now`.
 */
useTestDatabase({ env: { BILLING_GRACE_DAYS: "7", BILLING_REMINDER_DAYS: "5" } });

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date("2030-03-01T09:00:00.000Z");
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);

async function funded(balanceCents: number, name = "Plan Shop") {
  const { owner, workspace, ctx } = await createOwnerWithWorkspace(`${name} ${Math.random().toString(36).slice(2, 7)}`);
  if (balanceCents > 0) await topUp(ctx.workspaceId, balanceCents);
  return { owner, workspace, ctx };
}

/** A credit like a verified top-up: an audited adjustment entry through postEntry. */
async function topUp(workspaceId: string, amountCents: number) {
  await adjustCredits({ workspaceId, actorId: null }, { amountCents, reason: "test top-up" });
}

const balance = async (workspaceId: string) => (await getBalance(workspaceId)).balanceCents;

function entries(workspaceId: string, kind?: string) {
  return db().ledgerEntry.findMany({ where: { workspaceId, ...(kind ? { kind } : {}) }, orderBy: { createdAt: "asc" } });
}

const workspaceRow = (id: string) => db().workspace.findUniqueOrThrow({ where: { id }, select: { plan: true, extraSeats: true, brandingAddon: true } });
const subscriptionRow = (workspaceId: string) => db().subscription.findUnique({ where: { workspaceId } });
const periods = (workspaceId: string) => db().planPeriod.findMany({ where: { workspaceId }, orderBy: { startsAt: "asc" } });

async function mailsWithSubject(to: string, pattern: RegExp) {
  return (await mailsTo(to)).filter((m) => pattern.test(m.subject));
}

async function expectLedgerBalanced() {
  const report = await reconcileLedger();
  expect(report.differences).toEqual([]);
  expect(report.balanced).toBe(true);
}

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

/**
 * PGlite runs one transaction at a time, so the claims above cannot race there (ARCHITECTURE
 * 12). Here the same services run against the machine's native PostgreSQL. A gate session
 * holds the workspace's ledger account (or its subscription row) while the racing calls run
 * and lets go once they wait on it, forcing the worst interleaving every time.
 */
const nativeTitle = TEST_POSTGRES_URL
  ? "native PostgreSQL: concurrent renewals and notices"
  : skipNotice("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres", "native PostgreSQL plan renewal races");

describe.skipIf(!TEST_POSTGRES_URL)(nativeTitle, () => {
  const native = useNativeDatabase({ prefix: "cw_test", poolSize: 10 });

  /** Runs the calls while `lock` holds the gate; lets go once `waiters` of them wait on it. */
  async function race<T>(lock: (gate: pg.Client) => Promise<unknown>, waiters: number, calls: (() => Promise<T>)[]): Promise<T[]> {
    const gate = new pg.Client({ connectionString: native.url() });
    await gate.connect();
    try {
      await gate.query("BEGIN");
      await lock(gate);
      const settled = Promise.all(calls.map((call) => call()));
      const deadline = Date.now() + 10_000;
      for (;;) {
        await gate.query("SELECT pg_stat_clear_snapshot()");
        const { rows } = await gate.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        if (Number(rows[0]!.n) >= waiters) break;
        if (Date.now() > deadline) throw new Error(`Expected ${waiters} waiting on the gate, saw ${rows[0]!.n}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await gate.query("COMMIT");
      return await settled;
    } finally {
      await gate.end();
    }
  }

  const lockLedgerAccount = (workspaceId: string) => (gate: pg.Client) =>
    gate.query("SELECT id FROM ledger_accounts WHERE key = $1 FOR UPDATE", [workspaceAccountKey(workspaceId)]);

  async function dueStarter(balanceCents: number) {
    const setup = await funded(balanceCents, "Native Shop");
    await changePlan(setup.ctx, { plan: "starter", months: 1 }, T0);
    return { ...setup, end: new Date("2030-04-01T09:00:00.000Z") };
  }

  it("two renewals at once: one charges while the other skips the claimed workspace", async () => {
    const { ctx, end } = await dueStarter(10_000);
    const at = plus(end, 60_000);
    const outcomes = await race(lockLedgerAccount(ctx.workspaceId), 1, [() => renewSubscription(ctx.workspaceId, at), () => renewSubscription(ctx.workspaceId, at)]);
    expect([...outcomes].sort()).toEqual(["renewed", "skipped"]);
    expect(await entries(ctx.workspaceId, "plan")).toHaveLength(2);
    expect(await balance(ctx.workspaceId)).toBe(10_000 - 5_800);
    expect(await renewSubscription(ctx.workspaceId, at)).toBe("skipped");
  });

  it("without the claim, the period's ledger key still lets only one of two charges through", async () => {
    const { ctx, end } = await dueStarter(10_000);
    // Two processes that both read the due subscription before either charges.
    const unclaimed = () =>
      db().$transaction(async (tx) => {
        const state = await loadPlanState(tx, ctx.workspaceId);
        return chargePlanPeriod(tx, { workspaceId: ctx.workspaceId, plan: getPlan("starter"), months: 1, addons: { extraSeats: 0, brandingAddon: false }, startsAt: state.subscription!.currentPeriodEnd, actorId: null });
      });
    const charged = await race(lockLedgerAccount(ctx.workspaceId), 2, [unclaimed, unclaimed]);
    expect(charged.map((c) => c.posted?.created).sort()).toEqual([false, true]);
    expect((await entries(ctx.workspaceId, "plan")).map((e) => e.idempotencyKey)).toEqual([
      `plan-period:${ctx.workspaceId}:${T0.toISOString()}`,
      `plan-period:${ctx.workspaceId}:${end.toISOString()}`,
    ]);
    expect(await balance(ctx.workspaceId)).toBe(10_000 - 5_800);
    await expectLedgerBalanced();
  });

  it("two renewal notices at once: one claims the period end and mails", async () => {
    const { owner, ctx, end } = await dueStarter(10_000);
    const sent = await race(
      (gate) => gate.query("SELECT workspace_id FROM subscriptions WHERE workspace_id = $1 FOR UPDATE", [ctx.workspaceId]),
      2,
      [() => remindRenewal(ctx.workspaceId, end), () => remindRenewal(ctx.workspaceId, end)],
    );
    expect([...sent].sort()).toEqual([false, true]);
    expect(await mailsWithSubject(owner.email, /renews/)).toHaveLength(1);
  });
});
