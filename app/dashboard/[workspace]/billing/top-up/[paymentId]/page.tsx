import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TopUpStatus } from "@/components/dashboard/billing/top-up-status";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { getTopUp } from "@/lib/billing/get-top-up";
import { isAppError } from "@/lib/errors/app-error";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.billing.success");
  return { title: t("title") };
}

/** Where Stripe Checkout sends the owner back: pending until the webhook credits, then the new balance. */
export default async function TopUpPage({ params }: { params: Promise<{ workspace: string; paymentId: string }> }) {
  const { workspace: slug, paymentId } = await params;
  const { ctx } = await requireWorkspacePage(slug, ["owner"], `/dashboard/${slug}/billing/top-up/${paymentId}`);
  let topUp;
  try {
    topUp = await getTopUp(ctx, paymentId);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
  return (
    <div className="py-4 sm:py-10">
      <TopUpStatus
        slug={slug}
        initial={{ id: topUp.id, status: topUp.status, amountCents: topUp.amountCents, creditedCents: topUp.creditedCents, balanceCents: topUp.balanceCents }}
      />
    </div>
  );
}
