import type Stripe from "stripe";
import { now, stripeId } from "./ids";

/** Full Checkout Session, Charge and Dispute objects (typed by the SDK, so a missing or misnamed field fails the typecheck). */

export type TSessionInput = {
  id?: string;
  /** client_reference_id and metadata.workspaceId (set either to override one of them). */
  workspaceId: string | null;
  clientReferenceId?: string | null;
  paymentId?: string | null;
  metadata?: Record<string, string>;
  amountTotal: number;
  amountTax?: number;
  currency?: string;
  paymentStatus?: "paid" | "unpaid" | "no_payment_required";
  paymentIntentId?: string | null;
  invoiceId?: string | null;
  mode?: "payment" | "subscription";
  /** A delayed method (SEPA debit) instead of a card. */
  delayed?: boolean;
};

/** A Checkout Session in payment mode, as in checkout.session.* events (API version of the SDK). */
export function checkoutSession(input: TSessionInput): Stripe.Checkout.Session {
  const id = input.id ?? stripeId("cs_test_a1", 56);
  const created = now() - 120;
  const amountTax = input.amountTax ?? 0;
  const paymentStatus = input.paymentStatus ?? "paid";
  const metadata: Record<string, string> = { ...(input.workspaceId ? { workspaceId: input.workspaceId } : {}), ...(input.paymentId ? { paymentId: input.paymentId } : {}), ...input.metadata };
  return {
    id,
    object: "checkout.session",
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: input.amountTotal - amountTax,
    amount_total: input.amountTotal,
    automatic_tax: amountTax > 0 ? { enabled: true, liability: { type: "self" }, provider: "stripe", status: "complete" } : { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: "required",
    cancel_url: "http://localhost:3999/dashboard/acme/billing?checkout=canceled",
    client_reference_id: input.clientReferenceId !== undefined ? input.clientReferenceId : input.workspaceId,
    client_secret: null,
    collected_information: { business_name: null, individual_name: null, shipping_details: null },
    consent: null,
    consent_collection: null,
    created,
    currency: input.currency ?? "eur",
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: stripeId("cus", 14),
    customer_account: null,
    customer_creation: "always",
    customer_details: {
      address: { city: "Berlin", country: "DE", line1: "Musterstraße 1", line2: null, postal_code: "10115", state: null },
      business_name: null,
      email: "owner@example.com",
      individual_name: null,
      name: "Erika Mustermann",
      phone: null,
      tax_exempt: "none",
      tax_ids: [],
    },
    customer_email: "owner@example.com",
    discounts: [],
    expires_at: created + 86_400,
    integration_identifier: null,
    invoice: input.invoiceId === undefined ? stripeId("in_1Q", 24) : input.invoiceId,
    invoice_creation: {
      enabled: input.invoiceId !== null,
      invoice_data: { account_tax_ids: null, custom_fields: null, description: "Chatwerk balance top-up", footer: null, issuer: { type: "self" }, metadata: {}, rendering_options: null },
    },
    livemode: false,
    locale: "de",
    managed_payments: null,
    metadata,
    mode: input.mode ?? "payment",
    origin_context: null,
    payment_intent: input.paymentIntentId === undefined ? stripeId("pi_3Q", 24) : input.paymentIntentId,
    payment_link: null,
    payment_method_collection: "if_required",
    payment_method_configuration_details: null,
    payment_method_options: input.delayed ? { sepa_debit: {} } : { card: { request_three_d_secure: "automatic" } },
    payment_method_types: input.delayed ? ["sepa_debit"] : ["card"],
    payment_status: paymentStatus,
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "complete",
    submit_type: "pay",
    subscription: null,
    success_url: "http://localhost:3999/dashboard/acme/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}",
    tax_id_collection: { enabled: true, required: "never" },
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: amountTax },
    ui_mode: "hosted_page",
    url: null,
    wallet_options: null,
  };
}

export type TChargeInput = {
  id?: string;
  paymentIntentId: string | null;
  amount: number;
  amountRefunded?: number;
  currency?: string;
  metadata?: Record<string, string>;
};

