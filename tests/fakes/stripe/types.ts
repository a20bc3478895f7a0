import type Stripe from "stripe";

/** The fake's public types (tests/fakes/stripe-fake.ts re-exports them). */

export type TStripeFakeOptions = {
  /** The only secret key accepted (`Authorization: Bearer <apiKey>`). */
  apiKey: string;
  port?: number;
  host?: string;
  /** Where events are POSTed; without it events are only recorded in `events`. */
  webhookUrl?: string;
  /** Signs deliveries (`Stripe-Signature`); required with `webhookUrl`. */
  webhookSecret?: string;
  /** Base URL browsers use to reach the fake (hosted pages, invoice links); default `url`. */
  publicUrl?: string;
  /** Called after every webhook delivery (e.g. to log it from run-stripe-fake.ts). */
  onDelivery?: (delivery: TWebhookDelivery) => void;
};

export type TStripeRequest = {
  method: string;
  path: string;
  /** Method and path with object ids replaced by ":id", e.g. "POST /v1/customers/:id/tax_ids". */
  route: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The decoded form body (POST) or query (GET/DELETE): strings as sent, `x[0]`… as arrays. */
  params: Record<string, unknown>;
  idempotencyKey: string | null;
  /** HTTP status of the response (0 while in flight). */
  status: number;
  /** True when the response was replayed for a reused idempotency key. */
  replayed: boolean;
  at: number;
};

export type TWebhookDelivery = {
  eventId: string;
  type: string;
  url: string;
  /** HTTP status the endpoint answered with; null when the request failed. */
  status: number | null;
  error: string | null;
  responseBody: string;
  /** The exact body sent (what the signature covers). */
  payload: string;
  signature: string;
  at: number;
};

export type TStripeFailure = { status?: number; type?: string; code?: string; message?: string; param?: string };

export type TCompletedCheckout = { session: Stripe.Checkout.Session; delivery: TWebhookDelivery | null };

export type TStripeFake = {
  /** Base URL for the SDK (STRIPE_API_URL). */
  url: string;
  publicUrl: string;
  sessions: Map<string, Stripe.Checkout.Session>;
  customers: Map<string, Stripe.Customer>;
  taxIds: Map<string, Stripe.TaxId>;
  invoices: Map<string, Stripe.Invoice>;
  events: Stripe.Event[];
  requests: TStripeRequest[];
  deliveries: TWebhookDelivery[];
  /** Decoded params of every request to `route` ("POST /v1/checkout/sessions"), oldest first. */
  paramsOf(route: string): Record<string, unknown>[];
  /** What the hosted page's pay button does; `paid: false` leaves payment_status "unpaid" (async methods). */
  completeCheckout(sessionId: string, options?: { paid?: boolean }): Promise<TCompletedCheckout>;
  /** Settles an async payment of a completed, unpaid session and sends async_payment_succeeded/failed. */
  settleAsyncPayment(sessionId: string, options: { succeeded: boolean }): Promise<TCompletedCheckout>;
  /** Records and delivers any event (refunds, disputes… for webhook tests). */
  deliverEvent(type: string, object: object): Promise<TWebhookDelivery | null>;
  /** Sends a recorded event again (Stripe retries deliveries that did not get a 2xx). */
  redeliver(eventId: string): Promise<TWebhookDelivery>;
  /** The next request to `route` fails with this Stripe error (default 500 api_error, Stripe-Should-Retry: false). */
  failNext(route: string, failure?: TStripeFailure): void;
  reset(): void;
  close(): Promise<void>;
};
