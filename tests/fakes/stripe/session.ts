import type Stripe from "stripe";
import { customFields, mergeMetadata } from "./customers";
import { newId, now } from "./ids";

/** Checkout Sessions (mode=payment) as Stripe returns them, open until the hosted page is paid. */

/** Who pays on the hosted page when the customer has no details of their own. */
export const PAYER = {
  name: "Erika Mustermann",
  email: "erika.mustermann@example.com",
  address: { city: "Berlin", country: "DE", line1: "Teststraße 1", line2: null, postal_code: "10115", state: null },
} as const;

export type TSessionLine = { name: string; unitAmount: number; quantity: number; currency: string };

export function buildSession(p: Stripe.Checkout.SessionCreateParams, lines: TSessionLine[], publicUrl: string): Stripe.Checkout.Session {
  const id = newId.session();
  const created = now();
  const total = lines.reduce((sum, l) => sum + l.unitAmount * l.quantity, 0);
  return {
    id,
    object: "checkout.session",
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: p.allow_promotion_codes ?? null,
    allowed_payment_method_types: p.allowed_payment_method_types ?? null,
    amount_subtotal: total,
    amount_total: total,
    automatic_tax: { enabled: p.automatic_tax?.enabled ?? false, liability: null, provider: null, status: null },
    billing_address_collection: p.billing_address_collection ?? null,
    cancel_url: p.cancel_url ?? null,
    client_reference_id: p.client_reference_id ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency: lines[0]?.currency ?? p.currency ?? null,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: p.custom_text?.submit || null, terms_of_service_acceptance: null },
    customer: p.customer ?? null,
    customer_account: null,
    customer_creation: p.customer ? null : (p.customer_creation ?? "if_required"),
    customer_details: null,
    customer_email: p.customer_email ?? null,
    discounts: [],
    expires_at: p.expires_at ?? created + 24 * 3600,
    integration_identifier: null,
    invoice: null,
    invoice_creation: invoiceCreation(p),
    livemode: false,
    locale: p.locale ?? null,
    managed_payments: null,
    metadata: mergeMetadata({}, p.metadata),
    mode: p.mode ?? "payment",
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "if_required",
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: p.allowed_payment_method_types ?? ["card"],
    payment_status: "unpaid",
    permissions: null,
    phone_number_collection: { enabled: p.phone_number_collection?.enabled ?? false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: p.submit_type ?? null,
    subscription: null,
    success_url: p.success_url ?? null,
    tax_id_collection: { enabled: p.tax_id_collection?.enabled ?? false, required: p.tax_id_collection?.required ?? "never" },
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted_page",
    url: `${publicUrl}/pay/${id}`,
    wallet_options: null,
  };
}

/** What the session will put on the invoice it creates once paid. */
function invoiceCreation(p: Stripe.Checkout.SessionCreateParams): Stripe.Checkout.Session.InvoiceCreation {
  const invoiceData = p.invoice_creation?.invoice_data;
  return {
    enabled: p.invoice_creation?.enabled ?? false,
    invoice_data: {
      account_tax_ids: invoiceData?.account_tax_ids || null,
      custom_fields: customFields(invoiceData?.custom_fields),
      description: invoiceData?.description ?? null,
      footer: invoiceData?.footer ?? null,
      issuer: null,
      metadata: mergeMetadata({}, invoiceData?.metadata),
      rendering_options: invoiceData?.rendering_options ? { amount_tax_display: invoiceData.rendering_options.amount_tax_display || null, template: null } : null,
    },
  };
}
