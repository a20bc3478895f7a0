import { describe, expect, it } from "vitest";
import { HANDLED_EVENT_TYPES } from "@/lib/billing/webhooks/process-stripe-event";
import { db } from "@/lib/db/client";
import { listPayments } from "@/lib/billing/list-payments";
import { contextFor, createOwnerWithWorkspace } from "../../helpers/factories";
import { checkoutSession, customerCreatedEvent, sessionEvent, TEST_WEBHOOK_SECRET } from "../../helpers/stripe-events";
import { useTestDatabase } from "../../helpers/test-database";
import { balance, deliver, entriesOf, eventRow, paidTopUp, paymentOf, pendingTopUp } from "./webhook-support";

useTestDatabase({ env: { STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET } });

describe("checkout.session.completed", () => {
  it("credits amount_total (VAT included) and records the Stripe ids, tax and credited amount on the Payment", async () => {
    const t = await pendingTopUp("Tax Co", { amountTotal: 11_900, amountTax: 1_900 });
    const event = sessionEvent("checkout.session.completed", t.session);
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, eventId: event.id, status: "processed" } });

    expect(await balance(t.workspaceId)).toBe(11_900);
    expect(await entriesOf(t.workspaceId)).toEqual([{ idempotencyKey: `payment:${t.session.id}`, kind: "top_up", amountCents: 11_900 }]);
    const payment = await paymentOf(t.session.id);
    expect(payment).toMatchObject({
      id: t.paymentId,
      status: "paid",
      amountCents: 10_000,
      amountTotalCents: 11_900,
      amountTaxCents: 1_900,
      creditedCents: 11_900,
      stripePaymentIntentId: t.paymentIntentId,
      stripeInvoiceId: t.session.invoice,
    });
    expect(payment.paidAt).toBeInstanceOf(Date);
    expect(await eventRow(event.id)).toMatchObject({ status: "processed", workspaceId: t.workspaceId, deliveries: 1, error: null, type: "checkout.session.completed" });
  });

  it("creates the Payment when the session was made outside the app (no Payment row yet)", async () => {
    const t = await pendingTopUp("Elsewhere Co", { amountTotal: 2_500, withPaymentRow: false });
    expect((await deliver(sessionEvent("checkout.session.completed", t.session), 3)).status).toBe(200);
    expect(await balance(t.workspaceId)).toBe(2_500);
    expect(await paymentOf(t.session.id)).toMatchObject({ workspaceId: t.workspaceId, status: "paid", amountCents: 2_500, creditedCents: 2_500 });
    expect(await db().payment.count({ where: { workspaceId: t.workspaceId } })).toBe(1);
  });

  it("flags a currency other than eur: stored, 200, nothing credited", async () => {
    const t = await pendingTopUp("Dollar Co", { amountTotal: 5_000, currency: "usd" });
    const event = sessionEvent("checkout.session.completed", t.session);
    expect(await deliver(event, 2)).toMatchObject({ status: 200, body: { status: "flagged" } });
    expect(await balance(t.workspaceId)).toBe(0);
    expect(await entriesOf(t.workspaceId)).toEqual([]);
    const row = await eventRow(event.id);
    expect(row).toMatchObject({ status: "flagged", workspaceId: t.workspaceId, deliveries: 2 });
    expect(row.error).toContain("usd");
  });

  it("flags a session whose workspace does not match its Payment row, or whose two workspace references disagree", async () => {
    const t = await pendingTopUp("Owner Of Payment", { amountTotal: 4_000 });
    const { workspace: other } = await createOwnerWithWorkspace("Claims The Payment");
    const stolen = checkoutSession({ id: t.session.id, workspaceId: other.id, paymentId: t.paymentId, amountTotal: 4_000, paymentIntentId: t.paymentIntentId });
    const event = sessionEvent("checkout.session.completed", stolen);
    expect(await deliver(event)).toMatchObject({ status: 200, body: { status: "flagged" } });
    expect((await eventRow(event.id)).error).toContain(t.workspaceId);

    const split = checkoutSession({ workspaceId: t.workspaceId, clientReferenceId: other.id, amountTotal: 4_000 });
    const splitEvent = sessionEvent("checkout.session.completed", split);
    expect(await deliver(splitEvent)).toMatchObject({ status: 200, body: { status: "flagged" } });

    expect(await balance(t.workspaceId)).toBe(0);
    expect(await balance(other.id)).toBe(0);
    expect(await paymentOf(t.session.id)).toMatchObject({ workspaceId: t.workspaceId, status: "pending", creditedCents: 0 });
    expect(await db().ledgerEntry.count({ where: { workspaceId: { in: [t.workspaceId, other.id] } } })).toBe(0);
  });

  it("stores an event for an unknown workspace as unknown_workspace (200, nothing credited, no Payment created)", async () => {
    const session = checkoutSession({ workspaceId: "cmissingworkspace000000000", amountTotal: 9_999 });
    const event = sessionEvent("checkout.session.completed", session);
    const before = await db().ledgerEntry.count();
    expect(await deliver(event, 2)).toMatchObject({ status: 200, body: { status: "unknown_workspace" } });
    expect(await eventRow(event.id)).toMatchObject({ status: "unknown_workspace", workspaceId: null, deliveries: 2 });
    expect((await eventRow(event.id)).error).toContain("cmissingworkspace000000000");
    expect(await db().ledgerEntry.count()).toBe(before);
    expect(await db().payment.count({ where: { stripeCheckoutSessionId: session.id } })).toBe(0);
  });

  it("ignores a session that is not a top-up (subscription mode)", async () => {
    const { workspace } = await createOwnerWithWorkspace("Sub Co");
    const event = sessionEvent("checkout.session.completed", checkoutSession({ workspaceId: workspace.id, amountTotal: 1_000, mode: "subscription" }));
    expect(await deliver(event)).toMatchObject({ status: 200, body: { status: "ignored" } });
    expect(await balance(workspace.id)).toBe(0);
  });
});

