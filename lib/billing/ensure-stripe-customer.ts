import { createHash } from "node:crypto";
import Stripe from "stripe";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { log } from "../log/logger";
import { stripeClient, stripeFailure } from "./stripe-client";

/**
 * The workspace's Stripe customer id, creating the customer on first use. Creation is safe
 * when requests race: calls in one process share one promise, and across processes the
 * idempotency key `customer-<workspaceId>` makes Stripe return the same customer for
 * 24 hours; the first id stored wins. Never called inside a database transaction (a Stripe
 * call is slow work, ARCHITECTURE 5).
 */
const g = globalThis as unknown as { __chatwerkCustomerCreations?: Map<string, Promise<string>> };

export async function ensureStripeCustomer(workspaceId: string): Promise<string> {
  const stored = await storedCustomerId(workspaceId);
  if (stored) return stored;
  const pending = (g.__chatwerkCustomerCreations ??= new Map());
  let creation = pending.get(workspaceId);
  if (!creation) {
    creation = createCustomer(workspaceId).finally(() => pending.delete(workspaceId));
    pending.set(workspaceId, creation);
  }
  return creation;
}

async function storedCustomerId(workspaceId: string): Promise<string | null> {
  const profile = await db().billingProfile.findUnique({ where: { workspaceId }, select: { stripeCustomerId: true } });
  return profile?.stripeCustomerId ?? null;
}

/** What Stripe prints on invoices, from the billing details when saved, else the workspace and its first owner. */
export type TInvoiceIdentity = {
  name: string;
  email: string | null;
  /** Only a complete address (the billing details form requires every part but line2). */
  address: { line1: string; line2: string | null; postal_code: string; city: string; country: string } | null;
  vatId: string | null;
  locale: "de" | "en";
};

export async function invoiceIdentity(workspaceId: string): Promise<TInvoiceIdentity> {
  const workspace = await db().workspace.findUnique({
    where: { id: workspaceId },
    select: {
      name: true,
      billingProfile: true,
      memberships: { where: { role: "owner" }, orderBy: { createdAt: "asc" }, take: 1, select: { user: { select: { email: true, locale: true } } } },
    },
  });
  if (!workspace) throw new AppError("not_found", "Workspace not found.");
  const profile = workspace.billingProfile;
  const owner = workspace.memberships[0]?.user;
  const { addressLine1: line1, addressLine2: line2, postalCode, city, country } = profile ?? {};
  return {
    name: profile?.companyName || workspace.name,
    email: profile?.email ?? owner?.email ?? null,
    address: line1 && postalCode && city && country ? { line1, line2: line2 ?? null, postal_code: postalCode, city, country } : null,
    vatId: profile?.vatId ?? null,
    locale: owner?.locale === "en" ? "en" : "de",
  };
}

/** A new customer: the invoice identity, the owner's language and the workspace id. */
async function customerParams(workspaceId: string): Promise<Stripe.CustomerCreateParams> {
  const { name, email, address, vatId, locale } = await invoiceIdentity(workspaceId);
  return {
    name,
    ...(email ? { email } : {}),
    ...(address ? { address: { line1: address.line1, ...(address.line2 ? { line2: address.line2 } : {}), postal_code: address.postal_code, city: address.city, country: address.country } } : {}),
    preferred_locales: [locale],
    metadata: { workspaceId },
    ...(vatId ? { tax_id_data: [{ type: "eu_vat" as const, value: vatId }] } : {}),
  };
}

async function createCustomer(workspaceId: string): Promise<string> {
  const params = await customerParams(workspaceId);
  const stripe = stripeClient();
  let customer: Stripe.Customer;
  try {
    customer = await stripe.customers.create(params, { idempotencyKey: `customer-${workspaceId}` });
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeIdempotencyError)) throw stripeFailure(error, "creating a customer", { workspaceId });
    // The key was used with other details within Stripe's 24 hours: a process stopped between
    // creating the customer and storing its id, then the billing details changed. That
    // customer stays unused; say so, and create one with the current details.
    log.warn("Stripe: the customer idempotency key was used with other details; creating a new customer", { workspaceId });
    const digest = createHash("sha256").update(JSON.stringify(params)).digest("hex").slice(0, 16);
    try {
      customer = await stripe.customers.create(params, { idempotencyKey: `customer-${workspaceId}-${digest}` });
    } catch (retryError) {
      throw stripeFailure(retryError, "creating a customer", { workspaceId });
    }
  }
  return storeCustomerId(workspaceId, customer.id);
}

/** Stores the id unless another one got there first; returns the id that is stored. */
async function storeCustomerId(workspaceId: string, customerId: string): Promise<string> {
  await db().billingProfile.createMany({ data: [{ workspaceId, stripeCustomerId: customerId }], skipDuplicates: true });
  await db().billingProfile.updateMany({ where: { workspaceId, stripeCustomerId: null }, data: { stripeCustomerId: customerId } });
  const stored = await storedCustomerId(workspaceId);
  if (stored && stored !== customerId) {
    log.warn("Stripe: another customer was stored first; the new one stays unused", { workspaceId, unused: customerId, stored });
  }
  return stored ?? customerId;
}
