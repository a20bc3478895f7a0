import type { TransactionClient } from "../../db/transaction";
import { applyDisputeEvent, movesMoney } from "./dispute-entries";
import type { TStripeEvent } from "./stripe-objects";
import type { TWebhookOutcome } from "./types";

/**
 * charge.dispute.created: a chargeback; Stripe withdraws the disputed amount, and so does the
 * balance. An inquiry (warning_*) moves no money until it escalates.
 */
export async function handleChargeDisputeCreated(tx: TransactionClient, event: TStripeEvent): Promise<TWebhookOutcome> {
  return applyDisputeEvent(tx, event, (dispute) =>
    movesMoney(dispute.status) ? { action: "withdraw" } : { action: "none", note: `Dispute ${dispute.id} is ${dispute.status}: no funds withdrawn` },
  );
}