describe("delayed payments", () => {
  it("completed unpaid waits in processing; async_payment_succeeded credits once; a late completed redelivery changes nothing", async () => {
    const t = await pendingTopUp("Sepa Co", { amountTotal: 3_000, paymentStatus: "unpaid", delayed: true });
    const completed = sessionEvent("checkout.session.completed", t.session);
    expect(await deliver(completed)).toMatchObject({ status: 200, body: { status: "processed" } });
    expect(await balance(t.workspaceId)).toBe(0);
    expect(await entriesOf(t.workspaceId)).toEqual([]);
    expect(await paymentOf(t.session.id)).toMatchObject({ status: "processing", creditedCents: 0, stripePaymentIntentId: t.paymentIntentId, paidAt: null });

    const succeeded = sessionEvent("checkout.session.async_payment_succeeded", { ...t.session, payment_status: "paid" });
    expect(await deliver(succeeded, 3)).toMatchObject({ status: 200, body: { status: "processed" } });
    expect(await balance(t.workspaceId)).toBe(3_000);
    expect(await paymentOf(t.session.id)).toMatchObject({ status: "paid", creditedCents: 3_000 });

    expect((await deliver(completed)).status).toBe(200);
    expect(await eventRow(completed.id)).toMatchObject({ deliveries: 2, status: "processed" });
    expect(await entriesOf(t.workspaceId)).toEqual([{ idempotencyKey: `payment:${t.session.id}`, kind: "top_up", amountCents: 3_000 }]);
    expect(await paymentOf(t.session.id)).toMatchObject({ status: "paid" });
  });

  it("async_payment_succeeded before completed (unpaid) credits once and keeps the Payment paid", async () => {
    const t = await pendingTopUp("Early Sepa Co", { amountTotal: 4_200, paymentStatus: "unpaid", delayed: true });
    await deliver(sessionEvent("checkout.session.async_payment_succeeded", { ...t.session, payment_status: "paid" }));
    await deliver(sessionEvent("checkout.session.completed", t.session));
    expect(await balance(t.workspaceId)).toBe(4_200);
    expect(await entriesOf(t.workspaceId)).toHaveLength(1);
    expect(await paymentOf(t.session.id)).toMatchObject({ status: "paid", creditedCents: 4_200 });
  });

  it("async_payment_failed marks the Payment failed and credits nothing", async () => {
    const t = await pendingTopUp("Failed Sepa Co", { amountTotal: 6_000, paymentStatus: "unpaid", delayed: true });
    await deliver(sessionEvent("checkout.session.completed", t.session));
    const failed = sessionEvent("checkout.session.async_payment_failed", t.session);
    expect(await deliver(failed, 2)).toMatchObject({ status: 200, body: { status: "processed" } });
    expect(await balance(t.workspaceId)).toBe(0);
    expect(await entriesOf(t.workspaceId)).toEqual([]);
    expect(await paymentOf(t.session.id)).toMatchObject({ status: "failed", creditedCents: 0 });
  });
});

