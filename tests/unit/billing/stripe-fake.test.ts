import Stripe from "stripe";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripe, type TStripeFake } from "../../fakes/stripe-fake";

/**
 * The fake Stripe API must refuse what real Stripe refuses (ARCHITECTURE 12, "Tests that
 * can fail"), or the billing tests would pass on garbage. Driven by the real SDK.
 */
const API_KEY = "sk_test_fake_unit_0123456789";

let fake: TStripeFake;
let stripe: Stripe;

function sdk(key = API_KEY): Stripe {
  const url = new URL(fake.url);
  return new Stripe(key, { host: url.hostname, port: url.port, protocol: "http", maxNetworkRetries: 0 });
}

async function stripeError(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected the fake to refuse the request").toBeInstanceOf(Stripe.errors.StripeError);
  return error as Stripe.errors.StripeError;
}

const session = (extra: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams => ({
  mode: "payment",
  line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 1000, product_data: { name: "Guthaben" } } }],
  success_url: "http://localhost:3999/ok?session_id={CHECKOUT_SESSION_ID}",
  cancel_url: "http://localhost:3999/cancel",
  ...extra,
});

beforeAll(async () => {
  fake = await startFakeStripe({ apiKey: API_KEY });
  stripe = sdk();
});

afterAll(async () => {
  await fake?.close();
});

