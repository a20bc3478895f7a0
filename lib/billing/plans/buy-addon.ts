import { z } from "zod";
import { db } from "../../db/client";
import type { TransactionClient } from "../../db/transaction";
import { AppError } from "../../errors/app-error";
import { addonProRataCents, getPlan, MAX_EXTRA_SEATS, periodEnd, periodQuote, type TAddons, type TPlan } from "../../plans/plans";
import { requireRole } from "../../workspaces/require-role";
import type { TWorkspaceContext } from "../../workspaces/types";
import { PLATFORM_ACCOUNTS, workspaceAccountKey } from "../accounts";
import { noteBalanceChange } from "../balance-notices";
import { getBalance } from "../get-balance";
import { postEntry, withFundsMessage } from "../post-entry";
import { currentAddons, lockPlanState, nextAddons, type TPlanState } from "./load-plan-state";

/** The add-ons wanted from now on (totals, not increments); a field left out stays as it is. */
export const ZBuyAddonInput = z
  .object({
    extraSeats: z.number().int().min(0).max(MAX_EXTRA_SEATS).optional(),
    brandingAddon: z.boolean().optional(),
  })
  .refine((v) => v.extraSeats !== undefined || v.brandingAddon !== undefined, "Choose an add-on");
export type TBuyAddonInput = z.input<typeof ZBuyAddonInput>;

export type TAddonChange = {
  /** Charged now for the rest of the current period (0 when nothing was added). */
  chargedCents: number;
  /** In effect now (what the limits count). */
  current: TAddons;
  /** Charged at full price from the next renewal on. */
  next: TAddons;
  /** Set when `next` has fewer add-ons than `current`: the removal takes effect then. */
  removalTakesEffectAt: Date | null;
  balanceCents: number;
};

/**
 * Sets the add-ons of the paid plan (owners only). More than now is bought at once, pro rata
 * for the rest of the current period (one "addon" entry per purchase, keyed by the period and
 * the new total, so a retry never charges twice). Fewer than now takes effect at the next
 * renewal, without a refund: what was paid stays usable until the period ends.
 */
export async function buyAddon(ctx: TWorkspaceContext, raw: unknown, now = new Date()): Promise<TAddonChange> {
  requireRole(ctx, ["owner"]);
  const input = ZBuyAddonInput.parse(raw);
  const result = await db().$transaction(async (tx) => {
    const state = await lockPlanState(tx, ctx.workspaceId);
    const { subscription: sub, period } = state;
    if (!sub || !period) throw new AppError("conflict", "Add-ons need a paid plan.");
    if (sub.status !== "active" || now.getTime() >= period.endsAt.getTime()) {
      throw new AppError("conflict", "The plan is waiting for its renewal. Top up or change the plan first.");
    }
    const plan = getPlan(sub.plan);
    if (input.brandingAddon && plan.removeBranding) throw new AppError("conflict", "Your plan already removes the branding.");

    const was = currentAddons(state);
    const wanted = nextAddons(state);
    const target: TAddons = { extraSeats: input.extraSeats ?? wanted.extraSeats, brandingAddon: input.brandingAddon ?? wanted.brandingAddon };
    const current: TAddons = { extraSeats: Math.max(was.extraSeats, target.extraSeats), brandingAddon: was.brandingAddon || target.brandingAddon };
    const chargedCents = await chargeAddedAddons(tx, { state, plan, was, current, now, actorId: ctx.actorId });

    await tx.workspace.update({ where: { id: ctx.workspaceId }, data: current });
    await tx.planPeriod.update({ where: { id: period.id }, data: current });
    await scheduleNextAddons(tx, state, plan, current, target);
    await tx.auditLog.create({
      data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "billing.addons_changed", targetType: "plan_period", targetId: period.id, data: { was, current, next: target, chargedCents } },
    });
    const removal = target.extraSeats < current.extraSeats || (current.brandingAddon && !target.brandingAddon);
    const { balanceCents } = await getBalance(ctx.workspaceId, tx);
    return { chargedCents, current, next: target, removalTakesEffectAt: removal ? period.endsAt : null, balanceCents };
  });
  if (result.chargedCents > 0) await noteBalanceChange(ctx.workspaceId, "debit");
  return result;
}

/**
 * One "addon" entry per purchase, pro rata for the rest of the period. Keys name the period
 * and the new total: within a period the totals in effect only grow, so each is new once.
 */
async function chargeAddedAddons(
  tx: TransactionClient,
  input: { state: TPlanState; plan: TPlan; was: TAddons; current: TAddons; now: Date; actorId: string },
): Promise<number> {
  const { state, was, current, now } = input;
  const sub = state.subscription!;
  const period = state.period!;
  const purchases: { key: string; added: Partial<TAddons>; label: string }[] = [];
  if (current.extraSeats > was.extraSeats) {
    const added = current.extraSeats - was.extraSeats;
    purchases.push({ key: `addon:${period.id}:seats-${current.extraSeats}`, added: { extraSeats: added }, label: `${added} extra seat${added === 1 ? "" : "s"}` });
  }
  if (current.brandingAddon && !was.brandingAddon) purchases.push({ key: `addon:${period.id}:branding`, added: { brandingAddon: true }, label: "Branding removal" });
  let chargedCents = 0;
  for (const purchase of purchases) {
    const amount = addonProRataCents(input.plan, { startsAt: period.startsAt, endsAt: period.endsAt, months: sub.periodMonths }, purchase.added, now);
    if (amount === 0) continue;
    const posted = await withFundsMessage(
      () =>
        postEntry(tx, {
          idempotencyKey: purchase.key,
          kind: "addon",
          debit: workspaceAccountKey(sub.workspaceId),
          credit: PLATFORM_ACCOUNTS.plans,
          amountCents: amount,
          funds: "require",
          description: `${purchase.label} until ${period.endsAt.toISOString().slice(0, 10)}`,
          reference: { periodId: period.id, startsAt: now.toISOString(), endsAt: period.endsAt.toISOString(), ...purchase.added },
          actorId: input.actorId,
        }),
      "The balance does not cover this add-on. Top up first.",
    );
    chargedCents += posted.amountCents;
  }
  return chargedCents;
}

/** Keeps a scheduled next period only while the next add-ons differ from the current ones. */
async function scheduleNextAddons(tx: TransactionClient, state: TPlanState, plan: TPlan, current: TAddons, next: TAddons): Promise<void> {
  const sub = state.subscription!;
  const startsAt = sub.currentPeriodEnd;
  if (current.extraSeats === next.extraSeats && current.brandingAddon === next.brandingAddon) {
    await tx.planPeriod.deleteMany({ where: { workspaceId: sub.workspaceId, status: "scheduled" } });
    return;
  }
  const row = {
    plan: plan.id,
    months: sub.periodMonths,
    ...next,
    endsAt: periodEnd(startsAt, sub.periodMonths),
    priceCents: periodQuote({ plan, months: sub.periodMonths, ...next }).totalCents,
    status: "scheduled",
  };
  await tx.planPeriod.upsert({ where: { workspaceId_startsAt: { workspaceId: sub.workspaceId, startsAt } }, create: { workspaceId: sub.workspaceId, startsAt, ...row }, update: row });
}
