import { db } from "../db/client";
import type { TransactionClient } from "../db/transaction";
import { log } from "../log/logger";
import { noteBalanceChange } from "./balance-notices";
import { releaseHold } from "./holds";
import { recordUsage, type TUsageInput } from "./record-usage";

/**
 * Settles one answer: the caller's own writes (the bot message, the conversation), the usage
 * record and its debit commit in one transaction, which also releases the answer's hold. If
 * that fails, the hold is released at once (not after its expiry) and the error goes to the
 * caller. Low-balance notices follow the commit and never undo it.
 */
export async function settleAnswer(input: TUsageInput, alsoWrite?: (tx: TransactionClient) => Promise<unknown>): Promise<{ usageRecordId: string; debitedCents: number }> {
  try {
    const settled = await db().$transaction(async (tx) => {
      await alsoWrite?.(tx);
      return recordUsage(tx, input);
    });
    if (settled.debitedCents > 0) {
      void noteBalanceChange(input.workspaceId, "debit").catch((error: unknown) => log.error("Balance notice failed", { workspaceId: input.workspaceId, error: String(error) }));
    }
    return settled;
  } catch (error) {
    if (input.holdId) await releaseHold(input.holdId).catch(() => undefined);
    throw error;
  }
}
