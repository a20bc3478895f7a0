import { db } from "../../db/client";
import { log } from "../../log/logger";
import { noteBalanceChange } from "../balance-notices";
import { handleChargeDisputeClosed } from "./charge-dispute-closed";
import { handleChargeDisputeCreated } from "./charge-dispute-created";
import { handleChargeDisputeFundsReinstated } from "./charge-dispute-funds-reinstated";
import { handleChargeDisputeFundsWithdrawn } from "./charge-dispute-funds-withdrawn";
import { handleChargeRefunded } from "./charge-refunded";
import { handleCheckoutSessionAsyncPaymentFailed } from "./checkout-session-async-payment-failed";
import { handleCheckoutSessionAsyncPaymentSucceeded } from "./checkout-session-async-payment-succeeded";
import { handleCheckoutSessionCompleted } from "./checkout-session-completed";
import { handleCheckoutSessionExpired } from "./checkout-session-expired";
import { claimEvent, finishEvent, markEventFailed, recordDelivery } from "./event-log";
import { FINAL_EVENT_STATUSES, type TBalanceChange, type TStripeEventStatus, type TWebhookHandler, type TWebhookOutcome } from "./types";
import type { TVerifiedStripeEvent } from "./verify-stripe-event";

/** The event types the Stripe dashboard should send (docs/operations.md); others are stored as ignored. */
export const WEBHOOK_HANDLERS: Readonly<Record<string, TWebhookHandler>> = {
  "checkout.session.completed": handleCheckoutSessionCompleted,
  "checkout.session.async_payment_succeeded": handleCheckoutSessionAsyncPaymentSucceeded,
  "checkout.session.async_payment_failed": handleCheckoutSessionAsyncPaymentFailed,
  "checkout.session.expired": handleCheckoutSessionExpired,
  "charge.refunded": handleChargeRefunded,
  "charge.dispute.created": handleChargeDisputeCreated,
  "charge.dispute.funds_withdrawn": handleChargeDisputeFundsWithdrawn,
  "charge.dispute.funds_reinstated": handleChargeDisputeFundsReinstated,
  "charge.dispute.closed": handleChargeDisputeClosed,
};

export const HANDLED_EVENT_TYPES = Object.keys(WEBHOOK_HANDLERS);

/** Generous: on the embedded database every transaction waits for the ones before it. */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

export type TProcessResult = {
  status: TStripeEventStatus;
  deliveries: number;
  /** Stripe should retry (respond 500). */
  retry: boolean;
};

/**
 * Stores the delivery, then processes the event once: the handler's ledger entries and the
 * event's final status commit in one transaction that holds the event row's lock, so a crash
 * leaves neither a credited-but-unmarked nor a marked-but-uncredited event, and concurrent
 * deliveries of one event wait and then find it final. A failure rolls everything back, is
 * recorded as "failed" and asks Stripe to retry; the next delivery processes it again.
 * Low-balance notices go out after the commit.
 */
export async function processStripeEvent({ event, payload }: TVerifiedStripeEvent): Promise<TProcessResult> {
  const handler = Object.hasOwn(WEBHOOK_HANDLERS, event.type) ? WEBHOOK_HANDLERS[event.type] : undefined;
  const delivery = await recordDelivery(event, payload, handler !== undefined);
  if (!handler || FINAL_EVENT_STATUSES.has(delivery.status)) {
    return { status: delivery.status as TStripeEventStatus, deliveries: delivery.deliveries, retry: false };
  }

  let outcome: TWebhookOutcome | { alreadyFinal: string };
  try {
    outcome = await db().$transaction(async (tx) => {
      const claim = await claimEvent(tx, event.id);
      if (!claim.claimed) return { alreadyFinal: claim.status };
      const result = await handler(tx, event);
      await finishEvent(tx, event.id, result);
      return result;
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    log.error("Stripe event failed; Stripe will retry it", { eventId: event.id, type: event.type, error: error instanceof Error ? error.stack : String(error) });
    await markEventFailed(event.id, error);
    return { status: "failed", deliveries: delivery.deliveries, retry: true };
  }
  if ("alreadyFinal" in outcome) return { status: outcome.alreadyFinal as TStripeEventStatus, deliveries: delivery.deliveries, retry: false };

  if (outcome.status === "unknown_workspace") {
    log.warn("Stripe event for an unknown workspace: stored, not applied", { eventId: event.id, type: event.type, note: outcome.note });
  } else if (outcome.status === "flagged") {
    log.warn("Stripe event flagged for review: stored, not applied", { eventId: event.id, type: event.type, workspaceId: outcome.workspaceId, note: outcome.note });
  }
  await noteBalanceChanges(outcome.balanceChanges);
  return { status: outcome.status, deliveries: delivery.deliveries, retry: false };
}

/** One notice check per workspace; a failure there never undoes or retries the event. */
async function noteBalanceChanges(changes: TBalanceChange[]): Promise<void> {
  const byWorkspace = new Map<string, TBalanceChange["change"]>();
  for (const c of changes) byWorkspace.set(c.workspaceId, byWorkspace.get(c.workspaceId) === "credit" ? "credit" : c.change);
  for (const [workspaceId, change] of byWorkspace) {
    try {
      await noteBalanceChange(workspaceId, change);
    } catch (error) {
      log.error("Balance notice after a Stripe event failed", { workspaceId, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
