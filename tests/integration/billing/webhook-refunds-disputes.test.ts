import { describe, expect, it } from "vitest";
import { adjustCredits } from "@/lib/billing/adjust-credits";
import { db } from "@/lib/db/client";
import { newMailTo } from "../../helpers/outbox";
import { charge, chargeRefundedEvent, disputeEvent, sessionEvent, stripeId, TEST_WEBHOOK_SECRET } from "../../helpers/stripe-events";
import { useTestDatabase } from "../../helpers/test-database";
import { balance, deliver, entriesOf, eventRow, paidTopUp, paymentOf, pendingTopUp } from "./webhook-support";

useTestDatabase({ env: { STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET } });

describe("charge.refunded", () => {
  it("partial refunds out of order reverse only the new part; a full refund then takes the rest", async () => {
    const t = await paidTopUp("Refund Co", 10_000);
    const second = chargeRefundedEvent(t.chargeOf(5_000), 3_000);
    const first = chargeRefundedEvent(t.chargeOf(3_000), 0);
    expect(await deliver(second, 2)).toMatchObject({ status: 200, body: { status: "processed" } });
    expect(await deliver(first, 2)).toMatchObject({ status: 200, body: { status: "processed" } });
    expect(await balance(t.workspaceId)).toBe(5_000);
    expect(await paymentOf(t.session.id)).toMatchObject({ refundedCents: 5_000, status: "partially_refunded" });

    await deliver(chargeRefundedEvent(t.chargeOf(10_000), 5_000), 3);
    expect(await balance(t.workspaceId)).toBe(0);
    expect(await entriesOf(t.workspaceId)).toEqual([
      { idempotencyKey: `payment:${t.session.id}`, kind: "top_up", amountCents: 10_000 },
      { idempotencyKey: `refund:${t.chargeOf(0).id}:5000`, kind: "refund", amountCents: 5_000 },
      { idempotencyKey: `refund:${t.chargeOf(0).id}:10000`, kind: "refund", amountCents: 5_000 },
    ]);
    expect(await paymentOf(t.session.id)).toMatchObject({ refundedCents: 10_000, status: "refunded", creditedCents: 10_000 });
  });

  it("a refund after a partial refund takes exactly the remainder", async () => {
    const t = await paidTopUp("Two Refunds Co", 8_000);
    await deliver(chargeRefundedEvent(t.chargeOf(2_000), 0), 2);
    expect(await balance(t.workspaceId)).toBe(6_000);
    await deliver(chargeRefundedEvent(t.chargeOf(8_000), 2_000), 2);
    expect(await balance(t.workspaceId)).toBe(0);
    const refunds = (await entriesOf(t.workspaceId)).filter((e) => e.kind === "refund");
    expect(refunds.map((e) => e.amountCents)).toEqual([2_000, 6_000]);
  });

  it("a full refund of spent credit takes the balance below zero, and the owner hears about the low balance", async () => {
    const t = await paidTopUp("Spent Co", 2_000);
    await adjustCredits({ workspaceId: t.workspaceId, actorId: null }, { amountCents: -1_500, reason: "usage stand-in" });
    expect(await balance(t.workspaceId)).toBe(500);
    const { mail } = await newMailTo(t.owner.email, () => deliver(chargeRefundedEvent(t.chargeOf(2_000), 0)));
    expect(mail.subject).toContain("below");
    expect(await balance(t.workspaceId)).toBe(-1_500);
  });

  it("a refund that arrives before the checkout's completion nets out once the credit lands", async () => {
    const t = await pendingTopUp("Early Refund Co", { amountTotal: 10_000 });
    await deliver(chargeRefundedEvent(t.chargeOf(4_000), 0));
    expect(await balance(t.workspaceId)).toBe(-4_000);
    await deliver(sessionEvent("checkout.session.completed", t.session));
    expect(await balance(t.workspaceId)).toBe(6_000);
    expect(await paymentOf(t.session.id)).toMatchObject({ id: t.paymentId, creditedCents: 10_000, refundedCents: 4_000, status: "partially_refunded" });

    // The same for a session created elsewhere: the refund creates the Payment by payment intent.
    const u = await pendingTopUp("Early Refund Elsewhere Co", { amountTotal: 7_000, withPaymentRow: false });
    await deliver(chargeRefundedEvent(u.chargeOf(7_000), 0));
    await deliver(sessionEvent("checkout.session.completed", u.session));
    expect(await balance(u.workspaceId)).toBe(0);
    expect(await db().payment.findMany({ where: { workspaceId: u.workspaceId } })).toMatchObject([
      { stripeCheckoutSessionId: u.session.id, stripePaymentIntentId: u.paymentIntentId, creditedCents: 7_000, refundedCents: 7_000, status: "refunded" },
    ]);
  });

  it("a charge this app does not know is stored as unknown_workspace", async () => {
    const event = chargeRefundedEvent(charge({ paymentIntentId: stripeId("pi_3Q"), amount: 1_000, amountRefunded: 1_000 }));
    expect(await deliver(event)).toMatchObject({ status: 200, body: { status: "unknown_workspace" } });
  });
});

