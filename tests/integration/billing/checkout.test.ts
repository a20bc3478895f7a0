import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/stripe/webhook/route";
import { getBillingDetails, updateBillingDetails } from "@/lib/billing/billing-details";
import { createTopUpCheckout, TOP_UP_CHECKOUT_LIMIT } from "@/lib/billing/create-top-up-checkout";
import { ensureStripeCustomer } from "@/lib/billing/ensure-stripe-customer";
import { getTopUp } from "@/lib/billing/get-top-up";
import { invoiceLink } from "@/lib/billing/invoice-link";
import { stripeClient, stripeConfigured } from "@/lib/billing/stripe-client";
import { env, setRuntimeEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { startFakeStripe, type TStripeFake } from "../../fakes/stripe-fake";
import { expectAppError, expectZodError } from "../../helpers/errors";
import { addMember, contextFor, createOwnerWithWorkspace } from "../../helpers/factories";
import { TEST_BASE_URL, useTestDatabase } from "../../helpers/test-database";

/**
 * Top-ups through Stripe Checkout, with the real `stripe` SDK talking to the strict fake
 * (tests/fakes/stripe-fake.ts): the Stripe customer is created once per workspace, the
 * Checkout Session carries exactly the agreed parameters, nothing is written or sent for
 * refused input, billing details follow the customer, payments stay inside their
 * workspace, and the hosted page posts a signed event that a receiver verifies with
 * stripe.webhooks.constructEvent before redirecting to the success page.
 */
useTestDatabase();

const API_KEY = "sk_test_chatwerk_fake_0123456789";
const WEBHOOK_SECRET = "whsec_chatwerk_test_0123456789abcdef";

type TReceived = { event: Stripe.Event | null; error: string | null; raw: string; signature: string };
type TReceiver = {
  url: string;
  received: TReceived[];
  /** When set, verified deliveries are also handed to this handler (the app's webhook route) and its answer is returned. */
  forward: ((request: Request) => Promise<Response>) | null;
  close(): Promise<void>;
};

/** A tiny webhook endpoint that verifies each delivery the way the app must. */
async function startReceiver(): Promise<TReceiver> {
  const verifier = new Stripe(API_KEY);
  const receiver: TReceiver = { url: "", received: [], forward: null, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const signature = String(req.headers["stripe-signature"] ?? "");
      try {
        receiver.received.push({ event: verifier.webhooks.constructEvent(raw, signature, WEBHOOK_SECRET), error: null, raw, signature });
      } catch (error) {
        receiver.received.push({ event: null, error: String(error), raw, signature });
        return void res.writeHead(400).end("invalid signature");
      }
      if (!receiver.forward) return void res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
      const request = new Request(receiver.url, { method: "POST", headers: { "content-type": "application/json", "stripe-signature": signature }, body: raw });
      void receiver.forward(request).then(async (answer) => res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/api/stripe/webhook`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

let fake: TStripeFake;
let receiver: TReceiver;

beforeAll(async () => {
  receiver = await startReceiver();
  fake = await startFakeStripe({ apiKey: API_KEY, webhookUrl: receiver.url, webhookSecret: WEBHOOK_SECRET });
  setRuntimeEnv({ STRIPE_SECRET_KEY: API_KEY, STRIPE_API_URL: fake.url, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, BASE_URL: TEST_BASE_URL });
});

afterAll(async () => {
  await fake?.close();
  await receiver?.close();
});

const customersOf = (workspaceId: string) => [...fake.customers.values()].filter((c) => c.metadata.workspaceId === workspaceId);
const taxIdsOf = (customerId: string) => [...fake.taxIds.values()].filter((t) => t.customer === customerId).map((t) => ({ type: t.type, value: t.value }));
const requestsTo = (route: string, since = 0) => fake.requests.slice(since).filter((r) => r.route === route);
const storedCustomerId = async (workspaceId: string) => (await db().billingProfile.findUnique({ where: { workspaceId } }))?.stripeCustomerId ?? null;
const sessionOf = async (paymentId: string) => fake.sessions.get((await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).stripeCheckoutSessionId!)!;

async function withStripeEnv<T>(patch: Record<string, string>, run: () => Promise<T>): Promise<T> {
  setRuntimeEnv(patch);
  try {
    return await run();
  } finally {
    setRuntimeEnv({ STRIPE_SECRET_KEY: API_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
  }
}

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

describe("billing details", () => {
  const address = { addressLine1: "Hauptstraße 5", postalCode: "80331", city: "München", country: "DE" };

  it("saves them, creates the customer from them and keeps the customer in sync", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Sync Shop");
    const since = fake.requests.length;
    const first = await updateBillingDetails(ctx, {
      companyName: "Sync GmbH",
      email: "Billing@Sync.example",
      ...address,
      country: "de",
      vatId: "de 123.456.789",
      lowBalanceThresholds: [100, 2000, 500, 500],
    });
    expect(first).toEqual({
      stripeSync: "skipped",
      details: {
        companyName: "Sync GmbH",
        email: "billing@sync.example",
        addressLine1: "Hauptstraße 5",
        addressLine2: null,
        postalCode: "80331",
        city: "München",
        country: "DE",
        vatId: "DE123456789",
        lowBalanceThresholds: [2000, 500, 100],
        hasStripeCustomer: false,
      },
    });
    expect(fake.requests.length).toBe(since);

    await createTopUpCheckout(ctx, { amountCents: 1000 });
    const [customer, ...others] = customersOf(workspace.id);
    expect(others).toHaveLength(0);
    expect(customer).toMatchObject({
      name: "Sync GmbH",
      email: "billing@sync.example",
      address: { line1: "Hauptstraße 5", line2: null, postal_code: "80331", city: "München", country: "DE", state: null },
    });
    expect(taxIdsOf(customer!.id)).toEqual([{ type: "eu_vat", value: "DE123456789" }]);

    const second = await updateBillingDetails(ctx, {
      companyName: "Sync AG",
      email: "rechnung@sync.example",
      addressLine1: "Ring 1",
      addressLine2: "3. OG",
      postalCode: "1010",
      city: "Wien",
      country: "AT",
      vatId: "ATU12345678",
    });
    expect(second.stripeSync).toBe("synced");
    expect(second.details).toMatchObject({ lowBalanceThresholds: [2000, 500, 100], hasStripeCustomer: true });
    expect(fake.customers.get(customer!.id)).toMatchObject({
      name: "Sync AG",
      email: "rechnung@sync.example",
      address: { line1: "Ring 1", line2: "3. OG", postal_code: "1010", city: "Wien", country: "AT" },
    });
    expect(taxIdsOf(customer!.id)).toEqual([{ type: "eu_vat", value: "ATU12345678" }]);

    const third = await updateBillingDetails(ctx, { email: "rechnung@sync.example", addressLine1: "Ring 1", postalCode: "1010", city: "Wien", country: "AT", vatId: "", lowBalanceThresholds: [] });
    expect(third.details).toMatchObject({ companyName: null, addressLine2: null, vatId: null, lowBalanceThresholds: [] });
    expect(fake.customers.get(customer!.id)).toMatchObject({ name: "Sync Shop", address: { line2: null } });
    expect(taxIdsOf(customer!.id)).toEqual([]);
    expect(await getBillingDetails(ctx)).toEqual(third.details);
    expect(await db().auditLog.count({ where: { workspaceId: workspace.id, action: "billing.details_updated" } })).toBe(3);
  });

  it("refuses invalid details and saves nothing", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Strict Details");
    const good = { email: "billing@strict.example", ...address };
    const bad = [
      { ...good, vatId: "DE12345" },
      { ...good, vatId: "US123456789" },
      { ...good, country: "XX" },
      { ...good, country: "Germany" },
      { ...good, email: "not-an-email" },
      { ...good, city: "  " },
      { ...good, lowBalanceThresholds: [50] },
      { ...good, lowBalanceThresholds: [150.5] },
      { ...good, lowBalanceThresholds: [100, 200, 300, 400, 500, 600] },
      { ...good, lowBalanceThresholds: [1_000_001] },
    ];
    for (const input of bad) await expectZodError(updateBillingDetails(ctx, input));
    expect(await db().billingProfile.findUnique({ where: { workspaceId: workspace.id } })).toBeNull();

    const { details } = await updateBillingDetails(ctx, { ...good, vatId: "gr-123456789", lowBalanceThresholds: [300, 300, 300, 300, 300, 300] });
    expect(details).toMatchObject({ vatId: "EL123456789", lowBalanceThresholds: [300] });
    expect(await getBillingDetails((await createOwnerWithWorkspace("Fresh")).ctx)).toMatchObject({ email: null, lowBalanceThresholds: [500, 100], hasStripeCustomer: false });
  });

  it("is owner-only", async () => {
    const { workspace } = await createOwnerWithWorkspace("Owner Details");
    const { user } = await addMember(workspace.id, "admin");
    const admin = await contextFor(user.id, workspace.slug);
    await expectAppError(getBillingDetails(admin), "forbidden");
    await expectAppError(updateBillingDetails(admin, { email: "a@b.example", ...address }), "forbidden");
    expect(await db().billingProfile.findUnique({ where: { workspaceId: workspace.id } })).toBeNull();
  });

  it("keeps the saved details and reports a failed sync when Stripe fails", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Sync Fails");
    const customerId = await ensureStripeCustomer(workspace.id);
    fake.failNext("POST /v1/customers/:id", { status: 500 });
    const result = await updateBillingDetails(ctx, { email: "billing@fails.example", ...address });
    expect(result.stripeSync).toBe("failed");
    expect(await db().billingProfile.findUniqueOrThrow({ where: { workspaceId: workspace.id } })).toMatchObject({ email: "billing@fails.example", city: "München" });
    expect(fake.customers.get(customerId)!.address).toBeNull();
  });
});

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
