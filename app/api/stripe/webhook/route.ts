import { processStripeEvent } from "@/lib/billing/webhooks/process-stripe-event";
import { verifyStripeEvent } from "@/lib/billing/webhooks/verify-stripe-event";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/errors/to-response";

export const dynamic = "force-dynamic";

/** Stripe's events are a few kilobytes; anything near this is not from Stripe. */
const MAX_BODY_BYTES = 1_000_000;

/**
 * Stripe webhook endpoint (docs/api.md). The signature is checked on the raw body before
 * anything is parsed or stored: a missing, wrong or stale signature or a malformed event is a
 * 400 and writes nothing. Verified events are stored and processed once (lib/billing/webhooks);
 * 200 tells Stripe to stop, 500 asks it to retry.
 */
export async function POST(request: Request): Promise<Response> {
  const { STRIPE_WEBHOOK_SECRET: secret, STRIPE_WEBHOOK_TOLERANCE_SECONDS: toleranceSeconds } = env();
  if (!secret) {
    return Response.json({ error: { code: "not_configured", message: "Stripe webhooks are not configured on this server (STRIPE_WEBHOOK_SECRET)." } }, { status: 503 });
  }
  try {
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw new AppError("payload_too_large", "Webhook body too large.");
    const rawBody = await request.text();
    if (rawBody.length > MAX_BODY_BYTES) throw new AppError("payload_too_large", "Webhook body too large.");
    const verified = await verifyStripeEvent(rawBody, request.headers.get("stripe-signature"), { secret, toleranceSeconds });
    const result = await processStripeEvent(verified);
    if (result.retry) {
      return Response.json({ error: { code: "internal", message: "The event could not be processed; it will be retried.", details: { eventId: verified.event.id } } }, { status: 500 });
    }
    return Response.json({ received: true, eventId: verified.event.id, status: result.status });
  } catch (error) {
    return errorResponse(error);
  }
}
