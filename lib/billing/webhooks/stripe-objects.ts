import { z } from "zod";

/**
 * The parts of Stripe's objects the webhook handlers read, validated at the boundary.
 * Unknown fields are dropped from the parsed value (the full payload is stored as it came).
 */
const ZStripeId = z.string().min(1).max(255);

/** An expandable reference: Stripe sends the id, or the object when it was expanded. */
const ZExpandableId = z
  .union([ZStripeId, z.looseObject({ id: ZStripeId })])
  .nullable()
  .optional()
  .transform((v) => (v == null ? null : typeof v === "string" ? v : v.id));

const ZMetadata = z
  .record(z.string(), z.string())
  .nullable()
  .optional()
  .transform((v) => v ?? {});

const ZCents = z.number().int().min(0).max(2_147_483_647);

export const ZStripeEvent = z.object({
  id: z.string().regex(/^evt_[A-Za-z0-9_]{1,250}$/, "must be a Stripe event id (evt_…)"),
  object: z.literal("event"),
  type: z.string().min(1).max(255),
  livemode: z.boolean(),
  created: z.number().int(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
export type TStripeEvent = z.infer<typeof ZStripeEvent>;

export const ZCheckoutSession = z.object({
  id: ZStripeId,
  object: z.literal("checkout.session"),
  mode: z.string(),
  payment_status: z.string(),
  amount_total: ZCents.nullable(),
  currency: z.string().nullable(),
  client_reference_id: z.string().nullable().optional(),
  metadata: ZMetadata,
  payment_intent: ZExpandableId,
  invoice: ZExpandableId,
  total_details: z.object({ amount_tax: ZCents }).nullable().optional(),
});
export type TCheckoutSession = z.infer<typeof ZCheckoutSession>;

export const ZCharge = z.object({
  id: ZStripeId,
  object: z.literal("charge"),
  amount: ZCents,
  amount_refunded: ZCents,
  currency: z.string(),
  metadata: ZMetadata,
  payment_intent: ZExpandableId,
});
export type TCharge = z.infer<typeof ZCharge>;

export const ZDispute = z.object({
  id: ZStripeId,
  object: z.literal("dispute"),
  amount: ZCents,
  currency: z.string(),
  status: z.string(),
  charge: ZExpandableId,
  payment_intent: ZExpandableId,
});
export type TDispute = z.infer<typeof ZDispute>;
