import { randomBytes } from "node:crypto";
import type Stripe from "stripe";
import { invalid } from "./errors";
import { newId, now } from "./ids";

/** Customers and their tax ids as Stripe returns them, plus the small converters objects share. */

export const EU_VAT = /^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI)[0-9A-Z+*]{8,12}$/;
const VAT_COUNTRY: Record<string, string> = { EL: "GR", XI: "GB" };

export function toAddress(param: Stripe.Emptyable<Stripe.AddressParam> | undefined): Stripe.Address | null {
  if (!param) return null;
  return {
    city: param.city || null,
    country: param.country || null,
    line1: param.line1 || null,
    line2: param.line2 || null,
    postal_code: param.postal_code || null,
    state: param.state || null,
  };
}

export function mergeMetadata(current: Stripe.Metadata, patch: Stripe.Emptyable<Stripe.MetadataParam> | undefined): Stripe.Metadata {
  if (patch === undefined) return current;
  if (!patch) return {};
  const next = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === "" || v === null) delete next[k];
    else next[k] = String(v);
  }
  return next;
}

export function customFields(param: Stripe.Emptyable<{ name: string; value: string }[]> | undefined) {
  return param ? param.map((f) => ({ name: f.name, value: f.value })) : null;
}

export function buildCustomer(p: Stripe.CustomerCreateParams): Stripe.Customer {
  return {
    id: newId.customer(),
    object: "customer",
    address: toAddress(p.address),
    balance: 0,
    created: now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: p.description ?? null,
    discount: null,
    email: p.email ?? null,
    invoice_prefix: randomBytes(4).toString("hex").toUpperCase(),
    invoice_settings: { custom_fields: customFields(p.invoice_settings?.custom_fields), default_payment_method: null, footer: p.invoice_settings?.footer ?? null, rendering_options: null },
    livemode: false,
    metadata: mergeMetadata({}, p.metadata),
    name: p.name ?? null,
    next_invoice_sequence: 1,
    phone: p.phone ?? null,
    preferred_locales: p.preferred_locales ?? [],
    shipping: null,
    tax_exempt: p.tax_exempt || "none",
    test_clock: null,
  };
}

export function updateCustomer(c: Stripe.Customer, p: Stripe.CustomerUpdateParams): void {
  if (p.address !== undefined) c.address = toAddress(p.address);
  if (p.description !== undefined) c.description = p.description || null;
  if (p.email !== undefined) c.email = p.email || null;
  if (p.name !== undefined) c.name = p.name || null;
  if (p.phone !== undefined) c.phone = p.phone || null;
  if (p.preferred_locales !== undefined) c.preferred_locales = p.preferred_locales;
  if (p.tax_exempt !== undefined) c.tax_exempt = p.tax_exempt || "none";
  if (p.invoice_settings?.footer !== undefined) c.invoice_settings.footer = p.invoice_settings.footer || null;
  if (p.invoice_settings?.custom_fields !== undefined) c.invoice_settings.custom_fields = customFields(p.invoice_settings.custom_fields);
  c.metadata = mergeMetadata(c.metadata, p.metadata);
}

export function buildTaxId(customerId: string, type: string, raw: string): Stripe.TaxId {
  const value = type === "eu_vat" ? raw.replace(/[\s.-]/g, "").toUpperCase() : raw;
  if (type === "eu_vat" && !EU_VAT.test(value)) throw invalid(`Invalid value for eu_vat.`, "value", "tax_id_invalid");
  const prefix = value.slice(0, 2);
  return {
    id: newId.taxId(),
    object: "tax_id",
    country: type === "eu_vat" ? (VAT_COUNTRY[prefix] ?? prefix) : type.slice(0, 2).toUpperCase(),
    created: now(),
    customer: customerId,
    customer_account: null,
    livemode: false,
    owner: { customer: customerId, customer_account: null, type: "customer" },
    type,
    value,
    verification: type === "eu_vat" ? { status: "pending", verified_address: null, verified_name: null } : null,
  };
}
