import type { TransactionClient } from "../db/transaction";
import { PLATFORM_ACCOUNTS, workspaceAccountKey } from "./accounts";
import { answerChargeMillicents, type TAnswerBilling } from "./answer-pricing";
import { postEntry } from "./post-entry";
import { releaseHoldInTx } from "./holds";

export type TUsageInput = {
  workspaceId: string;
  botId: string | null;
  conversationId?: string | null;
  messageId?: string | null;
  kind: "answer" | "playground";
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  costMillicents: number;
  billing: TAnswerBilling;
  /** The reservation made before the call (reserveAnswer), settled here. */
  holdId: string | null;
};

/**
 * Writes the usage record and debits its charge in the caller's transaction, so a usage
 * record never exists without its debit (nor the other way round). Charges are priced in
 * millicents; whole cents are debited and the rest is carried on the billing profile, so
 * many small answers add up exactly. The debit never takes the balance below zero: the hold
 * normally covers it, and anything it cannot cover is recorded as shortfall.
 * Returns the balance after the debit when one was posted (for low-balance notices).
 */
export async function recordUsage(tx: TransactionClient, input: TUsageInput): Promise<{ usageRecordId: string; debitedCents: number; balanceAfterCents: number | null }> {
  const charge = answerChargeMillicents({ billing: input.billing, provider: input.provider as never, model: input.model, inputTokens: input.inputTokens, outputTokens: input.outputTokens });
  const record = await tx.usageRecord.create({
    data: {
      workspaceId: input.workspaceId,
      botId: input.botId,
      conversationId: input.conversationId ?? null,
      messageId: input.messageId ?? null,
      kind: input.kind,
      provider: input.provider,
      model: input.model,
      inputTokens: input.inputTokens,
      outputTokens: input.outputTokens,
      latencyMs: input.latencyMs,
      costMillicents: input.costMillicents,
      chargeMillicents: charge,
      billing: input.billing,
    },
    select: { id: true },
  });

  let cents = 0;
  if (charge > 0) {
    const rows = await tx.$queryRaw<{ total: number }[]>`
      INSERT INTO billing_profiles (workspace_id, usage_remainder_millicents, updated_at) VALUES (${input.workspaceId}, ${charge}, now())
      ON CONFLICT (workspace_id) DO UPDATE SET usage_remainder_millicents = billing_profiles.usage_remainder_millicents + EXCLUDED.usage_remainder_millicents, updated_at = now()
      RETURNING usage_remainder_millicents AS total`;
    cents = Math.floor((rows[0]?.total ?? 0) / 1000);
  }
  if (cents === 0) {
    if (input.holdId) await releaseHoldInTx(tx, input.holdId);
    return { usageRecordId: record.id, debitedCents: 0, balanceAfterCents: null };
  }
  const posted = await postEntry(tx, {
    idempotencyKey: `usage:${record.id}`,
    kind: "usage",
    debit: workspaceAccountKey(input.workspaceId),
    credit: PLATFORM_ACCOUNTS.usage,
    amountCents: cents,
    description: `${input.kind === "playground" ? "Playground" : "AI answer"}: ${input.model}`,
    reference: { usageRecordId: record.id, botId: input.botId, messageId: input.messageId ?? null, model: input.model, chargeMillicents: charge },
    funds: "cap",
    releaseHoldId: input.holdId ?? undefined,
  });
  await tx.$executeRaw`UPDATE billing_profiles SET usage_remainder_millicents = usage_remainder_millicents - ${cents * 1000} WHERE workspace_id = ${input.workspaceId}`;
  const shortfall = (cents - posted.amountCents) * 1000;
  if (shortfall > 0) await tx.usageRecord.update({ where: { id: record.id }, data: { shortfallMillicents: shortfall } });
  return { usageRecordId: record.id, debitedCents: posted.amountCents, balanceAfterCents: posted.balanceAfterCents };
}
