import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/**
 * A fake Stripe API for tests and end-to-end runs, spoken to by the real `stripe` SDK
 * (configure it with host/port/protocol from `url`). It covers what Chatwerk's billing uses:
 * customers and their tax ids, Checkout Sessions (mode=payment), invoices, a hosted payment
 * page at `<publicUrl>/pay/<sessionId>` and signed webhook deliveries.
 *
 * Strict on purpose (ARCHITECTURE 12, "Tests that can fail"): form bodies are decoded with
 * Stripe's bracket notation and checked against a schema per endpoint, so an unknown
 * parameter, a wrong type or a missing required value is a 400 in Stripe's error shape
 * (`{error: {type, code, message, param}}`), a wrong key a 401, an unknown id a 404
 * `resource_missing`. `Idempotency-Key` works as in Stripe: the same key and parameters
 * replay the saved response (header `Idempotent-Replayed: true`), the same key with other
 * parameters is an `idempotency_error`; responses to requests that fail validation are not
 * saved. Only the subset of parameters Chatwerk needs exists: a real Stripe parameter the
 * fake does not know is also refused as unknown, so extend the schema below when the app
 * starts sending it.
 *
 * Webhooks: the endpoint is treated as subscribed to `checkout.session.*` events only
 * (completed, async_payment_succeeded/failed, expired). Deliveries are awaited before the
 * hosted page redirects, so tests see a deterministic order; real Stripe sends them
 * asynchronously, which is why the success page must poll.
 */

export type TStripeFakeOptions = {
  /** The only secret key accepted (`Authorization: Bearer <apiKey>`). */
  apiKey: string;
  port?: number;
  host?: string;
  /** Where events are POSTed; without it events are only recorded in `events`. */
  webhookUrl?: string;
  /** Signs deliveries (`Stripe-Signature`); required with `webhookUrl`. */
  webhookSecret?: string;
  /** Base URL browsers use to reach the fake (hosted pages, invoice links); default `url`. */
  publicUrl?: string;
  /** Called after every webhook delivery (e.g. to log it from run-stripe-fake.ts). */
  onDelivery?: (delivery: TWebhookDelivery) => void;
};

export type TStripeRequest = {
  method: string;
  path: string;
  /** Method and path with object ids replaced by ":id", e.g. "POST /v1/customers/:id/tax_ids". */
  route: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The decoded form body (POST) or query (GET/DELETE): strings as sent, `x[0]`… as arrays. */
  params: Record<string, unknown>;
  idempotencyKey: string | null;
  /** HTTP status of the response (0 while in flight). */
  status: number;
  /** True when the response was replayed for a reused idempotency key. */
  replayed: boolean;
  at: number;
};

export type TWebhookDelivery = {
  eventId: string;
  type: string;
  url: string;
  /** HTTP status the endpoint answered with; null when the request failed. */
  status: number | null;
  error: string | null;
  responseBody: string;
  /** The exact body sent (what the signature covers). */
  payload: string;
  signature: string;
  at: number;
};

export type TStripeFailure = { status?: number; type?: string; code?: string; message?: string; param?: string };

export type TCompletedCheckout = { session: Stripe.Checkout.Session; delivery: TWebhookDelivery | null };

export type TStripeFake = {
  /** Base URL for the SDK (STRIPE_API_URL). */
  url: string;
  publicUrl: string;
  sessions: Map<string, Stripe.Checkout.Session>;
  customers: Map<string, Stripe.Customer>;
  taxIds: Map<string, Stripe.TaxId>;
  invoices: Map<string, Stripe.Invoice>;
  events: Stripe.Event[];
  requests: TStripeRequest[];
  deliveries: TWebhookDelivery[];
  /** Decoded params of every request to `route` ("POST /v1/checkout/sessions"), oldest first. */
  paramsOf(route: string): Record<string, unknown>[];
  /** What the hosted page's pay button does; `paid: false` leaves payment_status "unpaid" (async methods). */
  completeCheckout(sessionId: string, options?: { paid?: boolean }): Promise<TCompletedCheckout>;
  /** Settles an async payment of a completed, unpaid session and sends async_payment_succeeded/failed. */
  settleAsyncPayment(sessionId: string, options: { succeeded: boolean }): Promise<TCompletedCheckout>;
  /** Records and delivers any event (refunds, disputes… for webhook tests). */
  deliverEvent(type: string, object: object): Promise<TWebhookDelivery | null>;
  /** Sends a recorded event again (Stripe retries deliveries that did not get a 2xx). */
  redeliver(eventId: string): Promise<TWebhookDelivery>;
  /** The next request to `route` fails with this Stripe error (default 500 api_error, Stripe-Should-Retry: false). */
  failNext(route: string, failure?: TStripeFailure): void;
  reset(): void;
  close(): Promise<void>;
};

// ---------------------------------------------------------------------------------------
// Ids and errors

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function rand(length: number): string {
  let out = "";
  for (const byte of randomBytes(length)) out += ALNUM.charAt(byte % ALNUM.length);
  return out;
}

