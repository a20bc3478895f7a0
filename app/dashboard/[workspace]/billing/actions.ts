"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { updateBillingDetails, type TBillingDetailsInput } from "@/lib/billing/billing-details";
import { createTopUpCheckout } from "@/lib/billing/create-top-up-checkout";
import { buyAddon, changePlan, quotePlanChange, setAutoRenew, type TPlanChangeQuote } from "@/lib/billing/plans/plans";
import { workspaceAction } from "@/lib/auth/next/workspace-action";

/**
 * Billing server actions, owners only (workspaceAction checks membership and role; the
 * services check the role again). Dates go to the browser as ISO strings.
 */

const BILLING_PAGE = "/dashboard/[workspace]/billing";

/** Opens a Stripe Checkout Session; the browser then goes to the returned URL. */
export const startTopUpAction = workspaceAction(["owner"], async (ctx, input: { amountCents: number }) => {
  const locale = (await getLocale()) === "en" ? "en" : "de";
  const { paymentId, url } = await createTopUpCheckout(ctx, { amountCents: Number(input?.amountCents), locale });
  return { paymentId, url };
});

export const saveBillingDetailsAction = workspaceAction(["owner"], async (ctx, input: TBillingDetailsInput) => {
  const { stripeSync } = await updateBillingDetails(ctx, input);
  revalidatePath(BILLING_PAGE, "page");
  return { stripeSync };
});

export type TQuoteView = Omit<TPlanChangeQuote, "startsAt" | "endsAt"> & { startsAt: string | null; endsAt: string | null };

function quoteView(quote: TPlanChangeQuote): TQuoteView {
  return { ...quote, startsAt: quote.startsAt?.toISOString() ?? null, endsAt: quote.endsAt?.toISOString() ?? null };
}

export const quotePlanAction = workspaceAction(["owner"], async (ctx, input: { plan: string; months?: number }) => {
  return quoteView(await quotePlanChange(ctx, { plan: input?.plan, months: input?.months }));
});

export const changePlanAction = workspaceAction(["owner"], async (ctx, input: { plan: string; months?: number }) => {
  const result = await changePlan(ctx, { plan: input?.plan, months: input?.months });
  revalidatePath("/dashboard/[workspace]", "layout");
  return { ...quoteView(result), balanceCents: result.balanceCents };
});

export const setAutoRenewAction = workspaceAction(["owner"], async (ctx, input: { enabled: boolean }) => {
  const result = await setAutoRenew(ctx, input?.enabled);
  revalidatePath(BILLING_PAGE, "page");
  return result;
});

export const buyAddonAction = workspaceAction(["owner"], async (ctx, input: { extraSeats?: number; brandingAddon?: boolean }) => {
  const result = await buyAddon(ctx, { extraSeats: input?.extraSeats, brandingAddon: input?.brandingAddon });
  revalidatePath("/dashboard/[workspace]", "layout");
  return {
    chargedCents: result.chargedCents,
    current: result.current,
    next: result.next,
    removalTakesEffectAt: result.removalTakesEffectAt?.toISOString() ?? null,
    balanceCents: result.balanceCents,
  };
});
