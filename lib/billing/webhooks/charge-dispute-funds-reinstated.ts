import type { TransactionClient } from "../../db/transaction";
import { applyDisputeEvent } from "./dispute-entries";
import type { TStripeEvent } from "./stripe-objects";
import type { TWebhookOutcome } from "./types";

/** charge.dispute.funds_reinstated: Stripe returned the disputed amount; same key as a won close. */
export async function handleChargeDisputeFundsReinstated(tx: TransactionClient, event: TStripeEvent): Promise<TWebhookOutcome> {
  return applyDisputeEvent(tx, event, () => ({ action: "reinstate" }));
}
