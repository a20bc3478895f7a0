import Stripe from "stripe";

/** Bodies, Stripe-Signature headers (the SDK's own test helper, the same HMAC scheme `constructEvent` verifies) and webhook requests. */

export const TEST_WEBHOOK_SECRET = "whsec_test_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
export const WEBHOOK_URL = "http://localhost:3999/api/stripe/webhook";

/** Stripe's body: the event as pretty-printed JSON. */
export function eventBody(event: Stripe.Event | Record<string, unknown>): string {
  return JSON.stringify(event, null, 2);
}

/** The Stripe-Signature header for a body, from the SDK (t=<timestamp>,v1=<hmac>). */
export function signatureHeader(payload: string, options: { secret?: string; timestamp?: number } = {}): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? TEST_WEBHOOK_SECRET, timestamp: options.timestamp });
}

/** A POST to the webhook as Stripe makes it; `signature: null` leaves the header out. */
export function webhookRequest(payload: string, options: { signature?: string | null } = {}): Request {
  const signature = options.signature === undefined ? signatureHeader(payload) : options.signature;
  return new Request(WEBHOOK_URL, {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      "cache-control": "no-cache",
      ...(signature === null ? {} : { "stripe-signature": signature }),
    },
    body: payload,
  });
}

/** A signed delivery of an event. */
export function signedDelivery(event: Stripe.Event): Request {
  return webhookRequest(eventBody(event));
}
