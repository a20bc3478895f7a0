/**
 * Stripe webhook deliveries as Stripe sends them: full event envelopes around full
 * Checkout Session, Charge and Dispute objects (typed by the SDK, so a missing or misnamed
 * field fails the typecheck), pretty-printed like Stripe's bodies, and signed with the SDK's
 * own test helper (the same HMAC scheme `constructEvent` verifies).
 */

export { stripeId } from "./stripe-events/ids";
export * from "./stripe-events/objects";
export * from "./stripe-events/events";
export * from "./stripe-events/signing";
