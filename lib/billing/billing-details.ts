import type Stripe from "stripe";
import { z } from "zod";
import { db } from "../db/client";
import type { BillingProfile } from "../db/generated/client";
import { formatEuros } from "../plans/plans";
import { ZEmail } from "../validation/common";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";
import { invoiceIdentity } from "./ensure-stripe-customer";
import { LOW_BALANCE_THRESHOLDS, lowBalanceThresholds } from "./low-balance-thresholds";
import { stripeClient, stripeConfigured, stripeFailure } from "./stripe-client";

/**
 * The workspace's billing details (what Stripe prints on invoices) and its low-balance
 * email thresholds. Saved in BillingProfile; when the workspace already has a Stripe
 * customer, its name, email, address and EU VAT id follow. Billing is owner-only.
 */

/** ISO 3166-1 alpha-2, plus XK (Kosovo), which Stripe accepts. */
const COUNTRIES = new Set(
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD
CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF
GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
VN VU WF WS XK YE YT ZA ZM ZW`.split(/\s+/),
);

/** The number part of an EU VAT id per country prefix (EL is Greece, XI Northern Ireland). */
const EU_VAT_FORMATS: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^\d{11}$/,
  LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^[1-9]\d{1,9}$/,
  SE: /^\d{10}01$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
  XI: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
};

/** "de 123.456.789" → "DE123456789"; Greek ids may be typed with GR. */
export function normalizeVatId(value: string): string {
  const compact = value.replace(/[\s.\-/]/g, "").toUpperCase();
  return compact.startsWith("GR") ? `EL${compact.slice(2)}` : compact;
}

export function isEuVatId(value: string): boolean {
  return EU_VAT_FORMATS[value.slice(0, 2)]?.test(value.slice(2)) ?? false;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .nullish()
    .transform((v) => v || null);

const requiredText = (max: number) => z.string().trim().min(1, "Required").max(max, `At most ${max} characters`);

export const ZBillingDetailsInput = z.object({
  companyName: optionalText(200),
  email: ZEmail,
  addressLine1: requiredText(200),
  addressLine2: optionalText(200),
  postalCode: requiredText(20),
  city: requiredText(100),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => COUNTRIES.has(v), "Choose a country (two-letter code such as DE)"),
  vatId: z
    .string()
    .nullish()
    .transform((v) => (v && v.trim() ? normalizeVatId(v) : null))
    .refine((v) => v === null || isEuVatId(v), "Enter an EU VAT ID such as DE123456789"),
  /** Cents; stored de-duplicated, highest first. */
  lowBalanceThresholds: z
    .array(
      z.coerce
        .number()
        .int("Whole cents only")
        .min(LOW_BALANCE_THRESHOLDS.minCents, `At least ${formatEuros(LOW_BALANCE_THRESHOLDS.minCents, "en", { exact: true })}`)
        .max(LOW_BALANCE_THRESHOLDS.maxCents, `At most ${formatEuros(LOW_BALANCE_THRESHOLDS.maxCents, "en", { exact: true })}`),
    )
    .transform((values) => [...new Set(values)].sort((a, b) => b - a))
    .pipe(z.array(z.number()).max(LOW_BALANCE_THRESHOLDS.maxCount, `At most ${LOW_BALANCE_THRESHOLDS.maxCount} thresholds`))
    .optional(),
});
export type TBillingDetailsInput = z.input<typeof ZBillingDetailsInput>;

export type TBillingDetails = {
  companyName: string | null;
  email: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  vatId: string | null;
  lowBalanceThresholds: number[];
  /** True once the workspace has a Stripe customer (after its first top-up). */
  hasStripeCustomer: boolean;
};

/** "synced": Stripe has the new details; "skipped": no customer yet or Stripe not set up; "failed": logged, saved here only. */
export type TStripeSync = "synced" | "skipped" | "failed";

function toDetails(profile: BillingProfile | null): TBillingDetails {
  return {
    companyName: profile?.companyName ?? null,
    email: profile?.email ?? null,
    addressLine1: profile?.addressLine1 ?? null,
    addressLine2: profile?.addressLine2 ?? null,
    postalCode: profile?.postalCode ?? null,
    city: profile?.city ?? null,
    country: profile?.country ?? null,
    vatId: profile?.vatId ?? null,
    lowBalanceThresholds: lowBalanceThresholds(profile?.lowBalanceThresholds),
    hasStripeCustomer: Boolean(profile?.stripeCustomerId),
  };
}

export async function getBillingDetails(ctx: TWorkspaceContext): Promise<TBillingDetails> {
  requireRole(ctx, ["owner"]);
  return toDetails(await db().billingProfile.findUnique({ where: { workspaceId: ctx.workspaceId } }));
}

export async function updateBillingDetails(
  ctx: TWorkspaceContext,
  raw: TBillingDetailsInput,
): Promise<{ details: TBillingDetails; stripeSync: TStripeSync }> {
  requireRole(ctx, ["owner"]);
  const input = ZBillingDetailsInput.parse(raw);
  const { lowBalanceThresholds, ...fields } = input;
  const data = { ...fields, ...(lowBalanceThresholds ? { lowBalanceThresholds } : {}) };
  const profile = await db().$transaction(async (tx) => {
    const saved = await tx.billingProfile.upsert({ where: { workspaceId: ctx.workspaceId }, create: { workspaceId: ctx.workspaceId, ...data }, update: data });
    await tx.auditLog.create({
      data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "billing.details_updated", targetType: "billing_profile", targetId: ctx.workspaceId, data },
    });
    return saved;
  });
  return { details: toDetails(profile), stripeSync: await syncStripeCustomer(ctx.workspaceId, profile) };
}

/** The customer gets the same invoice identity a new one is created with, and the form's VAT id. */
async function syncStripeCustomer(workspaceId: string, profile: BillingProfile): Promise<TStripeSync> {
  const customerId = profile.stripeCustomerId;
  if (!customerId || !stripeConfigured()) return "skipped";
  try {
    const stripe = stripeClient();
    const { name, email, address } = await invoiceIdentity(workspaceId);
    await stripe.customers.update(customerId, {
      name,
      ...(email ? { email } : {}),
      // An empty line2 clears the one Stripe has.
      ...(address ? { address: { ...address, line2: address.line2 ?? "" } } : {}),
    });
    await replaceVatId(stripe, customerId, profile.vatId);
    return "synced";
  } catch (error) {
    stripeFailure(error, "updating the customer's billing details", { workspaceId, customerId });
    return "failed";
  }
}

/** The form is the source of truth for the EU VAT id: add the new one first, then remove the others. */
async function replaceVatId(stripe: Stripe, customerId: string, vatId: string | null): Promise<void> {
  const existing = await stripe.customers.listTaxIds(customerId, { limit: 100 });
  const euVat = existing.data.filter((t) => t.type === "eu_vat");
  if (vatId && !euVat.some((t) => t.value === vatId)) await stripe.customers.createTaxId(customerId, { type: "eu_vat", value: vatId });
  for (const taxId of euVat) {
    if (taxId.value !== vatId) await stripe.customers.deleteTaxId(customerId, taxId.id);
  }
}