describe("disputes", () => {
  it("lost: created withdraws, funds_withdrawn and closed(lost) add nothing", async () => {
    const t = await paidTopUp("Lost Dispute Co", 5_000);
    const id = stripeId("du_1Q");
    await deliver(disputeEvent("charge.dispute.created", t.disputeOf(id, "needs_response")), 2);
    expect(await balance(t.workspaceId)).toBe(0);
    await deliver(disputeEvent("charge.dispute.funds_withdrawn", t.disputeOf(id, "needs_response")));
    await deliver(disputeEvent("charge.dispute.closed", t.disputeOf(id, "lost")), 2);
    expect(await balance(t.workspaceId)).toBe(0);
    expect((await entriesOf(t.workspaceId)).slice(1)).toEqual([{ idempotencyKey: `dispute:${id}:withdrawn`, kind: "dispute", amountCents: 5_000 }]);
    expect(await paymentOf(t.session.id)).toMatchObject({ disputedCents: 5_000, status: "disputed" });
  });

  it("won: the amount comes back once, whatever the order of created, withdrawn, reinstated and closed", async () => {
    const t = await paidTopUp("Won Dispute Co", 5_000);
    const id = stripeId("du_1Q");
    await deliver(disputeEvent("charge.dispute.created", t.disputeOf(id, "needs_response")));
    expect(await balance(t.workspaceId)).toBe(0);
    await deliver(disputeEvent("charge.dispute.closed", t.disputeOf(id, "won")), 2);
    expect(await balance(t.workspaceId)).toBe(5_000);
    await deliver(disputeEvent("charge.dispute.funds_reinstated", t.disputeOf(id, "won")));
    expect(await paymentOf(t.session.id)).toMatchObject({ disputedCents: 0, status: "paid" });

    const u = await paidTopUp("Won Backwards Co", 3_000);
    const id2 = stripeId("du_1Q");
    await deliver(disputeEvent("charge.dispute.closed", u.disputeOf(id2, "won")));
    await deliver(disputeEvent("charge.dispute.funds_reinstated", u.disputeOf(id2, "won")));
    await deliver(disputeEvent("charge.dispute.funds_withdrawn", u.disputeOf(id2, "needs_response")));
    await deliver(disputeEvent("charge.dispute.created", u.disputeOf(id2, "needs_response")));
    expect(await balance(u.workspaceId)).toBe(3_000);
    expect((await entriesOf(u.workspaceId)).map((e) => e.kind)).toEqual(["top_up", "dispute", "dispute_reinstated"]);
  });

  it("an inquiry moves no money; if it escalates, the withdrawal is booked once", async () => {
    const t = await paidTopUp("Inquiry Co", 4_000);
    const id = stripeId("du_1Q");
    const created = disputeEvent("charge.dispute.created", t.disputeOf(id, "warning_needs_response"));
    expect(await deliver(created)).toMatchObject({ status: 200, body: { status: "processed" } });
    expect((await eventRow(created.id)).error).toContain("warning_needs_response");
    await deliver(disputeEvent("charge.dispute.closed", t.disputeOf(id, "warning_closed")));
    expect(await balance(t.workspaceId)).toBe(4_000);
    expect(await entriesOf(t.workspaceId)).toHaveLength(1);

    const u = await paidTopUp("Escalated Co", 4_000);
    const id2 = stripeId("du_1Q");
    await deliver(disputeEvent("charge.dispute.created", u.disputeOf(id2, "warning_needs_response")));
    await deliver(disputeEvent("charge.dispute.funds_withdrawn", u.disputeOf(id2, "needs_response")));
    await deliver(disputeEvent("charge.dispute.closed", u.disputeOf(id2, "lost")));
    expect(await balance(u.workspaceId)).toBe(0);
    expect((await entriesOf(u.workspaceId)).map((e) => e.kind)).toEqual(["top_up", "dispute"]);
  });

  it("a partial refund and a lost dispute of the rest net to zero, like Stripe's books", async () => {
    const t = await paidTopUp("Refund Then Dispute Co", 10_000);
    await deliver(chargeRefundedEvent(t.chargeOf(3_000), 0));
    const id = stripeId("du_1Q");
    await deliver(disputeEvent("charge.dispute.created", t.disputeOf(id, "needs_response", 7_000)));
    await deliver(disputeEvent("charge.dispute.closed", t.disputeOf(id, "lost", 7_000)));
    expect(await balance(t.workspaceId)).toBe(0);
    expect(await paymentOf(t.session.id)).toMatchObject({ refundedCents: 3_000, disputedCents: 7_000, status: "disputed" });
  });
});
