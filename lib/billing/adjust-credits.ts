import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "../db/client";
import { log } from "../log/logger";
import { PLATFORM_ACCOUNTS, workspaceAccountKey } from "./accounts";
import { noteBalanceChange } from "./balance-notices";
import { postEntry, type TPostedEntry } from "./post-entry";

export const ZAdjustCreditsInput = z.object({
  amountCents: z
    .number()
    .int("Amount must be whole cents")
    .refine((v) => v !== 0, "Amount must not be zero")
    .refine((v) => Math.abs(v) <= 10_000_000, "Amount must be at most 100,000 € either way"),
  reason: z.string().trim().min(3, "A reason is required (at least 3 characters)").max(500),
  /** Makes a retried command safe; a fresh id otherwise. */
  adjustmentId: z.string().trim().min(1).max(100).optional(),
});

/**
 * An audited manual adjustment (goodwill credit, correction). A negative amount may not take
 * the balance below zero. Like every change of the balance, it is followed by the balance
 * notices (a credit re-arms them, a take-back may cross a low-balance threshold).
 */
export async function adjustCredits(ctx: { workspaceId: string; actorId: string | null }, raw: unknown): Promise<TPostedEntry> {
  const input = ZAdjustCreditsInput.parse(raw);
  const adjustmentId = input.adjustmentId ?? randomUUID();
  const customer = workspaceAccountKey(ctx.workspaceId);
  const posted = await db().$transaction(async (tx) => {
    const posted = await postEntry(tx, {
      idempotencyKey: `adjustment:${adjustmentId}`,
      kind: "adjustment",
      debit: input.amountCents > 0 ? PLATFORM_ACCOUNTS.adjustments : customer,
      credit: input.amountCents > 0 ? customer : PLATFORM_ACCOUNTS.adjustments,
      amountCents: Math.abs(input.amountCents),
      description: input.reason,
      reference: { adjustmentId },
      actorId: ctx.actorId,
      funds: input.amountCents > 0 ? "none" : "require",
    });
    if (posted.created) {
      await tx.auditLog.create({
        data: {
          workspaceId: ctx.workspaceId,
          actorId: ctx.actorId,
          action: "billing.credits_adjusted",
          targetType: "ledger_entry",
          targetId: posted.entryId,
          data: { amountCents: input.amountCents, reason: input.reason, adjustmentId },
        },
      });
    }
    return posted;
  });
  if (posted.created) {
    // A notice must not turn a committed adjustment into an error.
    await noteBalanceChange(ctx.workspaceId, input.amountCents > 0 ? "credit" : "debit").catch((error: unknown) =>
      log.error("Balance notice after an adjustment failed", { workspaceId: ctx.workspaceId, error: String(error) }),
    );
  }
  return posted;
}