describe("fake Stripe API", () => {
  it("requires the configured key, with Stripe's 401 and a masked key", async () => {
    const wrong = await stripeError(sdk("sk_test_someone_elses_key_9876").customers.create({ name: "X" }));
    expect(wrong).toMatchObject({ type: "StripeAuthenticationError", statusCode: 401 });
    expect(wrong.message).toMatch(/^Invalid API Key provided: sk_test_\*+9876$/);
    const none = await fetch(`${fake.url}/v1/customers`, { method: "POST" });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { type: "invalid_request_error", message: expect.stringMatching(/did not provide an API key/) } });
  });

  it("refuses unknown parameters, wrong types and missing required values, naming the parameter", async () => {
    const unknown = await stripeError(stripe.customers.create({ nmae: "Typo" } as Stripe.CustomerCreateParams));
    expect(unknown).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400, code: "parameter_unknown", param: "nmae" });

    const nested = session();
    (nested.line_items![0]!.price_data as unknown as Record<string, unknown>).amount = 1000;
    expect(await stripeError(stripe.checkout.sessions.create(nested))).toMatchObject({ code: "parameter_unknown", param: "line_items[0][price_data][amount]" });

    const wrongType = session();
    (wrongType.line_items![0]!.price_data as unknown as Record<string, unknown>).unit_amount = "ten euros";
    expect(await stripeError(stripe.checkout.sessions.create(wrongType))).toMatchObject({ code: "parameter_invalid_integer", param: "line_items[0][price_data][unit_amount]" });

    const { mode: _mode, ...withoutMode } = session();
    expect(await stripeError(stripe.checkout.sessions.create(withoutMode))).toMatchObject({ code: "parameter_missing", param: "mode" });
    expect(await stripeError(stripe.checkout.sessions.create(session({ locale: "xx" as "de" })))).toMatchObject({ param: "locale" });
    expect(await stripeError(stripe.checkout.sessions.create(session({ success_url: "not a url" })))).toMatchObject({ code: "url_invalid", param: "success_url" });
  });

  it("applies Checkout's own rules", async () => {
    const customer = await stripe.customers.create({ email: "a@example.com" });
    expect(await stripeError(stripe.checkout.sessions.create(session({ customer: "cus_missing" })))).toMatchObject({ code: "resource_missing", param: "customer" });
    expect(await stripeError(stripe.checkout.sessions.create(session({ customer: customer.id, customer_email: "b@example.com" })))).toMatchObject({ param: "customer_email" });
    expect(await stripeError(stripe.checkout.sessions.create(session({ customer_update: { name: "auto" } })))).toMatchObject({ param: "customer_update" });
    expect(await stripeError(stripe.checkout.sessions.create(session({ customer: customer.id, tax_id_collection: { enabled: true } })))).toMatchObject({
      param: "customer_update[name]",
    });
    const tiny = session({ line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 49, product_data: { name: "Zu wenig" } } }] });
    expect(await stripeError(stripe.checkout.sessions.create(tiny))).toMatchObject({ code: "amount_too_small" });
  });

  it("replays a reused idempotency key and refuses it with other parameters", async () => {
    const first = await stripe.customers.create({ name: "Once", metadata: { workspaceId: "w1" } }, { idempotencyKey: "customer-w1" });
    const replay = await stripe.customers.create({ name: "Once", metadata: { workspaceId: "w1" } }, { idempotencyKey: "customer-w1" });
    expect(replay.id).toBe(first.id);
    expect(replay.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect([...fake.customers.values()].filter((c) => c.metadata.workspaceId === "w1")).toHaveLength(1);
    const mismatch = await stripeError(stripe.customers.create({ name: "Twice" }, { idempotencyKey: "customer-w1" }));
    expect(mismatch).toMatchObject({ type: "StripeIdempotencyError", statusCode: 400 });
  });

  it("keeps customers and their tax ids like Stripe", async () => {
    const customer = await stripe.customers.create({ name: "Steuer GmbH", tax_id_data: [{ type: "eu_vat", value: "DE 123 456 789" }] });
    expect(customer.id).toMatch(/^cus_/);
    expect(await stripe.customers.retrieve(customer.id)).toMatchObject({ object: "customer", name: "Steuer GmbH", livemode: false });
    const added = await stripe.customers.createTaxId(customer.id, { type: "eu_vat", value: "ATU12345678" });
    expect(added).toMatchObject({ object: "tax_id", country: "AT", customer: customer.id, verification: { status: "pending" } });
    expect(added.id).toMatch(/^txi_/);
    const list = await stripe.customers.listTaxIds(customer.id);
    expect(list.data.map((t) => t.value)).toEqual(["ATU12345678", "DE123456789"]);
    expect(await stripe.customers.deleteTaxId(customer.id, added.id)).toMatchObject({ id: added.id, deleted: true });
    expect((await stripe.customers.listTaxIds(customer.id)).data.map((t) => t.value)).toEqual(["DE123456789"]);
    expect(await stripeError(stripe.customers.createTaxId(customer.id, { type: "eu_vat", value: "DE12" }))).toMatchObject({ code: "tax_id_invalid" });
    expect(await stripeError(stripe.customers.retrieve("cus_nope"))).toMatchObject({ statusCode: 404, code: "resource_missing", param: "id" });
    const updated = await stripe.customers.update(customer.id, { metadata: { a: "1" }, address: { line1: "Weg 1", city: "Köln", postal_code: "50667", country: "DE" } });
    expect(updated).toMatchObject({ metadata: { a: "1" }, address: { line1: "Weg 1", line2: null, country: "DE" } });
    expect(await stripeError(stripe.customers.update(customer.id, { address: { country: "Deutschland" } }))).toMatchObject({ param: "address[country]" });
  });

  it("refuses JSON bodies and unknown URLs", async () => {
    const json = await fetch(`${fake.url}/v1/customers`, { method: "POST", headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" }, body: '{"name":"X"}' });
    expect(json.status).toBe(400);
    const unknown = await fetch(`${fake.url}/v1/charges`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { type: "invalid_request_error", message: expect.stringMatching(/Unrecognized request URL/) } });
  });

  it("serves a real PDF for a paid session's invoice", async () => {
    const customer = await stripe.customers.create({ name: "PDF Kunde", email: "pdf@example.com" });
    const created = await stripe.checkout.sessions.create(
      session({ customer: customer.id, customer_update: { name: "auto", address: "auto" }, invoice_creation: { enabled: true, invoice_data: { metadata: { paymentId: "p1" } } } }),
    );
    const { session: done, delivery } = await fake.completeCheckout(created.id);
    expect(delivery).toBeNull();
    expect(fake.events.at(-1)).toMatchObject({ type: "checkout.session.completed", data: { object: { id: created.id } } });
    const invoice = await stripe.invoices.retrieve(done.invoice as string);
    expect(invoice).toMatchObject({ object: "invoice", status: "paid", total: 1000, customer: customer.id, metadata: { paymentId: "p1" } });
    const bytes = new Uint8Array(await (await fetch(invoice.invoice_pdf!)).arrayBuffer());
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    expect(text).toContain(`Invoice ${invoice.number} - 10.00 EUR`);
    expect(fake.customers.get(customer.id)!.address).toMatchObject({ country: "DE", city: "Berlin" });
  });
});
