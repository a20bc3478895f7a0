import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { BalanceCard } from "@/components/dashboard/billing/balance-card";
import { BillingDetailsForm } from "@/components/dashboard/billing/billing-details-form";
import { LedgerFilters } from "@/components/dashboard/billing/ledger-filters";
import { LedgerTable } from "@/components/dashboard/billing/ledger-table";
import { PaymentsTable } from "@/components/dashboard/billing/payments-table";
import { PlanSection } from "@/components/dashboard/billing/plan-section";
import { TopUpCard } from "@/components/dashboard/billing/top-up-card";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { Alert, EmptyState } from "@/components/ui/feedback";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { getBillingDetails } from "@/lib/billing/billing-details";
import { getBalance } from "@/lib/billing/get-balance";
import { LEDGER_KINDS, listLedgerEntries, ZLedgerFilters } from "@/lib/billing/list-ledger-entries";
import { listPayments } from "@/lib/billing/list-payments";
import { getSubscription } from "@/lib/billing/plans/plans";
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

/** Ledger filters from the query string; a value that does not parse is dropped, not an error page. */
function readFilters(search: TSearch): TFilterValues {
  const values: TFilterValues = {};
  for (const key of FILTER_KEYS) {
    const raw = search[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value && ZLedgerFilters.safeParse({ [key]: value }).success) values[key] = value;
  }
  if (values.from && values.to && !ZLedgerFilters.safeParse({ from: values.from, to: values.to }).success) delete values.to;
  return values;
}

function query(values: Record<string, string | undefined>): string {
  const s = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return s ? `?${s}` : "";
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function BillingPage({ params, searchParams }: { params: Promise<{ workspace: string }>; searchParams: Promise<TSearch> }) {
  const { workspace: slug } = await params;
  const { ctx } = await requireWorkspacePage(slug, ["owner"], `/dashboard/${slug}/billing`);
  const t = await getTranslations("dashboard.billing");
  const search = await searchParams;
  const filters = readFilters(search);
  const { cursor, ...withoutCursor } = filters;
  const [balance, payments, ledger, details, subscription] = await Promise.all([
    getBalance(ctx.workspaceId),
    listPayments(ctx),
    listLedgerEntries(ctx, filters),
    getBillingDetails(ctx),
    getSubscription(ctx),
  ]);
  const { BILLING_TOP_UP_MIN_CENTS: minCents, BILLING_TOP_UP_MAX_CENTS: maxCents } = env();
  const packages = TOP_UP_AMOUNTS_CENTS.filter((c) => c >= minCents && c <= maxCents);
  const filtered = Object.values(filters).some(Boolean);
  const base = `/dashboard/${slug}/billing`;
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

        <PlanSection
          slug={slug}
          subscription={{
            plan: subscription.plan,
            status: subscription.status,
            period: subscription.period
              ? { months: subscription.period.months, startsAt: subscription.period.startsAt.toISOString(), endsAt: subscription.period.endsAt.toISOString() }
              : null,
            autoRenew: subscription.autoRenew,
            graceUntil: subscription.graceUntil?.toISOString() ?? null,
            addons: subscription.addons,
            nextAddons: subscription.nextAddons,
            nextCharge: subscription.nextCharge ? { at: subscription.nextCharge.at.toISOString(), amountCents: subscription.nextCharge.amountCents } : null,
            endsAt: subscription.endsAt?.toISOString() ?? null,
            availableCents: balance.availableCents,
          }}
        />

        <Card>
          <div id="ledger" className="scroll-mt-20" />
          <CardHeader
            title={t("ledger.title")}
            description={t("ledger.description")}
            actions={
              ledger.total > 0 ? (
                <a
                  href={`/api/workspaces/${slug}/billing/ledger/export${query(withoutCursor)}`}
                  download
                  className="inline-flex h-10 items-center gap-2 rounded-lg bg-white px-4 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
                >
                  <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                    <path d="M12 3v12m0 0-4-4m4 4 4-4M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
                  </svg>
                  {t("ledger.export")}
                </a>
              ) : undefined
            }
          />
          {(ledger.total > 0 || filtered) && <LedgerFilters key={query(withoutCursor)} values={withoutCursor} kinds={LEDGER_KINDS} />}
          {ledger.entries.length === 0 ? (
            <EmptyState
              icon={
                <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                  <path d="M4 4h16v16H4zM8 9h8M8 13h8M8 17h5" />
                </svg>
              }
              title={filtered ? t("ledger.noResultsTitle") : t("ledger.emptyTitle")}
              description={filtered ? t("ledger.noResultsText") : t("ledger.emptyText")}
              action={
                filtered ? (
                  <ButtonLink href={`${base}#ledger`} variant="secondary">
                    {t("ledger.reset")}
                  </ButtonLink>
                ) : undefined
              }
            />
          ) : (
            <>
              <LedgerTable
                entries={ledger.entries.map((e) => ({
                  id: e.id,
                  kind: e.kind,
                  amountCents: e.amountCents,
                  balanceAfterCents: e.balanceAfterCents,
                  description: e.description,
                  reference: e.reference,
                  createdAt: e.createdAt.toISOString(),
                }))}
              />
              <nav aria-label={t("ledger.pagination")} className="flex flex-col gap-3 border-t border-slate-200 px-5 py-3 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between">
                <p>{t("ledger.count", { count: ledger.total })}</p>
                <div className="flex gap-2">
                  {cursor && (
                    <ButtonLink href={`${base}${query(withoutCursor)}#ledger`} variant="secondary" size="sm">
                      {t("ledger.newest")}
                    </ButtonLink>
                  )}
                  {ledger.nextCursor && (
                    <ButtonLink href={`${base}${query({ ...withoutCursor, cursor: ledger.nextCursor })}#ledger`} variant="secondary" size="sm">
                      {t("ledger.older")}
                    </ButtonLink>
                  )}
                </div>
              </nav>
            </>
          )}
        </Card>

        <Card>
          <CardHeader title={t("payments.title")} description={t("payments.description")} />
          {payments.length === 0 ? (
            <EmptyState
              icon={
                <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                  <path d="M3 7h18v10H3zM3 11h18M7 15h3" />
                </svg>
              }
              title={t("payments.emptyTitle")}
              description={t("payments.emptyText")}
            />
          ) : (
            <PaymentsTable slug={slug} payments={payments.map((p) => ({ id: p.id, status: p.status, amountCents: p.amountCents, hasInvoice: p.hasInvoice, createdAt: p.createdAt.toISOString() }))} />
          )}
        </Card>

        <Card>
          <CardHeader title={t("details.title")} description={t("details.description")} />
          <BillingDetailsForm
            slug={slug}
            initial={{
              companyName: details.companyName,
              email: details.email,
              addressLine1: details.addressLine1,
              addressLine2: details.addressLine2,
              postalCode: details.postalCode,
              city: details.city,
              country: details.country,
              vatId: details.vatId,
              lowBalanceThresholds: details.lowBalanceThresholds,
            }}
          />
        </Card>
      </div>
    </>
  );
}
