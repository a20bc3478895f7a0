import type { TransactionClient } from "../../db/transaction";
import { loadSessionPayment } from "./checkout-session";
import type { TStripeEvent } from "./stripe-objects";
import { flagged, processed, type TWebhookOutcome } from "./types";

/** checkout.session.async_payment_failed: the delayed payment did not arrive; nothing to credit. */
export async function handleCheckoutSessionAsyncPaymentFailed(tx: TransactionClient, event: TStripeEvent): Promise<TWebhookOutcome> {
  const loaded = await loadSessionPayment(tx, event);
  if (loaded.kind === "done") return loaded.outcome;
  const { payment, workspaceId, session } = loaded;
  if (payment.creditedCents > 0) {
    return flagged(workspaceId, `Checkout session ${session.id} reported failed, but payment ${payment.id} was already credited`);
  }
  await tx.payment.update({
    where: { id: payment.id },
    data: {
      status: "failed",
      ...(session.payment_intent ? { stripePaymentIntentId: session.payment_intent } : {}),
      ...(session.amount_total !== null ? { amountTotalCents: session.amount_total } : {}),
    },
  });
  return processed(workspaceId);
}
