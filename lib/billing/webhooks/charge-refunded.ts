import type { Payment } from "../../db/generated/client";
import type { TransactionClient } from "../../db/transaction";
import { PLATFORM_ACCOUNTS, workspaceAccountKey } from "../accounts";
import { postEntry } from "../post-entry";
import { TOP_UP_CURRENCY } from "./checkout-session";
import { lockOrCreatePayment, lockPayment, resolveWorkspace, settledStatus } from "./payments";
import { ZCharge, type TCharge, type TStripeEvent } from "./stripe-objects";
import { flagged, processed, unknownWorkspace, type TWebhookOutcome } from "./types";

/**
 * charge.refunded: one or more refunds of a top-up's charge (full or partial). Stripe's
 * amount_refunded is the running total, and its events may come in any order, so the ledger
 * takes back only what exceeds the refunds already booked (Payment.refundedCents, the
 * high-water mark, read under the row lock). A refund may take back credit that was already
 * spent: the balance may go below zero.
 */
export async function handleChargeRefunded(tx: TransactionClient, event: TStripeEvent): Promise<TWebhookOutcome> {
  const parsed = ZCharge.safeParse(event.data.object);
  if (!parsed.success) return flagged(null, `Unexpected charge shape: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const charge = parsed.data;

  const located = await locateChargePayment(tx, charge);
  if (located.kind === "done") return located.outcome;
  const { payment } = located;
  const workspaceId = payment.workspaceId;
  if (charge.currency !== TOP_UP_CURRENCY) return flagged(workspaceId, `Charge ${charge.id} is in ${charge.currency}; refunds are booked in ${TOP_UP_CURRENCY} only`);

  const refundedTotal = charge.amount_refunded;
  const outstanding = refundedTotal - payment.refundedCents;
  if (outstanding <= 0) return processed(workspaceId, [], `Refunds up to ${payment.refundedCents} cents already booked`);

  const posted = await postEntry(tx, {
    idempotencyKey: `refund:${charge.id}:${refundedTotal}`,
    kind: "refund",
    debit: workspaceAccountKey(workspaceId),
    credit: PLATFORM_ACCOUNTS.stripe,
    amountCents: outstanding,
    description: "Refund (Stripe)",
    reference: { paymentId: payment.id, chargeId: charge.id, paymentIntentId: charge.payment_intent, amountRefundedCents: refundedTotal, eventId: event.id },
    funds: "none",
  });
  const refunded = { ...payment, refundedCents: refundedTotal };
  await tx.payment.update({
    where: { id: payment.id },
    data: { refundedCents: refundedTotal, status: settledStatus(refunded), ...(charge.payment_intent ? { stripePaymentIntentId: charge.payment_intent } : {}) },
  });
  return processed(workspaceId, posted.created ? [{ workspaceId, change: "debit" }] : []);
}

/**
 * The top-up a charge paid: by its payment intent, else by the Payment id and workspace the
 * checkout put in the payment intent's metadata (a refund can arrive before the checkout's
 * completion; the Payment is then created here and completed later).
 */
async function locateChargePayment(
  tx: TransactionClient,
  charge: TCharge,
): Promise<{ kind: "found"; payment: Payment } | { kind: "done"; outcome: TWebhookOutcome }> {
  const keys = { paymentIntentId: charge.payment_intent, paymentId: charge.metadata.paymentId };
  let located = await lockPayment(tx, keys);
  const claimed = await resolveWorkspace(tx, [charge.metadata.workspaceId]);
  if (located.kind === "none") {
    if (claimed.kind === "conflict") return { kind: "done", outcome: flagged(null, claimed.note) };
    if (claimed.kind !== "found") {
      const what = claimed.kind === "unknown" ? `names unknown workspace ${claimed.workspaceId}` : "matches no payment and names no workspace";
      return { kind: "done", outcome: unknownWorkspace(`Charge ${charge.id} ${what}`) };
    }
    if (!charge.payment_intent) return { kind: "done", outcome: flagged(claimed.workspaceId, `Charge ${charge.id} has no payment intent to match a top-up`) };
    located = await lockOrCreatePayment(tx, keys, { workspaceId: claimed.workspaceId, amountCents: charge.amount, currency: charge.currency, status: "pending" });
  }
  if (located.kind === "conflict") return { kind: "done", outcome: flagged(null, located.note) };
  if (located.kind === "none") return { kind: "done", outcome: flagged(null, `Payment for charge ${charge.id} could not be created`) };
  if (claimed.kind === "found" && claimed.workspaceId !== located.payment.workspaceId) {
    return { kind: "done", outcome: flagged(located.payment.workspaceId, `Charge ${charge.id} names workspace ${claimed.workspaceId}, its payment belongs to ${located.payment.workspaceId}`) };
  }
  return { kind: "found", payment: located.payment };
}
