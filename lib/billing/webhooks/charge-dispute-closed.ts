import type { TransactionClient } from "../../db/transaction";
import { applyDisputeEvent } from "./dispute-entries";
import type { TStripeEvent } from "./stripe-objects";
import type { TWebhookOutcome } from "./types";

/**
 * charge.dispute.closed: won gives the amount back; lost keeps it withdrawn (booked here too
 * in case the creation was never delivered); a closed inquiry (warning_closed) moved nothing.
 */
export async function handleChargeDisputeClosed(tx: TransactionClient, event: TStripeEvent): Promise<TWebhookOutcome> {
  return applyDisputeEvent(tx, event, (dispute) => {
    if (dispute.status === "won") return { action: "reinstate" };
    if (dispute.status === "lost") return { action: "withdraw" };
    return { action: "none", note: `Dispute ${dispute.id} closed as ${dispute.status}: no money moved` };
  });
}
