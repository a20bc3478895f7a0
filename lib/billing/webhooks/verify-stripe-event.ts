import Stripe from "stripe";
import { AppError } from "../../errors/app-error";
import { ZStripeEvent, type TStripeEvent } from "./stripe-objects";

export type TVerifiedStripeEvent = {
  event: TStripeEvent;
  /** The event exactly as Stripe sent it (stored for audit). */
  payload: Record<string, unknown>;
};

/**
 * Checks the `Stripe-Signature` header against the raw body with Stripe's own SDK (HMAC of
 * `timestamp.body`, timestamp no older than the tolerance), then the event's shape. Anything
 * wrong is a 400 `bad_request`; nothing about the request is trusted before this returns.
 * Only the SDK's static webhook helper is used: no API key is needed to verify.
 */
export async function verifyStripeEvent(
  rawBody: string,
  signatureHeader: string | null,
  options: { secret: string; toleranceSeconds: number },
): Promise<TVerifiedStripeEvent> {
  if (!signatureHeader) throw new AppError("bad_request", "Missing Stripe-Signature header.");
  let parsed: unknown;
  try {
    parsed = await Stripe.webhooks.constructEventAsync(rawBody, signatureHeader, options.secret, options.toleranceSeconds);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw new AppError("bad_request", "Invalid Stripe signature.");
    }
    // The signature matched but the body is not JSON (or is a thin v2 event notification).
    throw new AppError("bad_request", "Malformed Stripe event payload.");
  }
  const result = ZStripeEvent.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError("bad_request", `Malformed Stripe event payload${issue ? ` (${issue.path.join(".") || "event"}: ${issue.message})` : ""}.`);
  }
  return { event: result.data, payload: parsed as Record<string, unknown> };
}
