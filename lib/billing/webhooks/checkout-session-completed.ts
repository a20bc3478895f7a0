import type { TransactionClient } from "../../db/transaction";
import { creditPaidSession, loadSessionPayment, markSessionProcessing } from "./checkout-session";
import type { TStripeEvent } from "./stripe-objects";
import { flagged, type TWebhookOutcome } from "./types";

/**
 * checkout.session.completed: the customer finished the checkout. Paid now (cards): credit
 * amount_total. Unpaid (a delayed method such as SEPA debit): wait for the async events.
 */
export async function handleCheckoutSessionCompleted(tx: TransactionClient, event: TStripeEvent): Promise<TWebhookOutcome> {
  const loaded = await loadSessionPayment(tx, event);
  if (loaded.kind === "done") return loaded.outcome;
  switch (loaded.session.payment_status) {
    case "paid":
      return creditPaidSession(tx, event, loaded);
    case "unpaid":
      return markSessionProcessing(tx, loaded);
    default:
      return flagged(loaded.workspaceId, `Checkout session ${loaded.session.id} completed with payment_status ${loaded.session.payment_status}; nothing credited`);
  }
}
