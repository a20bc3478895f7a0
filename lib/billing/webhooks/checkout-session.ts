import type { Payment } from "../../db/generated/client";
import type { TransactionClient } from "../../db/transaction";
import { PLATFORM_ACCOUNTS, workspaceAccountKey } from "../accounts";
import { postEntry } from "../post-entry";
import { lockOrCreatePayment, resolveWorkspace, settledStatus } from "./payments";
import { ZCheckoutSession, type TCheckoutSession, type TStripeEvent } from "./stripe-objects";
import { flagged, ignored, processed, unknownWorkspace, type TWebhookOutcome } from "./types";

export const TOP_UP_CURRENCY = "eur";

type TSessionPayment = { kind: "ready"; session: TCheckoutSession; workspaceId: string; payment: Payment } | { kind: "done"; outcome: TWebhookOutcome };

/**
 * What every checkout.session event needs first: the session, its workspace (from
 * client_reference_id / metadata.workspaceId, which must agree and exist) and its Payment row,
 * locked (created when the session was made elsewhere). The Payment must belong to the same
 * workspace. Anything else ends the event here, without a ledger entry.
 */
export async function loadSessionPayment(tx: TransactionClient, event: TStripeEvent): Promise<TSessionPayment> {
  const parsed = ZCheckoutSession.safeParse(event.data.object);
  if (!parsed.success) return { kind: "done", outcome: flagged(null, `Unexpected checkout session shape: ${parsed.error.issues[0]?.message ?? "invalid"}`) };
  const session = parsed.data;
  if (session.mode !== "payment") return { kind: "done", outcome: ignored(`Checkout session in ${session.mode} mode is not a top-up`) };

  const claimed = await resolveWorkspace(tx, [session.client_reference_id, session.metadata.workspaceId]);
  if (claimed.kind === "conflict") return { kind: "done", outcome: flagged(null, claimed.note) };
  if (claimed.kind === "unknown") return { kind: "done", outcome: unknownWorkspace(`No workspace ${claimed.workspaceId} (checkout session ${session.id})`) };
  if (claimed.kind === "none") return { kind: "done", outcome: unknownWorkspace(`Checkout session ${session.id} names no workspace`) };
  const workspaceId = claimed.workspaceId;

  const located = await lockOrCreatePayment(
    tx,
    { checkoutSessionId: session.id, paymentIntentId: session.payment_intent, paymentId: session.metadata.paymentId },
    { workspaceId, amountCents: session.amount_total ?? 0, currency: session.currency ?? TOP_UP_CURRENCY, status: "pending" },
  );
  if (located.kind !== "found") return { kind: "done", outcome: flagged(workspaceId, located.kind === "conflict" ? located.note : "Payment row could not be created") };
  if (located.payment.workspaceId !== workspaceId) {
    return { kind: "done", outcome: flagged(workspaceId, `Payment ${located.payment.id} belongs to workspace ${located.payment.workspaceId}, the session names ${workspaceId}`) };
  }
  return { kind: "ready", session, workspaceId, payment: located.payment };
}

/** The Stripe ids and amounts a session adds to its Payment row (never erasing known ones). */
function sessionFields(session: TCheckoutSession) {
  return {
    stripeCheckoutSessionId: session.id,
    ...(session.payment_intent ? { stripePaymentIntentId: session.payment_intent } : {}),
    ...(session.invoice ? { stripeInvoiceId: session.invoice } : {}),
    ...(session.amount_total !== null ? { amountTotalCents: session.amount_total } : {}),
    ...(session.total_details ? { amountTaxCents: session.total_details.amount_tax } : {}),
  };
}

/**
 * Credits a paid session: `amount_total` (what the customer paid, VAT included when Stripe
 * Tax added it; the tax part is kept in amountTaxCents) from the platform's Stripe account
 * to the workspace, keyed by the session id, so completed and async_payment_succeeded credit
 * once between them whatever their order.
 */
export async function creditPaidSession(tx: TransactionClient, event: TStripeEvent, ready: Extract<TSessionPayment, { kind: "ready" }>): Promise<TWebhookOutcome> {
  const { session, workspaceId, payment } = ready;
  if (session.currency !== TOP_UP_CURRENCY) {
    return flagged(workspaceId, `Checkout session ${session.id} is in ${session.currency ?? "no currency"}, top-ups are credited in ${TOP_UP_CURRENCY} only`);
  }
  if (!session.amount_total) return flagged(workspaceId, `Checkout session ${session.id} is paid but has no amount to credit`);

  const posted = await postEntry(tx, {
    idempotencyKey: `payment:${session.id}`,
    kind: "top_up",
    debit: PLATFORM_ACCOUNTS.stripe,
    credit: workspaceAccountKey(workspaceId),
    amountCents: session.amount_total,
    description: "Top-up (Stripe)",
    reference: {
      paymentId: payment.id,
      checkoutSessionId: session.id,
      paymentIntentId: session.payment_intent,
      invoiceId: session.invoice,
      amountTaxCents: session.total_details?.amount_tax ?? null,
      eventId: event.id,
    },
    funds: "none",
  });
  const paid = { ...payment, ...sessionFields(session), currency: session.currency, creditedCents: posted.amountCents, paidAt: payment.paidAt ?? new Date() };
  await tx.payment.update({
    where: { id: payment.id },
    data: { ...sessionFields(session), currency: paid.currency, creditedCents: paid.creditedCents, paidAt: paid.paidAt, status: settledStatus(paid) },
  });
  return processed(workspaceId, posted.created ? [{ workspaceId, change: "credit" }] : []);
}

/**
 * A completed session whose payment method settles later (SEPA debit, bank transfer): the
 * Payment waits in "processing" for async_payment_succeeded or _failed. A payment already
 * settled by an earlier-arriving async event keeps its status.
 */
export async function markSessionProcessing(tx: TransactionClient, ready: Extract<TSessionPayment, { kind: "ready" }>): Promise<TWebhookOutcome> {
  const { session, workspaceId, payment } = ready;
  await tx.payment.update({
    where: { id: payment.id },
    data: { ...sessionFields(session), ...(payment.status === "pending" ? { status: "processing" } : {}) },
  });
  return processed(workspaceId, [], payment.status === "pending" ? null : `Payment already ${payment.status}`);
}
