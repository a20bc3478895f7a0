import { log } from "../log/logger";
import { answerChargeMillicents, holdCentsFor, type TAnswerCostInput } from "./answer-pricing";
import { noteBalanceExhausted } from "./balance-notices";
import { placeHold } from "./holds";

export type TAnswerReservation = { ok: true; holdId: string | null } | { ok: false };

/**
 * Reserves the worst case of an answer (the prompt as estimated, the full max_tokens) before
 * the call, so answers in flight at the same time can never spend more than the balance.
 * Free answers need no hold. When the balance cannot cover it, the owners are told (once per
 * top-up) and the caller answers offline for free.
 */
export async function reserveAnswer(workspaceId: string, worstCase: TAnswerCostInput): Promise<TAnswerReservation> {
  const cents = holdCentsFor(answerChargeMillicents(worstCase));
  if (cents === 0) return { ok: true, holdId: null };
  const holdId = await placeHold(workspaceId, { amountCents: cents, reason: `answer:${worstCase.billing}:${worstCase.model}` });
  if (holdId) return { ok: true, holdId };
  void noteBalanceExhausted(workspaceId).catch((error: unknown) => log.error("Balance notice failed", { workspaceId, error: String(error) }));
  return { ok: false };
}
