import type Stripe from "stripe";
import { createSession } from "./checkout";
import { buildCustomer, buildTaxId, EU_VAT, updateCustomer } from "./customers";
import { invalid, noSuch, StripeApiError } from "./errors";
import type { TFormHash } from "./form";
import { validate } from "./form";
import { CUSTOMER_CREATE, CUSTOMER_UPDATE, LIST, NONE, SESSION_CREATE, TAX_ID_CREATE } from "./schemas";
import { customerOrThrow, type TFakeState } from "./state";
import { deliverEvent } from "./webhooks";

/** One API request after authentication: what it refers to and its decoded form. */
type TApiCall = { method: string; parts: string[]; form: TFormHash; request: { id: string; idempotency_key: string | null } };

/**
 * The API endpoints the fake knows; anything else is Stripe's 404 "Unrecognized request URL".
 * Each resource answers undefined for a method or path it does not have.
 */
export async function route(state: TFakeState, method: string, path: string, form: TFormHash, request: TApiCall["request"]): Promise<unknown> {
  const call: TApiCall = { method, parts: path.split("/").slice(2), form, request }; // parts: ["customers", ":id", …]
  const [resource, id] = call.parts;
  const result =
    resource === "customers" ? customerRoutes(state, call) : resource === "checkout" && id === "sessions" ? await checkoutRoutes(state, call) : resource === "invoices" ? invoiceRoutes(state, call) : undefined;
  if (result !== undefined) return result;
  throw new StripeApiError(404, `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`);
}

/** POST /v1/customers, GET|POST /v1/customers/:id, and the customer's tax ids. */
function customerRoutes(state: TFakeState, { method, parts, form }: TApiCall): unknown {
  const [, id, sub, subId] = parts;
  if (!id && method === "POST" && parts.length === 1) {
    const p = validate<Stripe.CustomerCreateParams>(CUSTOMER_CREATE, form);
    p.tax_id_data?.forEach((t, i) => {
      if (t.type === "eu_vat" && !EU_VAT.test(t.value.replace(/[\s.-]/g, "").toUpperCase())) {
        throw invalid("Invalid value for eu_vat.", `tax_id_data[${i}][value]`, "tax_id_invalid");
      }
    });
    const customer = buildCustomer(p);
    state.customers.set(customer.id, customer);
    for (const t of p.tax_id_data ?? []) {
      const taxId = buildTaxId(customer.id, t.type, t.value);
      state.taxIds.set(taxId.id, taxId);
    }
    return customer;
  }
  if (id && !sub && parts.length === 2) {
    const customer = customerOrThrow(state, id);
    if (method === "GET") {
      validate(NONE, form);
      return customer;
    }
    if (method === "POST") {
      updateCustomer(customer, validate<Stripe.CustomerUpdateParams>(CUSTOMER_UPDATE, form));
      return customer;
    }
  }
  if (id && sub === "tax_ids" && parts.length <= 4) return taxIdRoutes(state, customerOrThrow(state, id), method, subId, form);
  return undefined;
}

/** GET|POST /v1/customers/:id/tax_ids and DELETE /v1/customers/:id/tax_ids/:id. */
function taxIdRoutes(state: TFakeState, customer: Stripe.Customer, method: string, subId: string | undefined, form: TFormHash): unknown {
  const own = [...state.taxIds.values()].filter((t) => t.customer === customer.id).reverse();
  if (method === "GET" && !subId) {
    const p = validate<Stripe.PaginationParams>(LIST, form);
    const start = p.starting_after ? own.findIndex((t) => t.id === p.starting_after) + 1 : 0;
    const page = own.slice(start, start + (p.limit ?? 10));
    return { object: "list", data: page, has_more: start + page.length < own.length, url: `/v1/customers/${customer.id}/tax_ids` };
  }
  if (method === "POST" && !subId) {
    const p = validate<Stripe.CustomerCreateTaxIdParams>(TAX_ID_CREATE, form);
    const taxId = buildTaxId(customer.id, p.type, p.value);
    state.taxIds.set(taxId.id, taxId);
    return taxId;
  }
  if (method === "DELETE" && subId) {
    validate(NONE, form);
    const taxId = state.taxIds.get(subId);
    if (!taxId || taxId.customer !== customer.id) throw noSuch("tax id", subId);
    state.taxIds.delete(subId);
    return { id: subId, object: "tax_id", deleted: true };
  }
  return undefined;
}

/** POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id, POST /v1/checkout/sessions/:id/expire. */
async function checkoutRoutes(state: TFakeState, { method, parts, form, request }: TApiCall): Promise<unknown> {
  const [, , sub, subId] = parts;
  if (method === "POST" && parts.length === 2) return createSession(state, validate<Stripe.Checkout.SessionCreateParams>(SESSION_CREATE, form));
  if (sub && parts.length === 3 && method === "GET") {
    validate(NONE, form);
    const session = state.sessions.get(sub);
    if (!session) throw noSuch("checkout.session", sub);
    return session;
  }
  if (sub && subId === "expire" && parts.length === 4 && method === "POST") {
    validate(NONE, form);
    const session = state.sessions.get(sub);
    if (!session) throw noSuch("checkout.session", sub);
    if (session.status !== "open") {
      throw new StripeApiError(400, `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of ${session.status}.`, { saved: true });
    }
    session.status = "expired";
    session.url = null;
    await deliverEvent(state, "checkout.session.expired", session, request);
    return session;
  }
  return undefined;
}

/** GET /v1/invoices/:id. */
function invoiceRoutes(state: TFakeState, { method, parts, form }: TApiCall): unknown {
  const [, id] = parts;
  if (!id || parts.length !== 2 || method !== "GET") return undefined;
  validate(NONE, form);
  const invoice = state.invoices.get(id);
  if (!invoice) throw noSuch("invoice", id);
  return invoice;
}