/** A succeeded card charge (refunds are not expanded on charges since API 2022-11-15). */
export function charge(input: TChargeInput): Stripe.Charge {
  const amountRefunded = input.amountRefunded ?? 0;
  return {
    id: input.id ?? stripeId("ch_3Q", 24),
    object: "charge",
    amount: input.amount,
    amount_captured: input.amount,
    amount_refunded: amountRefunded,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: stripeId("txn_3Q", 24),
    billing_details: {
      address: { city: "Berlin", country: "DE", line1: "Musterstraße 1", line2: null, postal_code: "10115", state: null },
      email: "owner@example.com",
      name: "Erika Mustermann",
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: "CHATWERK",
    captured: true,
    created: now() - 3600,
    currency: input.currency ?? "eur",
    customer: stripeId("cus", 14),
    description: null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: input.metadata ?? {},
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: "approved_by_network",
      reason: null,
      risk_level: "normal",
      risk_score: 32,
      seller_message: "Payment complete.",
      type: "authorized",
    },
    paid: true,
    payment_intent: input.paymentIntentId,
    payment_method: stripeId("pm_1Q", 24),
    payment_method_details: {
      card: {
        amount_authorized: input.amount,
        authorization_code: "123456",
        brand: "visa",
        checks: { address_line1_check: "pass", address_postal_code_check: "pass", cvc_check: "pass" },
        country: "DE",
        electronic_commerce_indicator: "07",
        exp_month: 12,
        exp_year: 2030,
        extended_authorization: { status: "disabled" },
        fingerprint: "Xt5EWLLDS7FJjR1c",
        funding: "credit",
        incremental_authorization: { status: "unavailable" },
        installments: null,
        last4: "4242",
        mandate: null,
        multicapture: { status: "unavailable" },
        network: "visa",
        network_token: { used: false },
        network_transaction_id: "104557651805572",
        overcapture: { maximum_amount_capturable: input.amount, status: "unavailable" },
        regulated_status: "unregulated",
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
      type: "card",
    },
    radar_options: {},
    receipt_email: "owner@example.com",
    receipt_number: null,
    receipt_url: "https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8xUQ",
    refunded: amountRefunded >= input.amount,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "succeeded",
    transfer_data: null,
    transfer_group: null,
  };
}

export type TDisputeInput = {
  id?: string;
  chargeId: string;
  paymentIntentId: string | null;
  amount: number;
  status: Stripe.Dispute.Status;
  currency?: string;
};

/** A card dispute (chargeback or inquiry) with its balance transactions so far. */
export function dispute(input: TDisputeInput): Stripe.Dispute {
  const id = input.id ?? stripeId("du_1Q", 24);
  const created = now() - 600;
  const currency = input.currency ?? "eur";
  const inquiry = input.status.startsWith("warning_");
  const withdrawal = (amount: number, description: string): Stripe.BalanceTransaction => ({
    id: stripeId("txn_1Q", 24),
    object: "balance_transaction",
    amount,
    available_on: created + 86_400,
    balance_type: "payments",
    created,
    currency,
    description,
    exchange_rate: null,
    fee: amount < 0 ? 2000 : 0,
    fee_details: amount < 0 ? [{ amount: 2000, application: null, currency, description: "Dispute fee", type: "stripe_fee" }] : [],
    net: amount < 0 ? amount - 2000 : amount,
    reporting_category: amount < 0 ? "dispute" : "dispute_reversal",
    source: id,
    status: "pending",
    type: "adjustment",
  });
  const balanceTransactions = inquiry ? [] : [withdrawal(-input.amount, `Chargeback withdrawal for ${input.chargeId}`)];
  if (input.status === "won") balanceTransactions.push(withdrawal(input.amount, `Chargeback reversal for ${input.chargeId}`));
  return {
    id,
    object: "dispute",
    amount: input.amount,
    balance_transactions: balanceTransactions,
    charge: input.chargeId,
    created,
    currency,
    enhanced_eligibility_types: [],
    evidence: {
      access_activity_log: null,
      billing_address: null,
      cancellation_policy: null,
      cancellation_policy_disclosure: null,
      cancellation_rebuttal: null,
      customer_communication: null,
      customer_email_address: null,
      customer_name: null,
      customer_purchase_ip: null,
      customer_signature: null,
      duplicate_charge_documentation: null,
      duplicate_charge_explanation: null,
      duplicate_charge_id: null,
      enhanced_evidence: {},
      product_description: null,
      receipt: null,
      refund_policy: null,
      refund_policy_disclosure: null,
      refund_refusal_explanation: null,
      service_date: null,
      service_documentation: null,
      shipping_address: null,
      shipping_carrier: null,
      shipping_date: null,
      shipping_documentation: null,
      shipping_tracking_number: null,
      uncategorized_file: null,
      uncategorized_text: null,
    },
    evidence_details: { due_by: created + 7 * 86_400, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0, submission_method: "not_submitted" },
    intended_submission_method: null,
    is_charge_refundable: inquiry,
    livemode: false,
    metadata: {},
    payment_intent: input.paymentIntentId,
    payment_method_details: { card: { brand: "visa", case_type: inquiry ? "inquiry" : "chargeback", network: "visa", network_reason_code: "10.4" }, type: "card" },
    reason: "fraudulent",
    status: input.status,
  };
}