describe("checkout.session.expired", () => {
  it("marks a waiting top-up expired (listed as not completed) and books nothing", async () => {
    const t = await pendingTopUp("Walked Away Co", { amountTotal: 2_000 });
    const expired = sessionEvent("checkout.session.expired", { ...t.session, status: "expired", payment_status: "unpaid" });
    expect(await deliver(expired, 2)).toMatchObject({ status: 200, body: { status: "processed" } });
    expect(await paymentOf(t.session.id)).toMatchObject({ id: t.paymentId, status: "expired", creditedCents: 0 });
    expect(await entriesOf(t.workspaceId)).toEqual([]);
    expect(await eventRow(expired.id)).toMatchObject({ status: "processed", deliveries: 2, error: null });
    const { slug } = await db().workspace.findUniqueOrThrow({ where: { id: t.workspaceId } });
    const listed = await listPayments(await contextFor(t.owner.id, slug));
    expect(listed.map((p) => [p.id, p.status])).toEqual([[t.paymentId, "abandoned"]]);
  });

  it("flags an expiry of a session that was already credited and leaves the balance alone", async () => {
    const t = await paidTopUp("Odd Order Co", 1_500);
    const expired = sessionEvent("checkout.session.expired", { ...t.session, status: "expired", payment_status: "unpaid" });
    expect(await deliver(expired)).toMatchObject({ status: 200, body: { status: "flagged" } });
    expect(await balance(t.workspaceId)).toBe(1_500);
    expect(await paymentOf(t.session.id)).toMatchObject({ status: "paid", creditedCents: 1_500 });
    expect((await eventRow(expired.id)).error).toMatch(/already credited/);
  });

  it("leaves a payment that is processing (async method) as it is", async () => {
    const t = await pendingTopUp("Slow Sepa Co", { amountTotal: 3_300, paymentStatus: "unpaid", delayed: true });
    await deliver(sessionEvent("checkout.session.completed", t.session));
    expect(await paymentOf(t.session.id)).toMatchObject({ status: "processing" });
    const expired = sessionEvent("checkout.session.expired", { ...t.session, status: "expired" });
    expect(await deliver(expired)).toMatchObject({ status: 200, body: { status: "processed" } });
    expect(await paymentOf(t.session.id)).toMatchObject({ status: "processing" });
    expect((await eventRow(expired.id)).error).toBe("Payment already processing");
  });
});

describe("event log", () => {
  it("stores an unhandled event type as ignored and counts its redeliveries", async () => {
    expect(HANDLED_EVENT_TYPES).not.toContain("customer.created");
    const event = customerCreatedEvent();
    expect(await deliver(event, 3)).toMatchObject({ status: 200, body: { status: "ignored" } });
    const row = await eventRow(event.id);
    expect(row).toMatchObject({ type: "customer.created", status: "ignored", deliveries: 3, workspaceId: null });
    expect(row.payload).toMatchObject({ id: event.id, data: { object: { object: "customer" } } });
  });

  it("a handler failure answers 500, keeps nothing of the attempt, and the next delivery processes the event", async () => {
    const t = await pendingTopUp("Failure Co", { amountTotal: 1_234 });
    const event = sessionEvent("checkout.session.completed", t.session);
    await db().$executeRawUnsafe(`CREATE FUNCTION test_fail_entries() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'ledger down for the test'; END $$`);
    await db().$executeRawUnsafe(`CREATE TRIGGER test_fail_entries BEFORE INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION test_fail_entries()`);
    try {
      expect(await deliver(event)).toMatchObject({ status: 500, body: { error: { code: "internal" } } });
      const failed = await eventRow(event.id);
      expect(failed).toMatchObject({ status: "failed", deliveries: 1, processedAt: null });
      expect(failed.error).toContain("ledger down for the test");
      expect(await balance(t.workspaceId)).toBe(0);
      expect(await paymentOf(t.session.id)).toMatchObject({ status: "pending", creditedCents: 0, stripePaymentIntentId: null });
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER test_fail_entries ON ledger_entries`);
      await db().$executeRawUnsafe(`DROP FUNCTION test_fail_entries()`);
    }
    expect(await deliver(event)).toMatchObject({ status: 200, body: { status: "processed" } });
    expect(await eventRow(event.id)).toMatchObject({ status: "processed", deliveries: 2, error: null });
    expect(await balance(t.workspaceId)).toBe(1_234);
    expect(await entriesOf(t.workspaceId)).toHaveLength(1);
  });

  it("crediting and marking the event commit together: a failure while marking leaves no credit behind", async () => {
    const t = await pendingTopUp("Crash Co", { amountTotal: 4_321 });
    const event = sessionEvent("checkout.session.completed", t.session);
    await db().$executeRawUnsafe(
      `CREATE FUNCTION test_fail_mark() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.status = 'processed' THEN RAISE EXCEPTION 'crash while marking'; END IF; RETURN NEW; END $$`,
    );
    await db().$executeRawUnsafe(`CREATE TRIGGER test_fail_mark BEFORE UPDATE ON stripe_events FOR EACH ROW EXECUTE FUNCTION test_fail_mark()`);
    try {
      expect((await deliver(event)).status).toBe(500);
      expect(await balance(t.workspaceId)).toBe(0);
      expect(await entriesOf(t.workspaceId)).toEqual([]);
      expect(await eventRow(event.id)).toMatchObject({ status: "failed" });
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER test_fail_mark ON stripe_events`);
      await db().$executeRawUnsafe(`DROP FUNCTION test_fail_mark()`);
    }
    expect((await deliver(event)).status).toBe(200);
    expect(await balance(t.workspaceId)).toBe(4_321);
    expect(await entriesOf(t.workspaceId)).toHaveLength(1);
  });
});
