import { db } from "../../db/client";
import type { TransactionClient } from "../../db/transaction";
import type { TStripeEvent } from "./stripe-objects";
import { FINAL_EVENT_STATUSES, type TWebhookOutcome } from "./types";

/**
 * stripe_events is the log of every verified delivery and the idempotency guard: one row per
 * Stripe event id, its delivery count, and how processing ended.
 */

/**
 * Stores a verified delivery (or counts a redelivery) and returns the event's status before
 * this delivery's processing. Committed on its own, so the count survives a failed attempt.
 * An event type without a handler is stored as "ignored" right away.
 */
export async function recordDelivery(event: TStripeEvent, payload: Record<string, unknown>, handled: boolean): Promise<{ status: string; deliveries: number }> {
  const status = handled ? "received" : "ignored";
  const rows = await db().$queryRaw<{ status: string; deliveries: number }[]>`
    INSERT INTO stripe_events (id, type, livemode, status, error, payload, deliveries, received_at, processed_at)
    VALUES (${event.id}, ${event.type}, ${event.livemode}, ${status}, ${handled ? null : "No handler for this event type"},
      ${JSON.stringify(payload)}::jsonb, 1, now(), ${handled ? null : new Date()})
    ON CONFLICT (id) DO UPDATE SET deliveries = stripe_events.deliveries + 1
    RETURNING status, deliveries`;
  return rows[0]!;
}

/**
 * Locks the event row for the rest of the transaction and tells whether it still needs
 * processing. A concurrent delivery of the same event waits here and then sees it final.
 */
export async function claimEvent(tx: TransactionClient, eventId: string): Promise<{ claimed: boolean; status: string }> {
  const rows = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM stripe_events WHERE id = ${eventId} FOR UPDATE`;
  const status = rows[0]?.status ?? "missing";
  return { claimed: rows.length === 1 && !FINAL_EVENT_STATUSES.has(status), status };
}

/** Marks a claimed event with its outcome, in the transaction that did the work. */
export async function finishEvent(tx: TransactionClient, eventId: string, outcome: TWebhookOutcome): Promise<void> {
  await tx.stripeEvent.update({
    where: { id: eventId },
    data: { status: outcome.status, workspaceId: outcome.workspaceId, error: outcome.note, processedAt: new Date() },
  });
}

/**
 * Records why processing failed, after its transaction rolled back. Never overwrites a final
 * status (a concurrent delivery may have processed the event meanwhile).
 */
export async function markEventFailed(eventId: string, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  await db().stripeEvent.updateMany({
    where: { id: eventId, status: { in: ["received", "failed"] } },
    data: { status: "failed", error: message },
  });
}
