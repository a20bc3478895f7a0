import type Stripe from "stripe";
import { buildCustomer } from "./customers";
import { invalid, missing } from "./errors";
import { newId, now } from "./ids";
import { buildInvoice } from "./invoice";
import { buildSession, PAYER, type TSessionLine } from "./session";
import { customerOrThrow, sessionCustomer, type TFakeState } from "./state";
import type { TCompletedCheckout } from "./types";
import { deliverEvent } from "./webhooks";

/** Checkout: creating a session (with Stripe's own checks), paying it on the hosted page, settling a delayed payment. */

export function createSession(state: TFakeState, p: Stripe.Checkout.SessionCreateParams): Stripe.Checkout.Session {
  if (p.mode !== "payment") throw invalid("The fake Stripe API supports mode=payment only.", "mode");
  if (p.ui_mode && p.ui_mode !== "hosted_page") throw invalid("The fake Stripe API supports ui_mode=hosted_page only.", "ui_mode");
  if (!p.line_items?.length) throw missing("line_items");
  const lines = p.line_items.map((item, i): TSessionLine => {
    const at = `line_items[${i}]`;
    if (item.price) throw invalid(`No such price: '${item.price}'`, `${at}[price]`, "resource_missing");
    if (!item.price_data) throw invalid("You must specify either `price` or `price_data` for each line item.", at);
    if (item.quantity === undefined) throw invalid(`Quantity is required. Add \`quantity\` to \`${at}\``, `${at}[quantity]`);
    const data = item.price_data;
    if (data.product) throw invalid(`No such product: '${data.product}'`, `${at}[price_data][product]`, "resource_missing");
    if (!data.product_data) throw invalid("You must specify either `product` or `product_data` when creating a price.", `${at}[price_data]`);
    if (data.unit_amount === undefined) throw missing(`${at}[price_data][unit_amount]`);
    return { name: data.product_data.name, unitAmount: data.unit_amount, quantity: item.quantity, currency: data.currency };
  });
  const currency = lines[0]!.currency;
  if (lines.some((l) => l.currency !== currency) || (p.currency && p.currency !== currency)) {
    throw invalid("All line items must use the same currency.", "line_items");
  }
  const total = lines.reduce((sum, l) => sum + l.unitAmount * l.quantity, 0);
  if (total < 50) throw invalid(`The Checkout Session's total amount due must add up to at least 0.50 ${currency}`, undefined, "amount_too_small");
  if (total > 99_999_999) throw invalid("The Checkout Session's total amount due is too large.", undefined, "amount_too_large");
  if (p.customer && p.customer_email) throw invalid("You may only specify one of these parameters: customer, customer_email.", "customer_email");
  if (p.customer && p.customer_creation) throw invalid("You may only specify one of these parameters: customer, customer_creation.", "customer_creation");
  if (p.customer) customerOrThrow(state, p.customer, "customer", 400);
  if (p.customer_update && !p.customer) throw invalid("customer_update can only be used with customer.", "customer_update");
  if (p.tax_id_collection?.enabled && p.customer && p.customer_update?.name !== "auto") {
    throw invalid("To collect tax IDs from an existing customer, customer_update[name] must be 'auto'.", "customer_update[name]");
  }
  if (p.expires_at !== undefined && (p.expires_at < now() + 30 * 60 - 60 || p.expires_at > now() + 24 * 3600)) {
    throw invalid("expires_at must be between 30 minutes and 24 hours from now.", "expires_at");
  }
  const session = buildSession(p, lines, state.publicUrl);
  state.sessions.set(session.id, session);
  state.sessionLines.set(session.id, lines);
  state.sessionParams.set(session.id, p);
  return session;
}

function sessionOrThrow(state: TFakeState, id: string): Stripe.Checkout.Session {
  const session = state.sessions.get(id);
  if (!session) throw new Error(`fake Stripe: no checkout session ${id}`);
  return session;
}

function issueInvoice(state: TFakeState, session: Stripe.Checkout.Session): void {
  const customer = sessionCustomer(state, session);
  if (!session.invoice_creation?.enabled || !customer || session.invoice) return;
  const invoice = buildInvoice(session, customer, state.sessionLines.get(session.id) ?? [], state.publicUrl);
  state.invoices.set(invoice.id, invoice);
  session.invoice = invoice.id;
}

export async function completeCheckout(state: TFakeState, id: string, opts: { paid?: boolean } = {}): Promise<TCompletedCheckout> {
  const session = sessionOrThrow(state, id);
  if (session.status !== "open") throw new Error(`fake Stripe: checkout session ${id} is ${session.status}, not open`);
  const params = state.sessionParams.get(id) ?? {};
  let customer = sessionCustomer(state, session);
  if (!customer && (session.customer_creation === "always" || session.invoice_creation?.enabled)) {
    customer = buildCustomer({ email: session.customer_email ?? PAYER.email, name: PAYER.name, address: { ...PAYER.address, line2: undefined, state: undefined } });
    state.customers.set(customer.id, customer);
    session.customer = customer.id;
  }
  const address = customer?.address ?? { ...PAYER.address };
  const name = customer?.name ?? PAYER.name;
  // customer_update=auto writes what the payer entered back onto the customer.
  if (customer && params.customer_update?.address === "auto") customer.address = address;
  if (customer && params.customer_update?.name === "auto") customer.name = name;
  const customerTaxIds = customer ? [...state.taxIds.values()].filter((t) => t.customer === customer.id) : [];
  session.customer_details = {
    address,
    business_name: null,
    email: customer?.email ?? session.customer_email ?? PAYER.email,
    individual_name: null,
    name,
    phone: null,
    tax_exempt: customer?.tax_exempt ?? "none",
    tax_ids: customerTaxIds.map((t) => ({ type: t.type, value: t.value })),
  };
  session.collected_information = { business_name: null, individual_name: null, shipping_details: null };
  session.status = "complete";
  session.url = null;
  session.payment_intent = newId.paymentIntent();
  session.payment_status = opts.paid === false ? "unpaid" : "paid";
  if (session.payment_status === "paid") issueInvoice(state, session);
  const delivery = await deliverEvent(state, "checkout.session.completed", session);
  return { session, delivery };
}

export async function settleAsyncPayment(state: TFakeState, id: string, opts: { succeeded: boolean }): Promise<TCompletedCheckout> {
  const session = sessionOrThrow(state, id);
  if (session.status !== "complete" || session.payment_status !== "unpaid") {
    throw new Error(`fake Stripe: checkout session ${id} has no pending async payment`);
  }
  if (opts.succeeded) {
    session.payment_status = "paid";
    issueInvoice(state, session);
  }
  const delivery = await deliverEvent(state, opts.succeeded ? "checkout.session.async_payment_succeeded" : "checkout.session.async_payment_failed", session);
  return { session, delivery };
}
