import type Stripe from "stripe";
import { env } from "../config/env";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { isLocale, type TLocale } from "../i18n/locale";
import { formatEuros } from "../plans/plans";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";
import { ensureStripeCustomer } from "./ensure-stripe-customer";
import { requireStripeConfigured, stripeClient, stripeFailure } from "./stripe-client";

/**
 * Starts a top-up: a Payment row ("pending") and a Stripe Checkout Session for it. The
 * balance is credited later, only from the verified webhook (ARCHITECTURE 9), which finds
 * the Payment through metadata.paymentId / client_reference_id. Everything is checked
 * before anything is written or sent to Stripe. Billing is owner-only.
 */
export type TTopUpInput = { amountCents: number; locale?: TLocale };
export type TTopUpCheckout = { paymentId: string; url: string };

/** Checkout Sessions a workspace may open per window (counted in the database: holds across nodes). */
export const TOP_UP_CHECKOUT_LIMIT = { max: 20, windowSeconds: 60 * 60 } as const;

const COPY: Record<TLocale, { product: string; invoice: (workspace: string) => string }> = {
  de: { product: "Chatwerk-Guthaben", invoice: (w) => `Aufladung des Guthabens für den Arbeitsbereich „${w}“` },
  en: { product: "Chatwerk credit", invoice: (w) => `Credit top-up for the workspace "${w}"` },
};

export async function createTopUpCheckout(ctx: TWorkspaceContext, input: TTopUpInput): Promise<TTopUpCheckout> {
  requireRole(ctx, ["owner"]);
  const amountCents = checkAmount(input.amountCents);
  if (input.locale !== undefined && !isLocale(input.locale)) {
    throw new AppError("validation_failed", "Unknown language.", { details: { field: "locale" } });
  }
  requireStripeConfigured();
  const stripe = stripeClient();
  await checkRateLimit(ctx.workspaceId);
  const workspace = await db().workspace.findUnique({ where: { id: ctx.workspaceId }, select: { name: true, slug: true } });
  if (!workspace) throw new AppError("not_found", "Workspace not found.");
  const locale = input.locale ?? (await actorLocale(ctx.actorId));
  const customer = await ensureStripeCustomer(ctx.workspaceId);

  const payment = await db().$transaction(async (tx) => {
    const created = await tx.payment.create({
      data: { workspaceId: ctx.workspaceId, status: "pending", amountCents, currency: "eur", createdById: ctx.actorId },
      select: { id: true },
    });
    await tx.auditLog.create({
      data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "billing.top_up_started", targetType: "payment", targetId: created.id, data: { amountCents } },
    });
    return created;
  });

  const billingUrl = `${env().baseUrl}/dashboard/${workspace.slug}/billing`;
  const params = checkoutParams({ workspaceId: ctx.workspaceId, paymentId: payment.id, workspaceName: workspace.name, customer, amountCents, locale, billingUrl });
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.create(params, { idempotencyKey: `checkout-${payment.id}` });
    if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
  } catch (error) {
    await db().payment.update({ where: { id: payment.id }, data: { status: "failed" } });
    throw stripeFailure(error, "creating a Checkout Session", { workspaceId: ctx.workspaceId, paymentId: payment.id });
  }
  await db().payment.update({ where: { id: payment.id }, data: { stripeCheckoutSessionId: session.id } });
  return { paymentId: payment.id, url: session.url };
}

function checkAmount(amount: unknown): number {
  const { BILLING_TOP_UP_MIN_CENTS: minCents, BILLING_TOP_UP_MAX_CENTS: maxCents } = env();
  if (typeof amount !== "number" || !Number.isSafeInteger(amount) || amount < minCents || amount > maxCents) {
    throw new AppError("validation_failed", `Choose an amount between ${formatEuros(minCents, "en")} and ${formatEuros(maxCents, "en")} in whole cents.`, {
      details: { field: "amountCents", minCents, maxCents },
    });
  }
  return amount;
}

async function checkRateLimit(workspaceId: string): Promise<void> {
  const { max, windowSeconds } = TOP_UP_CHECKOUT_LIMIT;
  const recent = await db().payment.findMany({
    where: { workspaceId, createdAt: { gte: new Date(Date.now() - windowSeconds * 1000) } },
    orderBy: { createdAt: "desc" },
    take: max,
    select: { createdAt: true },
  });
  if (recent.length < max) return;
  const freeAt = recent[max - 1]!.createdAt.getTime() + windowSeconds * 1000;
  throw new AppError("rate_limited", "Too many payment pages were opened. Please try again later.", {
    retryAfterSeconds: Math.max(1, Math.ceil((freeAt - Date.now()) / 1000)),
  });
}

async function actorLocale(actorId: string): Promise<TLocale> {
  const user = await db().user.findUnique({ where: { id: actorId }, select: { locale: true } });
  return isLocale(user?.locale) ? user.locale : "de";
}

type TCheckoutInput = {
  workspaceId: string;
  paymentId: string;
  workspaceName: string;
  customer: string;
  amountCents: number;
  locale: TLocale;
  billingUrl: string;
};

/** The Checkout Session for one top-up (tests/integration/billing/checkout.test.ts pins its exact shape at the fake). */
function checkoutParams(i: TCheckoutInput): Stripe.Checkout.SessionCreateParams {
  const metadata = { workspaceId: i.workspaceId, paymentId: i.paymentId };
  const copy = COPY[i.locale];
  return {
    mode: "payment",
    customer: i.customer,
    client_reference_id: i.workspaceId,
    line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: i.amountCents, product_data: { name: copy.product } } }],
    metadata,
    payment_intent_data: { metadata },
    billing_address_collection: "required",
    tax_id_collection: { enabled: true },
    customer_update: { address: "auto", name: "auto" },
    invoice_creation: { enabled: true, invoice_data: { description: copy.invoice(i.workspaceName), metadata } },
    locale: i.locale,
    submit_type: "pay",
    success_url: `${i.billingUrl}/top-up/${i.paymentId}?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${i.billingUrl}?canceled=1`,
  };
}
