import type { TransactionClient } from "../../db/transaction";
import type { TStripeEvent } from "./stripe-objects";

/**
 * How an event ended (stripe_events.status). "received" and "failed" are not final: a later
 * delivery processes the event again. The others are final: redeliveries change nothing.
 */
export type TStripeEventStatus = "received" | "processed" | "ignored" | "flagged" | "unknown_workspace" | "failed";

export const FINAL_EVENT_STATUSES: ReadonlySet<string> = new Set<TStripeEventStatus>(["processed", "ignored", "flagged", "unknown_workspace"]);

export type TBalanceChange = { workspaceId: string; change: "credit" | "debit" };

export type TWebhookOutcome = {
  status: Exclude<TStripeEventStatus, "received" | "failed">;
  workspaceId: string | null;
  /** Why an event was ignored, flagged or not matched (stored in stripe_events.error). */
  note: string | null;
  /** Balances this event moved, for the low-balance notices sent after the commit. */
  balanceChanges: TBalanceChange[];
};

/**
 * One Stripe event type. Runs inside the transaction that also marks the event, with the
 * event row locked: it either commits with its ledger entries or not at all.
 */
export type TWebhookHandler = (tx: TransactionClient, event: TStripeEvent) => Promise<TWebhookOutcome>;

export function processed(workspaceId: string, balanceChanges: TBalanceChange[] = [], note: string | null = null): TWebhookOutcome {
  return { status: "processed", workspaceId, note, balanceChanges };
}

export function flagged(workspaceId: string | null, note: string): TWebhookOutcome {
  return { status: "flagged", workspaceId, note, balanceChanges: [] };
}

export function ignored(note: string, workspaceId: string | null = null): TWebhookOutcome {
  return { status: "ignored", workspaceId, note, balanceChanges: [] };
}

export function unknownWorkspace(note: string): TWebhookOutcome {
  return { status: "unknown_workspace", workspaceId: null, note, balanceChanges: [] };
}
