import type { Payment } from "../../db/generated/client";
import type { TransactionClient } from "../../db/transaction";

/**
 * Payment rows as the webhook handlers find them: by the Stripe ids an event carries, locked
 * for the rest of the transaction, so two events of one payment never interleave their
 * bookkeeping (refunded/disputed high-water marks) even on a multi-session server.
 *
 * Payment.status: pending (checkout created) → processing (async method, waiting) → paid,
 * or failed; after a reversal partially_refunded, refunded or disputed.
 */

export type TPaymentKeys = {
  checkoutSessionId?: string | null;
  paymentIntentId?: string | null;
  /** Our own Payment id, from the metadata the checkout put on the session and payment intent. */
  paymentId?: string | null;
};

export type TLocatedPayment = { kind: "found"; payment: Payment } | { kind: "none" } | { kind: "conflict"; note: string };

/**
 * Locks the Payment the keys point to. All candidate rows are locked in id order (no
 * deadlocks); keys that point to different rows, or a row already tied to other Stripe ids,
 * are a conflict for a human to look at.
 */
export async function lockPayment(tx: TransactionClient, keys: TPaymentKeys): Promise<TLocatedPayment> {
  const sessionId = keys.checkoutSessionId ?? null;
  const intentId = keys.paymentIntentId ?? null;
  const paymentId = keys.paymentId ?? null;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM payments
    WHERE stripe_checkout_session_id = ${sessionId} OR stripe_payment_intent_id = ${intentId} OR id = ${paymentId}
    ORDER BY id FOR UPDATE`;
  if (rows.length === 0) return { kind: "none" };
  if (rows.length > 1) return { kind: "conflict", note: `The Stripe ids point to ${rows.length} different payments (${rows.map((r) => r.id).join(", ")})` };
  const payment = await tx.payment.findUniqueOrThrow({ where: { id: rows[0]!.id } });
  if (sessionId && payment.stripeCheckoutSessionId && payment.stripeCheckoutSessionId !== sessionId) {
    return { kind: "conflict", note: `Payment ${payment.id} belongs to checkout session ${payment.stripeCheckoutSessionId}, not ${sessionId}` };
  }
  if (intentId && payment.stripePaymentIntentId && payment.stripePaymentIntentId !== intentId) {
    return { kind: "conflict", note: `Payment ${payment.id} belongs to payment intent ${payment.stripePaymentIntentId}, not ${intentId}` };
  }
  return { kind: "found", payment };
}

/**
 * Locks the payment, creating it first when none exists (a session created outside this app,
 * or a refund that arrived before the checkout's completion). Safe when two events of one
 * payment race: the loser's insert is skipped on the unique Stripe ids and it locks the
 * winner's row.
 */
export async function lockOrCreatePayment(
  tx: TransactionClient,
  keys: TPaymentKeys,
  create: { workspaceId: string; amountCents: number; currency: string; status: string },
): Promise<TLocatedPayment> {
  const existing = await lockPayment(tx, keys);
  if (existing.kind !== "none") return existing;
  await tx.payment.createMany({
    data: [{ ...create, stripeCheckoutSessionId: keys.checkoutSessionId ?? null, stripePaymentIntentId: keys.paymentIntentId ?? null }],
    skipDuplicates: true,
  });
  return lockPayment(tx, keys);
}

/** The workspace a Stripe object claims, checked to exist. */
export async function resolveWorkspace(
  tx: TransactionClient,
  claims: Array<string | null | undefined>,
): Promise<{ kind: "found"; workspaceId: string } | { kind: "none" } | { kind: "unknown"; workspaceId: string } | { kind: "conflict"; note: string }> {
  const distinct = [...new Set(claims.filter((c): c is string => typeof c === "string" && c.length > 0))];
  if (distinct.length === 0) return { kind: "none" };
  if (distinct.length > 1) return { kind: "conflict", note: `The event names different workspaces (${distinct.join(", ")})` };
  const workspace = await tx.workspace.findUnique({ where: { id: distinct[0] }, select: { id: true } });
  return workspace ? { kind: "found", workspaceId: workspace.id } : { kind: "unknown", workspaceId: distinct[0]! };
}

/** The status a paid (or reversed) payment shows, from its amounts. */
export function settledStatus(payment: Pick<Payment, "status" | "paidAt" | "amountCents" | "amountTotalCents" | "refundedCents" | "disputedCents">): string {
  if (payment.disputedCents > 0) return "disputed";
  const total = payment.amountTotalCents ?? payment.amountCents;
  if (payment.refundedCents > 0) return payment.refundedCents >= total ? "refunded" : "partially_refunded";
  return payment.paidAt ? "paid" : payment.status;
}
