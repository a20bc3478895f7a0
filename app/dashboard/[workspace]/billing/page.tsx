import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BalanceCard } from "@/components/dashboard/billing/balance-card";
import { BillingDetailsForm } from "@/components/dashboard/billing/billing-details-form";
import { LedgerSection } from "@/components/dashboard/billing/ledger-section";
import { PaymentsSection } from "@/components/dashboard/billing/payments-section";
import { PlanSection } from "@/components/dashboard/billing/plan-section";
import type { TSubscriptionView } from "@/components/dashboard/billing/plan-types";
import { TopUpCard } from "@/components/dashboard/billing/top-up-card";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/feedback";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { getBillingDetails } from "@/lib/billing/billing-details";
import { LEDGER_KINDS, listLedgerEntries, ZLedgerFilters } from "@/lib/billing/list-ledger-entries";
import { listPayments } from "@/lib/billing/list-payments";
import { getSubscription, type TSubscriptionSummary } from "@/lib/billing/plans/plans";
import { stripeConfigured } from "@/lib/billing/stripe-client";
import { env } from "@/lib/config/env";
import { TOP_UP_AMOUNTS_CENTS } from "@/lib/plans/plans";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.billing");
  return { title: t("title") };
}

type TSearch = Record<string, string | string[] | undefined>;
const FILTER_KEYS = ["kind", "from", "to", "cursor"] as const;
type TFilterValues = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Ledger filters from the query string; a value that does not parse is dropped, not an error page. */
function readFilters(search: TSearch): TFilterValues {
  const values: TFilterValues = {};
  for (const key of FILTER_KEYS) {
    const value = first(search[key]);
    if (value && ZLedgerFilters.safeParse({ [key]: value }).success) values[key] = value;
  }
  if (values.from && values.to && !ZLedgerFilters.safeParse({ from: values.from, to: values.to }).success) delete values.to;
  return values;
}

/** The plan section's data as the browser gets it (dates as ISO strings). */
function subscriptionView(subscription: TSubscriptionSummary): TSubscriptionView {
  const { period, nextCharge } = subscription;
  return {
    plan: subscription.plan,
    status: subscription.status,
    period: period ? { months: period.months, startsAt: period.startsAt.toISOString(), endsAt: period.endsAt.toISOString() } : null,
    autoRenew: subscription.autoRenew,
    graceUntil: subscription.graceUntil?.toISOString() ?? null,
    addons: subscription.addons,
    nextAddons: subscription.nextAddons,
    nextCharge: nextCharge ? { at: nextCharge.at.toISOString(), amountCents: nextCharge.amountCents } : null,
    endsAt: subscription.endsAt?.toISOString() ?? null,
    availableCents: subscription.balance.availableCents,
  };
}

export default async function BillingPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<TSearch> }) {
  const { workspace: slug } = await params;
  const { ctx } = await requireWorkspacePage(slug, ["owner"], `/dashboard/${slug}/billing`);
  const t = await getTranslations("dashboard.billing");
  const search = await searchParams;
  const filters = readFilters(search);
  const { cursor, ...withoutCursor } = filters;
  // The subscription summary carries the balance: one read serves the balance card and the plans.
  const [payments, ledger, details, subscription] = await Promise.all([listPayments(ctx), listLedgerEntries(ctx, filters), getBillingDetails(ctx), getSubscription(ctx)]);
  const { balance } = subscription;
  const { BILLING_TOP_UP_MIN_CENTS: minCents, BILLING_TOP_UP_MAX_CENTS: maxCents } = env();
  const packages = TOP_UP_AMOUNTS_CENTS.filter((c) => c >= minCents && c <= maxCents);
  const invoiceNotice = first(search.invoice);

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        {first(search.canceled) === "1" && (
          <Alert tone="warning" title={t("canceled.title")}>
            {t("canceled.text")}
          </Alert>
        )}
        {(invoiceNotice === "pending" || invoiceNotice === "unavailable") && <Alert tone="warning">{t(`invoiceNotice.${invoiceNotice}`)}</Alert>}

        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
          <BalanceCard balanceCents={balance.balanceCents} heldCents={balance.heldCents} availableCents={balance.availableCents} />
          <TopUpCard slug={slug} packages={[...packages]} minCents={minCents} maxCents={maxCents} configured={stripeConfigured()} />
        </div>

        <PlanSection slug={slug} subscription={subscriptionView(subscription)} />

        <LedgerSection
          slug={slug}
          kinds={LEDGER_KINDS}
          filters={withoutCursor}
          cursor={cursor}
          page={{ ...ledger, entries: ledger.entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })) }}
        />

        <PaymentsSection slug={slug} payments={payments.map((p) => ({ id: p.id, status: p.status, amountCents: p.amountCents, hasInvoice: p.hasInvoice, createdAt: p.createdAt.toISOString() }))} />

        <Card>
          <CardHeader title={t("details.title")} description={t("details.description")} />
          <BillingDetailsForm slug={slug} initial={details} />
        </Card>
      </div>
    </>
  );
}