const newId = {
  customer: () => `cus_${rand(14)}`,
  session: () => `cs_test_a1${rand(56)}`,
  paymentIntent: () => `pi_3${rand(23)}`,
  invoice: () => `in_1${rand(23)}`,
  lineItem: () => `il_1${rand(23)}`,
  taxId: () => `txi_1${rand(23)}`,
  event: () => `evt_1${rand(23)}`,
  request: () => `req_${rand(14)}`,
};

const ID_SEGMENT = /^(cus|cs_test|cs_live|in|txi|pi|evt|il)_[A-Za-z0-9_]+$/;

const now = () => Math.floor(Date.now() / 1000);

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { type?: string; param?: string; code?: string; headers?: Record<string, string>; saved?: boolean } = {},
  ) {
    super(message);
  }

  body() {
    const { code, param, type } = this.extra;
    return {
      error: {
        ...(code ? { code, doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}` } : {}),
        message: this.message,
        ...(param ? { param } : {}),
        type: type ?? "invalid_request_error",
      },
    };
  }
}

const invalid = (message: string, param?: string, code?: string) => new StripeApiError(400, message, { param, code });
const missing = (param: string) => invalid(`Missing required param: ${param}.`, param, "parameter_missing");
const noSuch = (kind: string, id: string, param = "id", status = 404) =>
  new StripeApiError(status, `No such ${kind}: '${id}'`, { param, code: "resource_missing", saved: true });

// ---------------------------------------------------------------------------------------
// Form decoding and parameter schemas

type TForm = string | { [key: string]: TForm };
type TFormHash = { [key: string]: TForm };

/** Decodes `a[b][0][c]=x&…` (what the SDK sends) into nested objects of strings. */
export function parseStripeForm(raw: string): TFormHash {
  const root: TFormHash = {};
  for (const part of raw.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, " "));
      value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, " "));
    } catch {
      throw invalid("Invalid request: the body is not valid form encoding.");
    }
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) throw invalid(`Invalid parameter name: ${key}`, key);
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    let node = root;
    path.forEach((raw, index) => {
      const segment = raw === "" ? String(Object.keys(node).length) : raw;
      const existing = node[segment];
      if (index === path.length - 1) {
        if (existing !== undefined) throw invalid(`Received the parameter ${key} more than once.`, key);
        node[segment] = value;
        return;
      }
      if (typeof existing === "string") throw invalid("Invalid hash", key);
      node = (node[segment] ??= {}) as TFormHash;
    });
  }
  return root;
}

/** The decoded form with index-keyed hashes (`a[0]`, `a[1]`) as arrays, for assertions. */
function withArrays(form: TForm): unknown {
  if (typeof form === "string") return form;
  const keys = Object.keys(form);
  const values = keys.map((k) => withArrays(form[k]!));
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) return values;
  return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
}

type TSpec = { required?: boolean; emptyable?: boolean } & (
  | { kind: "string"; max?: number; enum?: readonly string[]; format?: "url" | "email" | "country" | "currency" }
  | { kind: "integer"; min?: number; max?: number }
  | { kind: "boolean" }
  | { kind: "metadata" }
  | { kind: "hash"; fields: Record<string, TSpec> }
  | { kind: "array"; of: TSpec; max?: number }
);

type TStringOptions = Omit<Extract<TSpec, { kind: "string" }>, "kind">;
const str = (o: TStringOptions = {}): TSpec => ({ kind: "string", ...o });
const int = (o: { min?: number; max?: number } = {}): TSpec => ({ kind: "integer", ...o });
const bool = (): TSpec => ({ kind: "boolean" });
const meta = (o: { emptyable?: boolean } = {}): TSpec => ({ kind: "metadata", ...o });
const hash = (fields: Record<string, TSpec>, o: { emptyable?: boolean } = {}): TSpec => ({ kind: "hash", fields, ...o });
const arr = (of: TSpec, o: { max?: number; emptyable?: boolean } = {}): TSpec => ({ kind: "array", of, ...o });
const req = (spec: TSpec): TSpec => ({ ...spec, required: true });

const join = (param: string, key: string) => (param ? `${param}[${key}]` : key);
const CURRENCIES = new Set(["eur", "usd", "gbp", "chf", "sek", "nok", "dkk", "pln", "czk", "huf"]);

function checkFormat(format: "url" | "email" | "country" | "currency", value: string, param: string): string {
  switch (format) {
    case "url": {
      let ok = false;
      try {
        ok = ["http:", "https:"].includes(new URL(value).protocol);
      } catch {
        ok = false;
      }
      if (!ok) throw invalid("Not a valid URL", param, "url_invalid");
      return value;
    }
    case "email":
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw invalid(`Invalid email address: ${value}`, param, "email_invalid");
      return value;
    case "country":
      if (!/^[A-Z]{2}$/.test(value)) throw invalid(`Country '${value}' is unknown. Use a two-letter ISO 3166-1 code such as 'DE'.`, param);
      return value;
    case "currency":
      if (!CURRENCIES.has(value.toLowerCase())) throw invalid(`Invalid currency: ${value}.`, param);
      return value.toLowerCase();
  }
}

function check(spec: TSpec, value: TForm, param: string): unknown {
  if (value === "" && spec.emptyable) return "";
  switch (spec.kind) {
    case "string": {
      if (typeof value !== "string") throw invalid(`Invalid string: ${param} must be a string, not a hash`, param);
      const max = spec.max ?? 5000;
      if (value.length > max) throw invalid(`Invalid string: ${param} must be at most ${max} characters`, param);
      if (spec.enum && !spec.enum.includes(value)) throw invalid(`Invalid ${param}: must be one of ${spec.enum.join(", ")}`, param);
      return spec.format ? checkFormat(spec.format, value, param) : value;
    }
    case "integer": {
      if (typeof value !== "string" || !/^-?\d{1,15}$/.test(value)) {
        throw invalid(`Invalid integer: ${typeof value === "string" ? value : "(hash)"}`, param, "parameter_invalid_integer");
      }
      const n = Number(value);
      if (spec.min !== undefined && n < spec.min) throw invalid(`This value must be greater than or equal to ${spec.min}.`, param);
      if (spec.max !== undefined && n > spec.max) throw invalid(`This value must be less than or equal to ${spec.max}.`, param);
      return n;
    }
    case "boolean":
      if (value !== "true" && value !== "false") throw invalid(`Invalid boolean: ${typeof value === "string" ? value : "(hash)"}`, param);
      return value === "true";
    case "metadata": {
      if (typeof value === "string") throw invalid("Invalid metadata: must be a hash of keys and values", param);
      const entries = Object.entries(value);
      if (entries.length > 50) throw invalid("Invalid metadata: at most 50 keys are allowed", param);
      for (const [k, v] of entries) {
        if (typeof v !== "string") throw invalid("Invalid metadata: values must be strings", join(param, k));
        if (k.length > 40) throw invalid("Invalid metadata: keys can have up to 40 characters", join(param, k));
        if (v.length > 500) throw invalid("Invalid metadata: values can have up to 500 characters", join(param, k));
      }
      return Object.fromEntries(entries);
    }
    case "hash": {
      if (typeof value === "string") throw invalid("Invalid hash", param);
      for (const key of Object.keys(value)) {
        if (!(key in spec.fields)) throw invalid(`Received unknown parameter: ${join(param, key)}`, join(param, key), "parameter_unknown");
      }
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(spec.fields)) {
        const v = value[key];
        if (v === undefined) {
          if (field.required) throw missing(join(param, key));
          continue;
        }
        out[key] = check(field, v, join(param, key));
      }
      return out;
    }
    case "array": {
      if (typeof value === "string") throw invalid("Invalid array", param);
      const keys = Object.keys(value);
      if (!keys.every((k, i) => k === String(i))) throw invalid("Invalid array", param);
      if (spec.max !== undefined && keys.length > spec.max) throw invalid(`${param} can have at most ${spec.max} items.`, param);
      return keys.map((k) => check(spec.of, value[k]!, `${param}[${k}]`));
    }
  }
}

function validate<T>(spec: TSpec, form: TFormHash): T {
  return check(spec, form, "") as T;
}

const ADDRESS = hash(
  { city: str({ max: 200 }), country: str({ format: "country" }), line1: str({ max: 200 }), line2: str({ max: 200 }), postal_code: str({ max: 20 }), state: str({ max: 200 }) },
  { emptyable: true },
);
const TAX_ID_TYPES = ["eu_vat", "gb_vat", "ch_vat", "ch_uid", "no_vat", "is_vat", "li_uid", "de_stn", "us_ein", "eu_oss_vat"] as const;
const CUSTOM_FIELDS = arr(hash({ name: req(str({ max: 40 })), value: req(str({ max: 140 })) }), { max: 4, emptyable: true });
const CUSTOMER_FIELDS: Record<string, TSpec> = {
  address: ADDRESS,
  description: str({ max: 350 }),
  email: str({ max: 512, format: "email" }),
  metadata: meta({ emptyable: true }),
  name: str({ max: 256 }),
  phone: str({ max: 20 }),
  preferred_locales: arr(str({ max: 10 }), { max: 10 }),
  tax_exempt: str({ enum: ["none", "exempt", "reverse"], emptyable: true }),
  invoice_settings: hash({ custom_fields: CUSTOM_FIELDS, footer: str({ max: 5000 }) }),
};
const CUSTOMER_CREATE = hash({
  ...CUSTOMER_FIELDS,
  tax_id_data: arr(hash({ type: req(str({ enum: TAX_ID_TYPES })), value: req(str({ max: 40 })) }), { max: 25 }),
});
const CUSTOMER_UPDATE = hash(CUSTOMER_FIELDS);
const TAX_ID_CREATE = hash({ type: req(str({ enum: TAX_ID_TYPES })), value: req(str({ max: 40 })) });
const LIST = hash({ limit: int({ min: 1, max: 100 }), starting_after: str(), ending_before: str() });
const NONE = hash({});

const AUTO_NEVER = ["auto", "never"] as const;
const CHECKOUT_LOCALES = ["auto", "bg", "cs", "da", "de", "el", "en", "en-GB", "es", "es-419", "et", "fi", "fil", "fr", "fr-CA", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "mt", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sk", "sl", "sv", "th", "tr", "vi", "zh", "zh-HK", "zh-TW"];
const PAYMENT_METHOD_TYPES = ["card", "sepa_debit", "paypal", "klarna", "link", "ideal", "bancontact", "eps", "p24", "giropay", "sofort", "customer_balance"];
const SESSION_CREATE = hash({
  mode: req(str({ enum: ["payment", "setup", "subscription"] })),
  line_items: arr(
    hash({
      price: str(),
      quantity: int({ min: 1, max: 999_999 }),
      metadata: meta(),
      adjustable_quantity: hash({ enabled: req(bool()), minimum: int({ min: 0 }), maximum: int({ min: 1 }) }),
      price_data: hash({
        currency: req(str({ format: "currency" })),
        product: str(),
        product_data: hash({
          name: req(str({ max: 250 })),
          description: str({ max: 40_000 }),
          images: arr(str({ format: "url" }), { max: 8 }),
          metadata: meta(),
          tax_code: str(),
        }),
        tax_behavior: str({ enum: ["exclusive", "inclusive", "unspecified"] }),
        unit_amount: int({ min: 0, max: 99_999_999 }),
      }),
    }),
    { max: 100 },
  ),
  currency: str({ format: "currency" }),
  customer: str(),
  customer_email: str({ format: "email", max: 512 }),
  customer_creation: str({ enum: ["always", "if_required"] }),
  customer_update: hash({ address: str({ enum: AUTO_NEVER }), name: str({ enum: AUTO_NEVER }), shipping: str({ enum: AUTO_NEVER }) }),
  client_reference_id: str({ max: 200 }),
  metadata: meta(),
  payment_intent_data: hash({
    capture_method: str({ enum: ["automatic", "automatic_async", "manual"] }),
    description: str({ max: 1000 }),
    metadata: meta(),
    receipt_email: str({ format: "email" }),
    setup_future_usage: str({ enum: ["on_session", "off_session"] }),
    statement_descriptor: str({ max: 22 }),
    statement_descriptor_suffix: str({ max: 22 }),
  }),
  billing_address_collection: str({ enum: ["auto", "required"] }),
  tax_id_collection: hash({ enabled: req(bool()), required: str({ enum: ["if_supported", "never"] }) }),
  invoice_creation: hash({
    enabled: req(bool()),
    invoice_data: hash({
      account_tax_ids: arr(str(), { emptyable: true }),
      custom_fields: CUSTOM_FIELDS,
      description: str({ max: 1500 }),
      footer: str({ max: 5000 }),
      metadata: meta(),
      rendering_options: hash({ amount_tax_display: str({ enum: ["exclude_tax", "include_inclusive_tax"], emptyable: true }) }, { emptyable: true }),
    }),
  }),
  locale: str({ enum: CHECKOUT_LOCALES }),
  success_url: str({ format: "url" }),
  cancel_url: str({ format: "url" }),
  expires_at: int(),
  submit_type: str({ enum: ["auto", "book", "donate", "pay", "subscribe"] }),
  allow_promotion_codes: bool(),
  automatic_tax: hash({ enabled: req(bool()) }),
  allowed_payment_method_types: arr(str({ enum: PAYMENT_METHOD_TYPES })),
  phone_number_collection: hash({ enabled: req(bool()) }),
  ui_mode: str({ enum: ["hosted_page", "embedded_page", "elements", "form"] }),
  custom_text: hash({ submit: hash({ message: req(str({ max: 1200 })) }, { emptyable: true }) }),
});

// ---------------------------------------------------------------------------------------
// Objects

const EU_VAT = /^(AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI)[0-9A-Z+*]{8,12}$/;
const VAT_COUNTRY: Record<string, string> = { EL: "GR", XI: "GB" };

/** Who pays on the hosted page when the customer has no details of their own. */
const PAYER = {
  name: "Erika Mustermann",
  email: "erika.mustermann@example.com",
  address: { city: "Berlin", country: "DE", line1: "Teststraße 1", line2: null, postal_code: "10115", state: null },
} as const;

type TSessionLine = { name: string; unitAmount: number; quantity: number; currency: string };

function toAddress(param: Stripe.Emptyable<Stripe.AddressParam> | undefined): Stripe.Address | null {
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

function mergeMetadata(current: Stripe.Metadata, patch: Stripe.Emptyable<Stripe.MetadataParam> | undefined): Stripe.Metadata {
  if (patch === undefined) return current;
  if (!patch) return {};
  const next = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === "" || v === null) delete next[k];
    else next[k] = String(v);
  }
  return next;
}

function customFields(param: Stripe.Emptyable<{ name: string; value: string }[]> | undefined) {
  return param ? param.map((f) => ({ name: f.name, value: f.value })) : null;
}

function buildCustomer(p: Stripe.CustomerCreateParams): Stripe.Customer {
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

function updateCustomer(c: Stripe.Customer, p: Stripe.CustomerUpdateParams): void {
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

function buildTaxId(customerId: string, type: string, raw: string): Stripe.TaxId {
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

function buildSession(p: Stripe.Checkout.SessionCreateParams, lines: TSessionLine[], publicUrl: string): Stripe.Checkout.Session {
  const id = newId.session();
  const created = now();
  const total = lines.reduce((sum, l) => sum + l.unitAmount * l.quantity, 0);
  const invoiceData = p.invoice_creation?.invoice_data;
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
    invoice_creation: {
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
    },
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

function buildInvoice(session: Stripe.Checkout.Session, customer: Stripe.Customer, lines: TSessionLine[], publicUrl: string): Stripe.Invoice {
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
    lines: {
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
    },
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

// ---------------------------------------------------------------------------------------
// Hosted pages

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#0f172a}button{font:inherit;padding:.6rem 1.2rem;margin:.25rem 0;cursor:pointer}.test{color:#b45309}</style>
</head><body><main>${body}</main></body></html>`;
}

function payPage(session: Stripe.Checkout.Session, lines: TSessionLine[], email: string | null): string {
  const amount = new Intl.NumberFormat("de-DE", { style: "currency", currency: (session.currency ?? "eur").toUpperCase() }).format((session.amount_total ?? 0) / 100);
  const items = lines.map((l) => `<li>${esc(l.name)}${l.quantity > 1 ? ` × ${l.quantity}` : ""}</li>`).join("");
  if (session.status !== "open") {
    return page("Zahlung nicht mehr möglich", `<h1>Diese Zahlung ist nicht mehr offen</h1><p>Status: ${esc(session.status ?? "unbekannt")}</p>`);
  }
  return page(
    `${lines[0]?.name ?? "Zahlung"} – Stripe-Testmodus`,
    `<p class="test">Testmodus – es wird kein echtes Geld bewegt.</p>
<h1>${esc(lines[0]?.name ?? "Zahlung")}</h1>
<ul>${items}</ul>
<p>Betrag: <strong data-testid="amount">${esc(amount)}</strong></p>
${email ? `<p>E-Mail: ${esc(email)}</p>` : ""}
<form method="post" action="/pay/${esc(session.id)}"><input type="hidden" name="outcome" value="paid"><button type="submit">Bezahlen</button></form>
<form method="post" action="/pay/${esc(session.id)}"><input type="hidden" name="outcome" value="unpaid"><button type="submit">Per Lastschrift zahlen (Zahlung ausstehend)</button></form>
${session.cancel_url ? `<p><a href="${esc(session.cancel_url)}">Abbrechen</a></p>` : ""}`,
  );
}

// ---------------------------------------------------------------------------------------
// Server

type TSaved = { fingerprint: string; status: number; body: string; requestId: string };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(""));
  });
}

