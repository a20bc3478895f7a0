/**
 * A fake Stripe API for tests and end-to-end runs, spoken to by the real `stripe` SDK
 * (configure it with host/port/protocol from `url`). It covers what Chatwerk's billing uses:
 * customers and their tax ids, Checkout Sessions (mode=payment), invoices, a hosted payment
 * page at `<publicUrl>/pay/<sessionId>` and signed webhook deliveries.
 *
 * Strict on purpose (ARCHITECTURE 12, "Tests that can fail"): form bodies are decoded with
 * Stripe's bracket notation and checked against a schema per endpoint, so an unknown
 * parameter, a wrong type or a missing required value is a 400 in Stripe's error shape
 * (`{error: {type, code, message, param}}`), a wrong key a 401, an unknown id a 404
 * `resource_missing`. `Idempotency-Key` works as in Stripe: the same key and parameters
 * replay the saved response (header `Idempotent-Replayed: true`), the same key with other
 * parameters is an `idempotency_error`; responses to requests that fail validation are not
 * saved. Only the subset of parameters Chatwerk needs exists: a real Stripe parameter the
 * fake does not know is also refused as unknown, so extend the schema (stripe/schemas.ts)
 * when the app starts sending it.
 *
 * Webhooks: the endpoint is treated as subscribed to `checkout.session.*` events only
 * (completed, async_payment_succeeded/failed, expired). Deliveries are awaited before the
 * hosted page redirects, so tests see a deterministic order; real Stripe sends them
 * asynchronously, which is why the success page must poll.
 */

/**
 * The modules live in tests/fakes/stripe/: types, ids and errors, form decoding and the
 * parameter schemas, the objects (customers, sessions, invoices), checkout, webhooks, the API
 * routes and request handling, the hosted pages and the server.
 */
export { parseStripeForm } from "./stripe/form";
export { invoicePdf } from "./stripe/invoice";
export { startFakeStripe } from "./stripe/server";
export type { TCompletedCheckout, TStripeFailure, TStripeFake, TStripeFakeOptions, TStripeRequest, TWebhookDelivery } from "./stripe/types";
