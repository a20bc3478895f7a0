import Stripe from "stripe";
import { env } from "../config/env";
import { AppError } from "../errors/app-error";
import { log } from "../log/logger";
import { APP_VERSION } from "../version";

/**
 * The Stripe SDK, configured once per key and endpoint. STRIPE_API_URL points it at another
 * server (the fake in tests/fakes/stripe-fake.ts, stripe-mock); unset means api.stripe.com.
 * Clients live on globalThis because the custom server and Next's bundles load separate
 * copies of this module (ARCHITECTURE 12).
 */
export const STRIPE_TIMEOUT_MS = 20_000;
export const STRIPE_MAX_NETWORK_RETRIES = 2;

const g = globalThis as unknown as { __chatwerkStripe?: Map<string, Stripe> };

const NOT_SET_UP = "Payments are not set up on this server yet: the operator has to configure Stripe first.";

/**
 * True when top-ups can work: the secret key opens Checkout, and the webhook secret is what
 * lets the verified webhook credit the payment afterwards (without it money would be taken
 * and never credited).
 */
export function stripeConfigured(): boolean {
  const { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET } = env();
  return Boolean(STRIPE_SECRET_KEY && STRIPE_WEBHOOK_SECRET);
}

/** Throws the "not set up" conflict unless stripeConfigured(). */
export function requireStripeConfigured(): void {
  if (!stripeConfigured()) throw new AppError("conflict", NOT_SET_UP);
}

export function stripeClient(): Stripe {
  const { STRIPE_SECRET_KEY: key, STRIPE_API_URL: apiUrl } = env();
  if (!key) throw new AppError("conflict", NOT_SET_UP);
  g.__chatwerkStripe ??= new Map();
  const cacheKey = `${apiUrl ?? ""}\n${key}`;
  let client = g.__chatwerkStripe.get(cacheKey);
  if (!client) {
    client = new Stripe(key, stripeConfig(apiUrl));
    g.__chatwerkStripe.set(cacheKey, client);
  }
  return client;
}

export function stripeConfig(apiUrl: string | undefined): Stripe.StripeConfig {
  const config: Stripe.StripeConfig = {
    maxNetworkRetries: STRIPE_MAX_NETWORK_RETRIES,
    timeout: STRIPE_TIMEOUT_MS,
    appInfo: { name: "Chatwerk", version: APP_VERSION },
  };
  if (apiUrl) {
    const url = new URL(apiUrl);
    const https = url.protocol === "https:";
    config.host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    config.port = url.port || (https ? 443 : 80);
    config.protocol = https ? "https" : "http";
  }
  return config;
}

const SECRETS = /\b(?:sk|rk|pk)_(?:test|live)_[A-Za-z0-9_*]+|\bwhsec_[A-Za-z0-9_*]+/g;

export function redactStripeSecrets(text: string): string {
  return text.replace(SECRETS, "[redacted]");
}

/**
 * A failed Stripe call as an AppError for the user, logged with what an operator needs
 * (Stripe's error type, code, request id). Stripe's own message never reaches the user: it
 * can name parameters, ids or a masked key.
 */
export function stripeFailure(error: unknown, action: string, fields: Record<string, unknown> = {}): AppError {
  if (error instanceof AppError) return error;
  const stripeError = error instanceof Stripe.errors.StripeError ? error : null;
  log.error(`Stripe: ${action} failed`, {
    ...fields,
    type: stripeError?.type ?? (error instanceof Error ? error.name : typeof error),
    code: stripeError?.code,
    statusCode: stripeError?.statusCode,
    param: stripeError?.param,
    requestId: stripeError?.requestId,
    message: redactStripeSecrets(error instanceof Error ? error.message : String(error)).slice(0, 500),
  });
  switch (stripeError?.type) {
    case "StripeAuthenticationError":
    case "StripePermissionError":
      return new AppError("conflict", "Payments are not set up correctly on this server. Please tell the operator.");
    case "StripeRateLimitError":
      return new AppError("rate_limited", "Stripe is busy right now. Please try again in a minute.", { retryAfterSeconds: 60 });
    case "StripeInvalidRequestError":
    case "StripeIdempotencyError":
    case "StripeCardError":
      return new AppError("internal", "Stripe refused the request. Please try again, or contact support if it keeps happening.");
    default:
      return new AppError("internal", "Stripe could not be reached. Please try again in a few minutes.");
  }
}