function routeOf(method: string, path: string): string {
  return `${method} ${path
    .split("/")
    .map((segment) => (ID_SEGMENT.test(segment) ? ":id" : segment))
    .join("/")}`;
}

function maskKey(key: string): string {
  return key.length <= 12 ? "*".repeat(key.length) : `${key.slice(0, 8)}${"*".repeat(key.length - 12)}${key.slice(-4)}`;
}

export async function startFakeStripe(options: TStripeFakeOptions): Promise<TStripeFake> {
  if (options.webhookUrl && !options.webhookSecret) throw new Error("startFakeStripe: webhookSecret is required with webhookUrl");
  const sessions = new Map<string, Stripe.Checkout.Session>();
  const sessionLines = new Map<string, TSessionLine[]>();
  const sessionParams = new Map<string, Stripe.Checkout.SessionCreateParams>();
  const customers = new Map<string, Stripe.Customer>();
  const taxIds = new Map<string, Stripe.TaxId>();
  const invoices = new Map<string, Stripe.Invoice>();
  const events: Stripe.Event[] = [];
  const requests: TStripeRequest[] = [];
  const deliveries: TWebhookDelivery[] = [];
  const idempotent = new Map<string, TSaved>();
  let failures: { route: string; failure: TStripeFailure }[] = [];
  let publicUrl = "";

  // --- webhooks

  async function send(event: Stripe.Event): Promise<TWebhookDelivery> {
    const url = options.webhookUrl!;
    const payload = JSON.stringify(event, null, 2);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: options.webhookSecret! });
    const delivery: TWebhookDelivery = { eventId: event.id, type: event.type, url, status: null, error: null, responseBody: "", payload, signature, at: Date.now() };
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signature, "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)", "cache-control": "no-cache" },
        body: payload,
        redirect: "manual",
        signal: AbortSignal.timeout(15_000),
      });
      delivery.status = res.status;
      delivery.responseBody = (await res.text()).slice(0, 2000);
    } catch (error) {
      delivery.error = String(error);
    }
    deliveries.push(delivery);
    options.onDelivery?.(delivery);
    return delivery;
  }

  async function deliverEvent(type: string, object: object, request: { id: string | null; idempotency_key: string | null } = { id: null, idempotency_key: null }) {
    const event = {
      id: newId.event(),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: now(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: options.webhookUrl ? 1 : 0,
      request,
      type,
    } as unknown as Stripe.Event;
    events.push(event);
    return options.webhookUrl ? send(event) : null;
  }

  // --- checkout state changes

  function sessionOrThrow(id: string): Stripe.Checkout.Session {
    const session = sessions.get(id);
    if (!session) throw new Error(`fake Stripe: no checkout session ${id}`);
    return session;
  }

  function issueInvoice(session: Stripe.Checkout.Session): void {
    const customer = typeof session.customer === "string" ? customers.get(session.customer) : undefined;
    if (!session.invoice_creation?.enabled || !customer || session.invoice) return;
    const invoice = buildInvoice(session, customer, sessionLines.get(session.id) ?? [], publicUrl);
    invoices.set(invoice.id, invoice);
    session.invoice = invoice.id;
  }

  async function completeCheckout(id: string, opts: { paid?: boolean } = {}): Promise<TCompletedCheckout> {
    const session = sessionOrThrow(id);
    if (session.status !== "open") throw new Error(`fake Stripe: checkout session ${id} is ${session.status}, not open`);
    const params = sessionParams.get(id) ?? {};
    let customer = typeof session.customer === "string" ? customers.get(session.customer) : undefined;
    if (!customer && (session.customer_creation === "always" || session.invoice_creation?.enabled)) {
      customer = buildCustomer({ email: session.customer_email ?? PAYER.email, name: PAYER.name, address: { ...PAYER.address, line2: undefined, state: undefined } });
      customers.set(customer.id, customer);
      session.customer = customer.id;
    }
    const address = customer?.address ?? { ...PAYER.address };
    const name = customer?.name ?? PAYER.name;
    // customer_update=auto writes what the payer entered back onto the customer.
    if (customer && params.customer_update?.address === "auto") customer.address = address;
    if (customer && params.customer_update?.name === "auto") customer.name = name;
    const customerTaxIds = customer ? [...taxIds.values()].filter((t) => t.customer === customer.id) : [];
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
    if (session.payment_status === "paid") issueInvoice(session);
    const delivery = await deliverEvent("checkout.session.completed", session);
    return { session, delivery };
  }

  async function settleAsyncPayment(id: string, opts: { succeeded: boolean }): Promise<TCompletedCheckout> {
    const session = sessionOrThrow(id);
    if (session.status !== "complete" || session.payment_status !== "unpaid") {
      throw new Error(`fake Stripe: checkout session ${id} has no pending async payment`);
    }
    if (opts.succeeded) {
      session.payment_status = "paid";
      issueInvoice(session);
    }
    const delivery = await deliverEvent(opts.succeeded ? "checkout.session.async_payment_succeeded" : "checkout.session.async_payment_failed", session);
    return { session, delivery };
  }

  // --- API endpoints

  function customerOrThrow(id: string, param = "id", status = 404): Stripe.Customer {
    const customer = customers.get(id);
    if (!customer) throw noSuch("customer", id, param, status);
    return customer;
  }

  function createSession(p: Stripe.Checkout.SessionCreateParams): Stripe.Checkout.Session {
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
    if (p.customer) customerOrThrow(p.customer, "customer", 400);
    if (p.customer_update && !p.customer) throw invalid("customer_update can only be used with customer.", "customer_update");
    if (p.tax_id_collection?.enabled && p.customer && p.customer_update?.name !== "auto") {
      throw invalid("To collect tax IDs from an existing customer, customer_update[name] must be 'auto'.", "customer_update[name]");
    }
    if (p.expires_at !== undefined && (p.expires_at < now() + 30 * 60 - 60 || p.expires_at > now() + 24 * 3600)) {
      throw invalid("expires_at must be between 30 minutes and 24 hours from now.", "expires_at");
    }
    const session = buildSession(p, lines, publicUrl);
    sessions.set(session.id, session);
    sessionLines.set(session.id, lines);
    sessionParams.set(session.id, p);
    return session;
  }

  async function route(method: string, path: string, form: TFormHash, request: { id: string; idempotency_key: string | null }): Promise<unknown> {
    const parts = path.split("/").slice(2); // ["customers", ":id", …]
    const [resource, id, sub, subId] = parts;
    if (resource === "customers") {
      if (!id && method === "POST" && parts.length === 1) {
        const p = validate<Stripe.CustomerCreateParams>(CUSTOMER_CREATE, form);
        p.tax_id_data?.forEach((t, i) => {
          if (t.type === "eu_vat" && !EU_VAT.test(t.value.replace(/[\s.-]/g, "").toUpperCase())) {
            throw invalid("Invalid value for eu_vat.", `tax_id_data[${i}][value]`, "tax_id_invalid");
          }
        });
        const customer = buildCustomer(p);
        customers.set(customer.id, customer);
        for (const t of p.tax_id_data ?? []) {
          const taxId = buildTaxId(customer.id, t.type, t.value);
          taxIds.set(taxId.id, taxId);
        }
        return customer;
      }
      if (id && !sub && parts.length === 2) {
        const customer = customerOrThrow(id);
        if (method === "GET") {
          validate(NONE, form);
          return customer;
        }
        if (method === "POST") {
          updateCustomer(customer, validate<Stripe.CustomerUpdateParams>(CUSTOMER_UPDATE, form));
          return customer;
        }
      }
      if (id && sub === "tax_ids" && parts.length <= 4) {
        const customer = customerOrThrow(id);
        const own = [...taxIds.values()].filter((t) => t.customer === customer.id).reverse();
        if (method === "GET" && !subId) {
          const p = validate<Stripe.PaginationParams>(LIST, form);
          const start = p.starting_after ? own.findIndex((t) => t.id === p.starting_after) + 1 : 0;
          const page = own.slice(start, start + (p.limit ?? 10));
          return { object: "list", data: page, has_more: start + page.length < own.length, url: `/v1/customers/${customer.id}/tax_ids` };
        }
        if (method === "POST" && !subId) {
          const p = validate<Stripe.CustomerCreateTaxIdParams>(TAX_ID_CREATE, form);
          const taxId = buildTaxId(customer.id, p.type, p.value);
          taxIds.set(taxId.id, taxId);
          return taxId;
        }
        if (method === "DELETE" && subId) {
          validate(NONE, form);
          const taxId = taxIds.get(subId);
          if (!taxId || taxId.customer !== customer.id) throw noSuch("tax id", subId);
          taxIds.delete(subId);
          return { id: subId, object: "tax_id", deleted: true };
        }
      }
    }
    if (resource === "checkout" && id === "sessions") {
      if (method === "POST" && parts.length === 2) return createSession(validate<Stripe.Checkout.SessionCreateParams>(SESSION_CREATE, form));
      if (sub && parts.length === 3 && method === "GET") {
        validate(NONE, form);
        const session = sessions.get(sub);
        if (!session) throw noSuch("checkout.session", sub);
        return session;
      }
      if (sub && subId === "expire" && parts.length === 4 && method === "POST") {
        validate(NONE, form);
        const session = sessions.get(sub);
        if (!session) throw noSuch("checkout.session", sub);
        if (session.status !== "open") {
          throw new StripeApiError(400, `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of ${session.status}.`, { saved: true });
        }
        session.status = "expired";
        session.url = null;
        await deliverEvent("checkout.session.expired", session, request);
        return session;
      }
    }
    if (resource === "invoices" && id && parts.length === 2 && method === "GET") {
      validate(NONE, form);
      const invoice = invoices.get(id);
      if (!invoice) throw noSuch("invoice", id);
      return invoice;
    }
    throw new StripeApiError(404, `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`);
  }

  function authenticate(header: string | undefined): void {
    if (!header) {
      throw new StripeApiError(
        401,
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      );
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    // Stripe also takes the key as the Basic auth user name (curl -u sk_test_…:).
    const basic = /^Basic\s+(\S+)$/i.exec(header)?.[1];
    const presented = bearer ?? (basic ? Buffer.from(basic, "base64").toString("utf8").split(":")[0]! : "");
    if (presented !== options.apiKey) throw new StripeApiError(401, `Invalid API Key provided: ${maskKey(presented)}`);
  }

  async function api(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake.local");
    const method = req.method ?? "GET";
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
    const record: TStripeRequest = {
      method,
      path: url.pathname,
      route: routeOf(method, url.pathname),
      headers,
      params: {},
      idempotencyKey: headers["idempotency-key"] || null,
      status: 0,
      replayed: false,
      at: Date.now(),
    };
    requests.push(record);
    const requestId = newId.request();
    const respond = (status: number, body: string, extra: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, {
        "content-type": "application/json",
        "request-id": requestId,
        "stripe-version": headers["stripe-version"] || Stripe.API_VERSION,
        ...(record.idempotencyKey && method !== "GET" ? { "idempotency-key": record.idempotencyKey } : {}),
        ...extra,
      });
      res.end(body);
    };
    const fail = (error: StripeApiError) => respond(error.status, JSON.stringify(error.body(), null, 2), error.extra.headers);

    let fingerprint = "";
    try {
      authenticate(headers.authorization);
      const version = headers["stripe-version"];
      if (version && !/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(version)) throw invalid(`Invalid Stripe API version: ${version}`);
      const bodyMethod = method === "POST";
      if (bodyMethod && raw && !(headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
        throw invalid(`Invalid request: unsupported Content-Type ${headers["content-type"] ?? "(none)"}. If error persists and you need assistance, please contact support@stripe.com.`);
      }
      const encoded = bodyMethod ? raw : url.search.slice(1);
      const form = parseStripeForm(encoded);
      record.params = withArrays(form) as Record<string, unknown>;
      fingerprint = `${method} ${url.pathname}\n${encoded.split("&").sort().join("&")}`;
      const key = method === "POST" || method === "DELETE" ? record.idempotencyKey : null;
      if (key) {
        const saved = idempotent.get(key);
        if (saved && saved.fingerprint !== fingerprint) {
          throw new StripeApiError(
            400,
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            { type: "idempotency_error" },
          );
        }
        if (saved) {
          record.replayed = true;
          return respond(saved.status, saved.body, { "idempotent-replayed": "true", "original-request": saved.requestId });
        }
      }
      const save = (status: number, body: string) => {
        if (key) idempotent.set(key, { fingerprint, status, body, requestId });
      };
      try {
        const scripted = failures.findIndex((f) => f.route === record.route);
        if (scripted >= 0) {
          const { failure } = failures.splice(scripted, 1)[0]!;
          const status = failure.status ?? 500;
          throw new StripeApiError(status, failure.message ?? "An unknown error occurred", {
            type: failure.type ?? (status >= 500 ? "api_error" : "invalid_request_error"),
            code: failure.code,
            param: failure.param,
            headers: { "stripe-should-retry": "false" },
            saved: status >= 500 || status === 402,
          });
        }
        const body = JSON.stringify(await route(method, url.pathname, form, { id: requestId, idempotency_key: key }), null, 2);
        save(200, body);
        respond(200, body);
      } catch (error) {
        if (error instanceof StripeApiError && error.extra.saved) save(error.status, JSON.stringify(error.body(), null, 2));
        throw error;
      }
    } catch (error) {
      if (error instanceof StripeApiError) return fail(error);
      throw error;
    }
  }

  async function hosted(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake.local");
    const html = (status: number, body: string) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      res.end(body);
    };
    const pay = /^\/pay\/([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (pay) {
      const session = sessions.get(pay[1]!);
      if (!session) return html(404, page("Nicht gefunden", "<h1>Diese Zahlungsseite gibt es nicht.</h1>"));
      const lines = sessionLines.get(session.id) ?? [];
      const customer = typeof session.customer === "string" ? customers.get(session.customer) : undefined;
      if (req.method === "GET") return html(200, payPage(session, lines, customer?.email ?? session.customer_email));
      if (req.method !== "POST") return html(405, page("Nicht erlaubt", "<h1>Methode nicht erlaubt</h1>"));
      if (session.status !== "open") return html(409, payPage(session, lines, null));
      const outcome = new URLSearchParams(raw).get("outcome");
      await completeCheckout(session.id, { paid: outcome !== "unpaid" });
      if (!session.success_url) return html(200, page("Zahlung abgeschlossen", "<h1>Vielen Dank! Die Zahlung ist abgeschlossen.</h1>"));
      res.writeHead(303, { location: session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id) });
      return void res.end();
    }
    const invoicePage = /^\/invoice\/(in_[A-Za-z0-9]+)(\/pdf)?$/.exec(url.pathname);
    const invoice = invoicePage ? invoices.get(invoicePage[1]!) : undefined;
    if (invoicePage && invoice && req.method === "GET") {
      if (invoicePage[2]) {
        const pdf = invoicePdf(invoice);
        res.writeHead(200, { "content-type": "application/pdf", "content-length": String(pdf.length), "content-disposition": `inline; filename="Invoice-${invoice.number}.pdf"` });
        return void res.end(pdf);
      }
      return html(200, page(`Rechnung ${invoice.number}`, `<h1>Rechnung ${esc(invoice.number ?? "")}</h1><p><a href="${esc(invoice.invoice_pdf ?? "")}">PDF herunterladen</a></p>`));
    }
    html(404, page("Nicht gefunden", "<h1>Nicht gefunden</h1>"));
  }

  const server = createServer((req, res) => {
    void readBody(req)
      .then((raw) => ((req.url ?? "").startsWith("/v1/") ? api(req, res, raw) : hosted(req, res, raw)))
      .catch((error: unknown) => {
        if (res.headersSent) return void res.end();
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { type: "api_error", message: `fake Stripe failure: ${String(error)}` } }));
      });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host}:${port}`;
  publicUrl = (options.publicUrl ?? url).replace(/\/+$/, "");

  return {
    url,
    publicUrl,
    sessions,
    customers,
    taxIds,
    invoices,
    events,
    requests,
    deliveries,
    paramsOf: (r) => requests.filter((q) => q.route === r).map((q) => q.params),
    completeCheckout,
    settleAsyncPayment,
    deliverEvent: (type, object) => deliverEvent(type, object),
    redeliver: async (eventId) => {
      const event = events.find((e) => e.id === eventId);
      if (!event) throw new Error(`fake Stripe: no event ${eventId}`);
      if (!options.webhookUrl) throw new Error("fake Stripe: no webhookUrl configured");
      return send(event);
    },
    failNext: (r, failure = {}) => {
      failures.push({ route: r, failure });
    },
    reset: () => {
      for (const m of [sessions, sessionLines, sessionParams, customers, taxIds, invoices, idempotent]) m.clear();
      events.length = 0;
      requests.length = 0;
      deliveries.length = 0;
      failures = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
