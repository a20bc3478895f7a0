import type { TransactionClient } from "../../db/transaction";
import { PLATFORM_ACCOUNTS, workspaceAccountKey } from "../accounts";
import { postEntry } from "../post-entry";
import { TOP_UP_CURRENCY } from "./checkout-session";
import { lockPayment, settledStatus } from "./payments";
import { ZDispute, type TDispute, type TStripeEvent } from "./stripe-objects";
import { flagged, processed, unknownWorkspace, type TBalanceChange, type TWebhookOutcome } from "./types";

/**
 * What a dispute event does to the workspace's balance, mirroring what Stripe does to ours:
 * "withdraw" takes the disputed amount back (Stripe withdrew it), "reinstate" gives it back
 * (Stripe returned it: the dispute was won).
 */
export type TDisputeAction = { action: "withdraw" | "reinstate" } | { action: "none"; note: string };

/** Inquiries (warning_*) and prevented disputes never move money. */
export function movesMoney(status: string): boolean {
  return !status.startsWith("warning_") && status !== "prevented";
}

/**
 * Applies a dispute event. Two keys per dispute, `dispute:<id>:withdrawn` and
 * `dispute:<id>:reinstated`; a reinstatement always books the withdrawal first (a no-op when
 * it exists), so created / funds_withdrawn / funds_reinstated / closed in any order, any
 * number of times, net to what Stripe netted: -amount when lost, 0 when won.
 */
export async function applyDisputeEvent(tx: TransactionClient, event: TStripeEvent, decide: (dispute: TDispute) => TDisputeAction): Promise<TWebhookOutcome> {
  const parsed = ZDispute.safeParse(event.data.object);
  if (!parsed.success) return flagged(null, `Unexpected dispute shape: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const dispute = parsed.data;

  const located = await lockPayment(tx, { paymentIntentId: dispute.payment_intent });
  if (located.kind === "none") return unknownWorkspace(`Dispute ${dispute.id}: no top-up with payment intent ${dispute.payment_intent ?? "(none)"}`);
  if (located.kind === "conflict") return flagged(null, located.note);
  const { payment } = located;
  const workspaceId = payment.workspaceId;
  if (dispute.currency !== TOP_UP_CURRENCY) return flagged(workspaceId, `Dispute ${dispute.id} is in ${dispute.currency}; disputes are booked in ${TOP_UP_CURRENCY} only`);

  const decision = decide(dispute);
  if (decision.action === "none") return processed(workspaceId, [], decision.note);
  if (dispute.amount === 0) return processed(workspaceId, [], `Dispute ${dispute.id} is for 0 cents`);

  const customer = workspaceAccountKey(workspaceId);
  const reference = { paymentId: payment.id, disputeId: dispute.id, chargeId: dispute.charge, paymentIntentId: dispute.payment_intent, eventId: event.id };
  const changes: TBalanceChange[] = [];
  let disputedDelta = 0;

  const withdrawn = await postEntry(tx, {
    idempotencyKey: `dispute:${dispute.id}:withdrawn`,
    kind: "dispute",
    debit: customer,
    credit: PLATFORM_ACCOUNTS.stripe,
    amountCents: dispute.amount,
    description: "Payment disputed (Stripe)",
    reference,
    funds: "none",
  });
  if (withdrawn.created) {
    disputedDelta += withdrawn.amountCents;
    changes.push({ workspaceId, change: "debit" });
  }
  if (decision.action === "reinstate") {
    const reinstated = await postEntry(tx, {
      idempotencyKey: `dispute:${dispute.id}:reinstated`,
      kind: "dispute_reinstated",
      debit: PLATFORM_ACCOUNTS.stripe,
      credit: customer,
      amountCents: withdrawn.amountCents,
      description: "Dispute won (Stripe)",
      reference,
      funds: "none",
    });
    if (reinstated.created) {
      disputedDelta -= reinstated.amountCents;
      changes.push({ workspaceId, change: "credit" });
    }
  }
  if (disputedDelta !== 0) {
    const disputedCents = payment.disputedCents + disputedDelta;
    await tx.payment.update({ where: { id: payment.id }, data: { disputedCents, status: settledStatus({ ...payment, disputedCents }) } });
  }
  return processed(workspaceId, changes);
}
