import { describe, expect, it } from "vitest";
import { createTopUpCheckout, TOP_UP_CHECKOUT_LIMIT } from "@/lib/billing/create-top-up-checkout";
import { ensureStripeCustomer } from "@/lib/billing/ensure-stripe-customer";
import { stripeConfigured } from "@/lib/billing/stripe-client";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { expectAppError } from "../../helpers/errors";
import { addMember, contextFor, createOwnerWithWorkspace } from "../../helpers/factories";
import { TEST_BASE_URL, useTestDatabase } from "../../helpers/test-database";
import { customersOf, fake, requestsTo, sessionOf, storedCustomerId, useFakeStripe, withStripeEnv } from "./checkout-setup";

/**
 * Opening a top-up Checkout Session, with the real `stripe` SDK talking to the strict fake
 * (checkout-setup.ts): the Stripe customer is created once per workspace, the Checkout Session
 * carries exactly the agreed parameters, and nothing is written or sent for refused input.
 */
useTestDatabase();
useFakeStripe();

describe("createTopUpCheckout", () => {
  it("opens a Checkout Session with exactly the agreed parameters", async () => {
    const { owner, workspace, ctx } = await createOwnerWithWorkspace("Kaffee Klatsch");
    const since = fake.requests.length;
    const { paymentId, url } = await createTopUpCheckout(ctx, { amountCents: 2500, locale: "de" });

    const payment = await db().payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(payment).toMatchObject({ workspaceId: workspace.id, status: "pending", amountCents: 2500, currency: "eur", createdById: owner.id, creditedCents: 0 });
    const customerId = await storedCustomerId(workspace.id);
    expect(customerId).toMatch(/^cus_/);

    const [request, ...more] = requestsTo("POST /v1/checkout/sessions", since);
    expect(more).toHaveLength(0);
    expect(request!.status).toBe(200);
    expect(request!.idempotencyKey).toBe(`checkout-${paymentId}`);
    const metadata = { workspaceId: workspace.id, paymentId };
    expect(request!.params).toEqual({
      mode: "payment",
      customer: customerId,
      client_reference_id: workspace.id,
      line_items: [{ quantity: "1", price_data: { currency: "eur", unit_amount: "2500", product_data: { name: "Chatwerk-Guthaben" } } }],
      metadata,
      payment_intent_data: { metadata },
      billing_address_collection: "required",
      tax_id_collection: { enabled: "true" },
      customer_update: { address: "auto", name: "auto" },
      invoice_creation: { enabled: "true", invoice_data: { description: "Aufladung des Guthabens für den Arbeitsbereich „Kaffee Klatsch“", metadata } },
      locale: "de",
      submit_type: "pay",
      success_url: `${TEST_BASE_URL}/dashboard/${workspace.slug}/billing/top-up/${paymentId}?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${TEST_BASE_URL}/dashboard/${workspace.slug}/billing?canceled=1`,
    });

    const session = fake.sessions.get(payment.stripeCheckoutSessionId!)!;
    expect(session).toMatchObject({
      object: "checkout.session",
      status: "open",
      payment_status: "unpaid",
      mode: "payment",
      currency: "eur",
      amount_total: 2500,
      customer: customerId,
      client_reference_id: workspace.id,
      metadata,
      invoice_creation: { enabled: true, invoice_data: { metadata } },
      tax_id_collection: { enabled: true },
      billing_address_collection: "required",
    });
    expect(url).toBe(`${fake.publicUrl}/pay/${session.id}`);
    expect(session.url).toBe(url);
  });

  it("names the product in the owner's language when no locale is given", async () => {
    const { ctx } = await createOwnerWithWorkspace("English Owner");
    const since = fake.requests.length;
    await createTopUpCheckout(ctx, { amountCents: 1000 });
    const [request] = requestsTo("POST /v1/checkout/sessions", since);
    expect(request!.params).toMatchObject({
      locale: "en",
      line_items: [{ price_data: { product_data: { name: "Chatwerk credit" } } }],
      invoice_creation: { invoice_data: { description: 'Credit top-up for the workspace "English Owner"' } },
    });
  });

  it("creates the Stripe customer once across top-ups, from the workspace and its owner", async () => {
    const { owner, workspace, ctx } = await createOwnerWithWorkspace("Once Only");
    const since = fake.requests.length;
    const first = await createTopUpCheckout(ctx, { amountCents: 1000 });
    const second = await createTopUpCheckout(ctx, { amountCents: 2000 });

    const creates = requestsTo("POST /v1/customers", since);
    expect(creates).toHaveLength(1);
    expect(creates[0]!.idempotencyKey).toBe(`customer-${workspace.id}`);
    expect(creates[0]!.params).toEqual({ name: "Once Only", email: owner.email, preferred_locales: ["en"], metadata: { workspaceId: workspace.id } });
    const customers = customersOf(workspace.id);
    expect(customers).toHaveLength(1);
    expect(await storedCustomerId(workspace.id)).toBe(customers[0]!.id);
    expect((await sessionOf(first.paymentId)).customer).toBe(customers[0]!.id);
    expect((await sessionOf(second.paymentId)).customer).toBe(customers[0]!.id);
  });

  it("creates one customer when top-ups race", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Rush Hour");
    const results = await Promise.all([1000, 1500, 2000].map((amountCents) => createTopUpCheckout(ctx, { amountCents })));
    expect(new Set(results.map((r) => r.paymentId)).size).toBe(3);
    const customers = customersOf(workspace.id);
    expect(customers).toHaveLength(1);
    for (const r of results) expect((await sessionOf(r.paymentId)).customer).toBe(customers[0]!.id);
    const payments = await db().payment.findMany({ where: { workspaceId: workspace.id }, orderBy: { amountCents: "asc" } });
    expect(payments.map((p) => [p.amountCents, p.status])).toEqual([
      [1000, "pending"],
      [1500, "pending"],
      [2000, "pending"],
    ]);
  });

  it("gets the same customer back from Stripe when another process lost the stored id", async () => {
    const { workspace } = await createOwnerWithWorkspace("Lost Id");
    const id = await ensureStripeCustomer(workspace.id);
    await db().billingProfile.update({ where: { workspaceId: workspace.id }, data: { stripeCustomerId: null } });
    const since = fake.requests.length;
    expect(await ensureStripeCustomer(workspace.id)).toBe(id);
    expect(requestsTo("POST /v1/customers", since).map((r) => r.replayed)).toEqual([true]);
    expect(customersOf(workspace.id)).toHaveLength(1);
    expect(await storedCustomerId(workspace.id)).toBe(id);

    // Details changed since the first attempt: the key cannot be replayed, a new customer is stored.
    await db().billingProfile.update({ where: { workspaceId: workspace.id }, data: { stripeCustomerId: null, companyName: "Lost Id GmbH" } });
    const replacement = await ensureStripeCustomer(workspace.id);
    expect(replacement).not.toBe(id);
    expect(fake.customers.get(replacement)!.name).toBe("Lost Id GmbH");
    expect(await storedCustomerId(workspace.id)).toBe(replacement);
  });

  it("refuses amounts out of range before writing anything or calling Stripe", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Range Check");
    const { BILLING_TOP_UP_MIN_CENTS: minCents, BILLING_TOP_UP_MAX_CENTS: maxCents } = env();
    const since = fake.requests.length;
    const refused = [minCents - 1, maxCents + 1, 0, -500, 1234.5, Number.NaN, Number.POSITIVE_INFINITY, "1000" as unknown as number];
    for (const amountCents of refused) {
      const error = await expectAppError(createTopUpCheckout(ctx, { amountCents }), "validation_failed");
      expect(error.details).toEqual({ field: "amountCents", minCents, maxCents });
    }
    expect(fake.requests.length).toBe(since);
    expect(await db().payment.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await db().billingProfile.findUnique({ where: { workspaceId: workspace.id } })).toBeNull();

    await createTopUpCheckout(ctx, { amountCents: minCents });
    await createTopUpCheckout(ctx, { amountCents: maxCents });
    const amounts = (await db().payment.findMany({ where: { workspaceId: workspace.id } })).map((p) => p.amountCents);
    expect(amounts.sort((a, b) => a - b)).toEqual([minCents, maxCents]);
  });

  it("limits how many payment pages a workspace opens per hour", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Click Happy");
    const { max, windowSeconds } = TOP_UP_CHECKOUT_LIMIT;
    await db().payment.createMany({ data: Array.from({ length: max }, () => ({ workspaceId: workspace.id, status: "failed", amountCents: 1000 })) });
    const since = fake.requests.length;
    const error = await expectAppError(createTopUpCheckout(ctx, { amountCents: 1000 }), "rate_limited");
    expect(error.retryAfterSeconds).toBeGreaterThan(windowSeconds - 60);
    expect(fake.requests.length).toBe(since);
    expect(await db().payment.count({ where: { workspaceId: workspace.id } })).toBe(max);

    await db().payment.updateMany({ where: { workspaceId: workspace.id }, data: { createdAt: new Date(Date.now() - windowSeconds * 1000 - 1000) } });
    await createTopUpCheckout(ctx, { amountCents: 1000 });
    expect(await db().payment.count({ where: { workspaceId: workspace.id, status: "pending" } })).toBe(1);
  });

  it("lets only owners top up", async () => {
    const { workspace } = await createOwnerWithWorkspace("Owners Only");
    const since = fake.requests.length;
    for (const role of ["admin", "operator"] as const) {
      const { user } = await addMember(workspace.id, role);
      await expectAppError(createTopUpCheckout(await contextFor(user.id, workspace.slug), { amountCents: 1000 }), "forbidden");
    }
    expect(fake.requests.length).toBe(since);
    expect(await db().payment.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("says payments are not set up without a key or webhook secret, and writes nothing", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("No Stripe");
    const since = fake.requests.length;
    // Without the webhook secret a paid session could never be credited: refuse it too.
    for (const patch of [{ STRIPE_SECRET_KEY: "" }, { STRIPE_WEBHOOK_SECRET: "" }] as Record<string, string>[]) {
      await withStripeEnv(patch, async () => {
        expect(stripeConfigured()).toBe(false);
        const error = await expectAppError(createTopUpCheckout(ctx, { amountCents: 1000 }), "conflict");
        expect(error.message).toMatch(/not set up/);
      });
    }
    expect(stripeConfigured()).toBe(true);
    expect(fake.requests.length).toBe(since);
    expect(await db().payment.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });

  it("reports a wrong key as a setup problem without revealing it, before any payment is written", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Wrong Key");
    const wrongKey = "sk_test_wrong_key_abcdefghijkl";
    const error = await withStripeEnv({ STRIPE_SECRET_KEY: wrongKey }, () => expectAppError(createTopUpCheckout(ctx, { amountCents: 1000 }), "conflict"));
    expect(error.message).not.toMatch(/sk_test|ijkl/);
    expect(fake.requests.at(-1)).toMatchObject({ route: "POST /v1/customers", status: 401 });
    expect(await db().payment.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await storedCustomerId(workspace.id)).toBeNull();
  });

  it("marks the payment failed when Stripe refuses the session, with a message of our own", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Stripe Down");
    await ensureStripeCustomer(workspace.id);
    const since = fake.requests.length;
    fake.failNext("POST /v1/checkout/sessions", { status: 500, message: "Internal failure near sk_test_leaked_key_0000" });
    const error = await expectAppError(createTopUpCheckout(ctx, { amountCents: 3000 }), "internal");
    expect(error.message).not.toMatch(/sk_test|Internal failure/);
    expect(requestsTo("POST /v1/checkout/sessions", since).map((r) => r.status)).toEqual([500]);
    const [payment, ...others] = await db().payment.findMany({ where: { workspaceId: workspace.id } });
    expect(others).toHaveLength(0);
    expect(payment).toMatchObject({ status: "failed", amountCents: 3000, stripeCheckoutSessionId: null });

    fake.failNext("POST /v1/checkout/sessions", { status: 400, message: "Invalid locale", param: "locale" });
    await expectAppError(createTopUpCheckout(ctx, { amountCents: 3000 }), "internal");
    expect(await db().payment.count({ where: { workspaceId: workspace.id, status: "failed" } })).toBe(2);
  });
});
