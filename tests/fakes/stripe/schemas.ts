import { arr, bool, hash, int, meta, req, str, type TSpec } from "./form";

/**
 * The parameters each endpoint accepts: only the subset Chatwerk needs. A real Stripe
 * parameter missing here is refused as unknown, so extend the schema when the app sends it.
 */

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
export const CUSTOMER_CREATE = hash({
  ...CUSTOMER_FIELDS,
  tax_id_data: arr(hash({ type: req(str({ enum: TAX_ID_TYPES })), value: req(str({ max: 40 })) }), { max: 25 }),
});
export const CUSTOMER_UPDATE = hash(CUSTOMER_FIELDS);
export const TAX_ID_CREATE = hash({ type: req(str({ enum: TAX_ID_TYPES })), value: req(str({ max: 40 })) });
export const LIST = hash({ limit: int({ min: 1, max: 100 }), starting_after: str(), ending_before: str() });
export const NONE = hash({});

const AUTO_NEVER = ["auto", "never"] as const;
const CHECKOUT_LOCALES = ["auto", "bg", "cs", "da", "de", "el", "en", "en-GB", "es", "es-419", "et", "fi", "fil", "fr", "fr-CA", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "mt", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sk", "sl", "sv", "th", "tr", "vi", "zh", "zh-HK", "zh-TW"];
const PAYMENT_METHOD_TYPES = ["card", "sepa_debit", "paypal", "klarna", "link", "ideal", "bancontact", "eps", "p24", "giropay", "sofort", "customer_balance"];
export const SESSION_CREATE = hash({
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
