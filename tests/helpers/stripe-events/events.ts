import Stripe from "stripe";
import { now, stripeId } from "./ids";

/** Event envelopes around the objects, as Stripe delivers them (API version of the SDK). */

const API_VERSION = Stripe.API_VERSION;

function envelope(id: string | undefined) {
  return {
    id: id ?? stripeId("evt_1Q", 24),
    object: "event" as const,
    api_version: API_VERSION,
    created: now(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  };
}

type TSessionEventType =
  | "checkout.session.completed"
  | "checkout.session.async_payment_succeeded"
  | "checkout.session.async_payment_failed"
  | "checkout.session.expired";
type TDisputeEventType = "charge.dispute.created" | "charge.dispute.funds_withdrawn" | "charge.dispute.funds_reinstated" | "charge.dispute.closed";

export function sessionEvent(type: TSessionEventType, session: Stripe.Checkout.Session, id?: string): Stripe.Event {
  return { ...envelope(id), type, data: { object: session } } as
    | Stripe.CheckoutSessionCompletedEvent
    | Stripe.CheckoutSessionAsyncPaymentSucceededEvent
    | Stripe.CheckoutSessionAsyncPaymentFailedEvent
    | Stripe.CheckoutSessionExpiredEvent;
}

/** charge.refunded, with the previous cumulative refund total as Stripe reports it. */
export function chargeRefundedEvent(refunded: Stripe.Charge, previousAmountRefunded = 0, id?: string): Stripe.ChargeRefundedEvent {
  return {
    ...envelope(id),
    type: "charge.refunded",
    data: { object: refunded, previous_attributes: { amount_refunded: previousAmountRefunded, refunded: previousAmountRefunded >= refunded.amount } },
  };
}

export function disputeEvent(type: TDisputeEventType, disputed: Stripe.Dispute, id?: string): Stripe.Event {
  return { ...envelope(id), type, data: { object: disputed } } as Stripe.ChargeDisputeCreatedEvent | Stripe.ChargeDisputeClosedEvent;
}

/** An event type this app does not handle (it is stored as ignored). */
export function customerCreatedEvent(): Stripe.Event {
  const customer: Stripe.Customer = {
    id: stripeId("cus", 14),
    object: "customer",
    address: null,
    balance: 0,
    created: now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    email: "owner@example.com",
    invoice_prefix: "7C1D2E3F",
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name: "Erika Mustermann",
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: ["de"],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
  return { ...envelope(undefined), type: "customer.created", data: { object: customer } };
}

