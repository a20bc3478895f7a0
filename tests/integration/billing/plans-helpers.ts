import { expect } from "vitest";
import { adjustCredits } from "@/lib/billing/adjust-credits";
import { getBalance } from "@/lib/billing/get-balance";
import { reconcileLedger } from "@/lib/billing/reconcile-ledger";
import { db } from "@/lib/db/client";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { mailsTo } from "../../helpers/outbox";

/** Shared setup for the plans-*.test.ts files. Times are fixed: services take `now`. */

export const DAY = 24 * 60 * 60 * 1000;
export const T0 = new Date("2030-03-01T09:00:00.000Z");
export const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);

export async function funded(balanceCents: number, name = "Plan Shop") {
  const { owner, workspace, ctx } = await createOwnerWithWorkspace(`${name} ${Math.random().toString(36).slice(2, 7)}`);
  if (balanceCents > 0) await topUp(ctx.workspaceId, balanceCents);
  return { owner, workspace, ctx };
}

/** A credit like a verified top-up: an audited adjustment entry through postEntry. */
export async function topUp(workspaceId: string, amountCents: number) {
  await adjustCredits({ workspaceId, actorId: null }, { amountCents, reason: "test top-up" });
}

export const balance = async (workspaceId: string) => (await getBalance(workspaceId)).balanceCents;

export function entries(workspaceId: string, kind?: string) {
  return db().ledgerEntry.findMany({ where: { workspaceId, ...(kind ? { kind } : {}) }, orderBy: { createdAt: "asc" } });
}

export const workspaceRow = (id: string) => db().workspace.findUniqueOrThrow({ where: { id }, select: { plan: true, extraSeats: true, brandingAddon: true } });
export const subscriptionRow = (workspaceId: string) => db().subscription.findUnique({ where: { workspaceId } });
export const periods = (workspaceId: string) => db().planPeriod.findMany({ where: { workspaceId }, orderBy: { startsAt: "asc" } });

export async function mailsWithSubject(to: string, pattern: RegExp) {
  return (await mailsTo(to)).filter((m) => pattern.test(m.subject));
}

export async function expectLedgerBalanced() {
  const report = await reconcileLedger();
  expect(report.differences).toEqual([]);
  expect(report.balanced).toBe(true);
}
