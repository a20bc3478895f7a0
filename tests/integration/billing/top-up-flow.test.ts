import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/stripe/webhook/route";
import { createTopUpCheckout } from "@/lib/billing/create-top-up-checkout";
import { getTopUp } from "@/lib/billing/get-top-up";
import { invoiceLink } from "@/lib/billing/invoice-link";
import { stripeClient } from "@/lib/billing/stripe-client";
import { db } from "@/lib/db/client";
import { expectAppError } from "../../helpers/errors";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { TEST_BASE_URL, useTestDatabase } from "../../helpers/test-database";
import { API_KEY, fake, receiver, sessionOf, storedCustomerId, useFakeStripe, WEBHOOK_SECRET } from "./checkout-setup";

/**
 * After the Checkout Session is open, with the real `stripe` SDK talking to the strict fake
 * (checkout-setup.ts): payments stay inside their workspace, and the hosted page posts a signed
 * event that a receiver verifies with stripe.webhooks.constructEvent before redirecting to the
 * success page; the app's webhook route credits it once, and the invoice link follows.
 */
useTestDatabase();
useFakeStripe();

describe("top-up status, payment page and invoice", () => {
  it("keeps payments inside their workspace", async () => {
    const a = await createOwnerWithWorkspace("Tenant A");
    const b = await createOwnerWithWorkspace("Tenant B");
    const { paymentId } = await createTopUpCheckout(a.ctx, { amountCents: 1200 });
    await expectAppError(getTopUp(b.ctx, paymentId), "not_found");
    await expectAppError(invoiceLink(b.ctx, paymentId), "not_found");
    await expectAppError(getTopUp(a.ctx, "does-not-exist"), "not_found");
    expect(await getTopUp(a.ctx, paymentId)).toEqual({ id: paymentId, status: "pending", amountCents: 1200, creditedCents: 0, paidAt: null, balanceCents: 0 });
  });

  it("takes the payment on the hosted page, posts a signed event and returns to the success page", async () => {
    const { owner, workspace, ctx } = await createOwnerWithWorkspace("Pay Flow");
    const { paymentId, url } = await createTopUpCheckout(ctx, { amountCents: 4200, locale: "de" });
    const session = await sessionOf(paymentId);
    const customerId = await storedCustomerId(workspace.id);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = (await page.text()).replace(/\u00a0/g, " ");
    expect(html).toContain("42,00 €");
    expect(html).toContain("Chatwerk-Guthaben");
    expect(html).toMatch(/<button type="submit">Bezahlen<\/button>/);
    expect(html).toContain(`href="${TEST_BASE_URL}/dashboard/${workspace.slug}/billing?canceled=1"`);

    const seen = receiver.received.length;
    const paid = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "outcome=paid", redirect: "manual" });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`${TEST_BASE_URL}/dashboard/${workspace.slug}/billing/top-up/${paymentId}?session_id=${session.id}`);

    const deliveries = receiver.received.slice(seen);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.error).toBeNull();
    const event = deliveries[0]!.event!;
    expect(event).toMatchObject({ object: "event", type: "checkout.session.completed", livemode: false, api_version: Stripe.API_VERSION, pending_webhooks: 1, request: { id: null, idempotency_key: null } });
    expect(event.id).toMatch(/^evt_/);
    expect(Math.abs(event.created - Date.now() / 1000)).toBeLessThan(60);
    const completed = event.data.object as Stripe.Checkout.Session;
    expect(completed).toMatchObject({
      id: session.id,
      object: "checkout.session",
      status: "complete",
      payment_status: "paid",
      amount_total: 4200,
      currency: "eur",
      customer: customerId,
      client_reference_id: workspace.id,
      metadata: { workspaceId: workspace.id, paymentId },
      customer_details: { email: owner.email, name: "Pay Flow", address: { country: "DE" } },
      url: null,
    });
    expect(completed.payment_intent).toMatch(/^pi_/);
    expect(completed.invoice).toMatch(/^in_/);
    expect(fake.deliveries.at(-1)).toMatchObject({ eventId: event.id, url: receiver.url, status: 200, error: null });
    expect(() => new Stripe(API_KEY).webhooks.constructEvent(deliveries[0]!.raw.replace("4200", "9999"), deliveries[0]!.signature, WEBHOOK_SECRET)).toThrow();

    const again = await fetch(url, { method: "POST", body: "outcome=paid", redirect: "manual" });
    expect(again.status).toBe(409);
    expect(receiver.received.length).toBe(seen + 1);

    // No invoice link until the webhook handler stores the invoice id, then the PDF.
    expect(await invoiceLink(ctx, paymentId)).toBeNull();
    await db().payment.update({ where: { id: paymentId }, data: { stripeInvoiceId: completed.invoice as string } });
    const link = await invoiceLink(ctx, paymentId);
    expect(link).toBe(`${fake.publicUrl}/invoice/${completed.invoice}/pdf`);
    const pdf = await fetch(link!);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("credits the balance once through the app's webhook endpoint", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("End To End");
    receiver.forward = POST;
    try {
      const { paymentId, url } = await createTopUpCheckout(ctx, { amountCents: 5000 });
      const paid = await fetch(url, { method: "POST", body: "outcome=paid", redirect: "manual" });
      expect(paid.status).toBe(303);
      const delivery = fake.deliveries.at(-1)!;
      expect(delivery).toMatchObject({ type: "checkout.session.completed", status: 200 });
      expect(await getTopUp(ctx, paymentId)).toMatchObject({ id: paymentId, status: "paid", amountCents: 5000, creditedCents: 5000, balanceCents: 5000 });
      expect(await invoiceLink(ctx, paymentId)).toMatch(new RegExp(`^${fake.publicUrl}/invoice/in_\\w+/pdf$`));

      expect((await fake.redeliver(delivery.eventId)).status).toBe(200);
      expect((await getTopUp(ctx, paymentId)).balanceCents).toBe(5000);
      expect(await db().ledgerEntry.count({ where: { workspaceId: workspace.id, kind: "top_up" } })).toBe(1);
    } finally {
      receiver.forward = null;
    }
  });

  it("completes an async payment as unpaid, then settles it with a second event", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Async Pay");
    const { paymentId } = await createTopUpCheckout(ctx, { amountCents: 1500 });
    const session = await sessionOf(paymentId);
    const seen = receiver.received.length;

    await fake.completeCheckout(session.id, { paid: false });
    await fake.settleAsyncPayment(session.id, { succeeded: true });
    const events = receiver.received.slice(seen).map((r) => r.event!);
    expect(events.map((e) => e.type)).toEqual(["checkout.session.completed", "checkout.session.async_payment_succeeded"]);
    const [completed, settled] = events.map((e) => e.data.object as Stripe.Checkout.Session);
    expect(completed).toMatchObject({ status: "complete", payment_status: "unpaid", invoice: null, metadata: { workspaceId: workspace.id, paymentId } });
    expect(settled).toMatchObject({ status: "complete", payment_status: "paid", metadata: { workspaceId: workspace.id, paymentId } });
    expect(settled!.invoice).toMatch(/^in_/);
  });

  it("expires an open session through the SDK and announces it", async () => {
    const { ctx } = await createOwnerWithWorkspace("Expire Me");
    const { paymentId, url } = await createTopUpCheckout(ctx, { amountCents: 800 });
    const session = await sessionOf(paymentId);
    const seen = receiver.received.length;
    const expired = await stripeClient().checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ id: session.id, status: "expired", url: null });
    const [delivery] = receiver.received.slice(seen);
    expect(delivery!.event).toMatchObject({ type: "checkout.session.expired", data: { object: { id: session.id, status: "expired" } } });
    expect(delivery!.event!.request?.id).toMatch(/^req_/);
    await expect(stripeClient().checkout.sessions.expire(session.id)).rejects.toThrow(/status of expired/);
    expect((await fetch(url, { method: "POST", body: "outcome=paid", redirect: "manual" })).status).toBe(409);
  });
});
