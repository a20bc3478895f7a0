import type { TransactionClient } from "../../db/transaction";
import { loadSessionPayment } from "./checkout-session";
import type { TStripeEvent } from "./stripe-objects";
import { flagged, processed, type TWebhookOutcome } from "./types";

/**
 * checkout.session.expired: the customer left the payment page and Stripe closed it (after
 * 24 h by default). A top-up still waiting is marked "expired", shown as not completed; no
 * money moved, so nothing is booked. A session that Stripe expires can never have been paid,
 * so a credited Payment here is a contradiction for a human to look at.
 */
export async function handleCheckoutSessionExpired(tx: TransactionClient, event: TStripeEvent): Promise<TWebhookOutcome> {
  const loaded = await loadSessionPayment(tx, event);
  if (loaded.kind === "done") return loaded.outcome;
  const { payment, workspaceId, session } = loaded;
  if (payment.creditedCents > 0) {
    return flagged(workspaceId, `Checkout session ${session.id} expired, but payment ${payment.id} was already credited`);
  }
  if (payment.status !== "pending") return processed(workspaceId, [], `Payment already ${payment.status}`);
  await tx.payment.update({ where: { id: payment.id }, data: { status: "expired", stripeCheckoutSessionId: session.id } });
  return processed(workspaceId);
}
