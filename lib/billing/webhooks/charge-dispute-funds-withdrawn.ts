import type { TransactionClient } from "../../db/transaction";
import { applyDisputeEvent } from "./dispute-entries";
import type { TStripeEvent } from "./stripe-objects";
import type { TWebhookOutcome } from "./types";

/**
 * charge.dispute.funds_withdrawn: Stripe took the disputed amount. Same key as
 * charge.dispute.created, so an inquiry that escalates is withdrawn exactly once.
 */
export async function handleChargeDisputeFundsWithdrawn(tx: TransactionClient, event: TStripeEvent): Promise<TWebhookOutcome> {
  return applyDisputeEvent(tx, event, () => ({ action: "withdraw" }));
}
