import Stripe from "stripe";
import { newId, now } from "./ids";
import type { TFakeState } from "./state";
import type { TWebhookDelivery } from "./types";

/**
 * Events and their signed deliveries. The endpoint is treated as subscribed to
 * `checkout.session.*` events only; deliveries are awaited, so tests see a deterministic order.
 */
export async function send(state: TFakeState, event: Stripe.Event): Promise<TWebhookDelivery> {
  const { options } = state;
  const url = options.webhookUrl!;
  const payload = JSON.stringify(event, null, 2);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: options.webhookSecret! });
  const delivery: TWebhookDelivery = { eventId: event.id, type: event.type, url, status: null, error: null, responseBody: "", payload, signature, at: Date.now() };
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signature, "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)", "cache-control": "no-cache" },
      body: payload,
      redirect: "manual",
      signal: AbortSignal.timeout(15_000),
    });
    delivery.status = res.status;
    delivery.responseBody = (await res.text()).slice(0, 2000);
  } catch (error) {
    delivery.error = String(error);
  }
  state.deliveries.push(delivery);
  options.onDelivery?.(delivery);
  return delivery;
}

/** Records an event about `object` and delivers it when a webhook URL is configured. */
export async function deliverEvent(
  state: TFakeState,
  type: string,
  object: object,
  request: { id: string | null; idempotency_key: string | null } = { id: null, idempotency_key: null },
): Promise<TWebhookDelivery | null> {
  const { webhookUrl } = state.options;
  const event = {
    id: newId.event(),
    object: "event",
    api_version: Stripe.API_VERSION,
    created: now(),
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: webhookUrl ? 1 : 0,
    request,
    type,
  } as unknown as Stripe.Event;
  state.events.push(event);
  return webhookUrl ? send(state, event) : null;
}

/** Sends a recorded event again (Stripe retries deliveries that did not get a 2xx). */
export async function redeliver(state: TFakeState, eventId: string): Promise<TWebhookDelivery> {
  const event = state.events.find((e) => e.id === eventId);
  if (!event) throw new Error(`fake Stripe: no event ${eventId}`);
  if (!state.options.webhookUrl) throw new Error("fake Stripe: no webhookUrl configured");
  return send(state, event);
}
