import type Stripe from "stripe";
import { newId, now } from "./ids";
import type { TSessionLine } from "./session";

/** The invoice Checkout creates for a paid session (invoice_creation), and its PDF. */

export function buildInvoice(session: Stripe.Checkout.Session, customer: Stripe.Customer, lines: TSessionLine[], publicUrl: string): Stripe.Invoice {
  const id = newId.invoice();
  const t = now();
  const total = session.amount_total ?? 0;
  const sequence = customer.next_invoice_sequence ?? 1;
  customer.next_invoice_sequence = sequence + 1;
  const data = session.invoice_creation?.invoice_data;
  const details = session.customer_details;
  return {
    id,
    object: "invoice",
    account_country: "DE",
    account_name: "Chatwerk (Stripe test mode)",
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: total,
    amount_remaining: 0,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: true,
    auto_advance: false,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: "manual",
    collection_method: "charge_automatically",
    created: t,
    currency: session.currency ?? "eur",
    custom_fields: data?.custom_fields ?? null,
    customer: customer.id,
    customer_account: null,
    customer_address: details?.address ?? customer.address ?? null,
    customer_email: details?.email ?? customer.email,
    customer_name: details?.name ?? customer.name ?? null,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    customer_tax_ids: (details?.tax_ids ?? []).map((tax) => ({ type: tax.type, value: tax.value })),
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: data?.description ?? null,
    discounts: [],
    due_date: null,
    effective_at: t,
    ending_balance: 0,
    footer: data?.footer ?? null,
    from_invoice: null,
    hosted_invoice_url: `${publicUrl}/invoice/${id}`,
    invoice_pdf: `${publicUrl}/invoice/${id}/pdf`,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: invoiceLines(id, lines, t),
    livemode: false,
    metadata: data?.metadata ?? {},
    next_payment_attempt: null,
    number: `${customer.invoice_prefix}-${String(sequence).padStart(4, "0")}`,
    on_behalf_of: null,
    parent: null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: t,
    period_start: t,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "paid",
    status_transitions: { finalized_at: t, marked_uncollectible_at: null, paid_at: t, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: t,
  };
}

/** One invoice line per Checkout line item. */
function invoiceLines(id: string, lines: TSessionLine[], t: number): Stripe.ApiList<Stripe.InvoiceLineItem> {
  return {
    object: "list",
    data: lines.map((line) => ({
      id: newId.lineItem(),
      object: "line_item",
      amount: line.unitAmount * line.quantity,
      currency: line.currency,
      description: line.name,
      discount_amounts: [],
      discountable: true,
      discounts: [],
      invoice: id,
      livemode: false,
      metadata: {},
      parent: null,
      period: { start: t, end: t },
      pretax_credit_amounts: [],
      pricing: null,
      quantity: line.quantity,
      quantity_decimal: null,
      subscription: null,
      subtotal: line.unitAmount * line.quantity,
      taxes: [],
    })),
    has_more: false,
    url: `/v1/invoices/${id}/lines`,
  };
}

/** A one-page PDF with the invoice number and total (valid xref, opens in any viewer). */
export function invoicePdf(invoice: Stripe.Invoice): Buffer {
  const text = `Invoice ${invoice.number ?? invoice.id} - ${(invoice.total / 100).toFixed(2)} ${invoice.currency.toUpperCase()}`.replace(/[\\()]/g, "\\$&");
  const content = `BT /F1 16 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}
