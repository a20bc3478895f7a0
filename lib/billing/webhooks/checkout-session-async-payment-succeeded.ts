import type { TransactionClient } from "../../db/transaction";
import { creditPaidSession, loadSessionPayment } from "./checkout-session";
import type { TStripeEvent } from "./stripe-objects";
import { flagged, type TWebhookOutcome } from "./types";

/**
 * checkout.session.async_payment_succeeded: a delayed payment arrived. Credits under the same
 * key as checkout.session.completed, so whichever of the two comes first credits, once.
 */
export async function handleCheckoutSessionAsyncPaymentSucceeded(tx: TransactionClient, event: TStripeEvent): Promise<TWebhookOutcome> {
  const loaded = await loadSessionPayment(tx, event);
  if (loaded.kind === "done") return loaded.outcome;
  if (loaded.session.payment_status !== "paid") {
    return flagged(loaded.workspaceId, `Checkout session ${loaded.session.id} reported succeeded with payment_status ${loaded.session.payment_status}; nothing credited`);
  }
  return creditPaidSession(tx, event, loaded);
}
