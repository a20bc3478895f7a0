import type Stripe from "stripe";
import { expect } from "vitest";
import { POST } from "@/app/api/stripe/webhook/route";
import { getBalance } from "@/lib/billing/get-balance";
import { db } from "@/lib/db/client";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { charge, checkoutSession, dispute, sessionEvent, signedDelivery, stripeId, type TSessionInput } from "../../helpers/stripe-events";

/** Shared setup for the webhook-*.test.ts files: deliveries, ledger/Payment/event-row readers and top-up fixtures. */

export type TDelivered = { status: number; body: { received?: boolean; status?: string; error?: { code: string } } };

/** Delivers a signed event `times` times (as Stripe's retries would) and returns the last answer. */
export async function deliver(event: Stripe.Event, times = 1): Promise<TDelivered> {
  let last: TDelivered | undefined;
  for (let i = 0; i < times; i++) {
    const res = await POST(signedDelivery(event));
    last = { status: res.status, body: await res.json() };
  }
  return last!;
}

export const balance = async (workspaceId: string) => (await getBalance(workspaceId)).balanceCents;
export const entriesOf = (workspaceId: string) =>
  db().ledgerEntry.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" }, select: { idempotencyKey: true, kind: true, amountCents: true } });
export const eventRow = (id: string) => db().stripeEvent.findUniqueOrThrow({ where: { id } });

/** A workspace with a pending Payment as the app's checkout creates it, and the matching session. */
export async function pendingTopUp(name: string, session: Omit<TSessionInput, "workspaceId" | "paymentId"> & { withPaymentRow?: boolean }) {
  const { workspace, owner } = await createOwnerWithWorkspace(name);
  const withRow = session.withPaymentRow ?? true;
  const payment = withRow
    ? await db().payment.create({ data: { workspaceId: workspace.id, status: "pending", amountCents: session.amountTotal - (session.amountTax ?? 0), currency: "eur" } })
    : null;
  const built = checkoutSession({ ...session, workspaceId: workspace.id, paymentId: payment?.id ?? null });
  if (payment) await db().payment.update({ where: { id: payment.id }, data: { stripeCheckoutSessionId: built.id } });
  const paymentIntentId = built.payment_intent as string;
  const chargeId = stripeId("ch_3Q");
  const chargeOf = (amountRefunded: number) =>
    charge({ id: chargeId, paymentIntentId, amount: session.amountTotal, amountRefunded, metadata: { workspaceId: workspace.id, ...(payment ? { paymentId: payment.id } : {}) } });
  const disputeOf = (id: string, status: Stripe.Dispute.Status, amount = session.amountTotal) => dispute({ id, chargeId, paymentIntentId, amount, status });
  return { workspaceId: workspace.id, owner, paymentId: payment?.id ?? null, session: built, paymentIntentId, chargeOf, disputeOf };
}

/** A workspace whose top-up was paid and credited. */
export async function paidTopUp(name: string, amountTotal: number) {
  const t = await pendingTopUp(name, { amountTotal });
  expect((await deliver(sessionEvent("checkout.session.completed", t.session))).status).toBe(200);
  expect(await balance(t.workspaceId)).toBe(amountTotal);
  return t;
}

export const paymentOf = (sessionId: string) => db().payment.findUniqueOrThrow({ where: { stripeCheckoutSessionId: sessionId } });
