"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { changePlanAction, quotePlanAction, type TQuoteView } from "@/app/dashboard/[workspace]/billing/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert, Skeleton } from "@/components/ui/feedback";
import { useToast } from "@/components/ui/toast";
import { PLAN_NAMES, type TPlanId, type TPlanPeriodMonths } from "@/lib/plans/plans";
import { actionErrorKey } from "./action-errors";
import { eurosExact, type TMoneyLocale } from "./money";

export type TPlanChoice = { plan: TPlanId; months: TPlanPeriodMonths | null };

/**
 * Confirms a plan change with the server's own quote (the price changePlan charges: period
 * discount, add-ons, credit for the unused time) and the balance it leaves.
 */
export function PlanChangeDialog({ slug, choice, onClose }: { slug: string; choice: TPlanChoice; onClose: () => void }) {
  const t = useTranslations("dashboard.billing.confirm");
  const te = useTranslations("dashboard.billing.errors");
  const format = useFormatter();
  const toast = useToast();
  const router = useRouter();
  const [quote, setQuote] = useState<TQuoteView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  // Mounted per choice (the parent keys it), so the quote starts empty each time.
  useEffect(() => {
    let current = true;
    void quotePlanAction(slug, { plan: choice.plan, months: choice.months ?? undefined }).then((result) => {
      if (!current) return;
      if (result.ok) setQuote(result.data);
      else setError(te(actionErrorKey(result.error.code)));
    });
    return () => {
      current = false;
    };
  }, [slug, choice, te]);

  const name = PLAN_NAMES[choice.plan];
  const toFree = choice.months === null;

  const confirm = () =>
    start(async () => {
      const result = await changePlanAction(slug, { plan: choice.plan, months: choice.months ?? undefined });
      if (!result.ok) {
        setError(te(actionErrorKey(result.error.code)));
        return;
      }
      toast.show(t("done", { plan: name }));
      onClose();
      router.refresh();
    });

  return (
    <Dialog
      open
      onClose={onClose}
      title={toFree ? t("freeTitle") : t("title", { plan: name, months: choice.months! })}
      description={toFree ? t("freeText") : quote?.endsAt ? t("startsNow", { date: format.dateTime(new Date(quote.endsAt), { dateStyle: "long" }) }) : undefined}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button onClick={confirm} loading={pending} disabled={!quote || !quote.enoughBalance}>
            {toFree ? t("confirmFree") : t("confirm")}
          </Button>
        </>
      }
    >
      {error && <Alert tone="danger" className="mb-4">{error}</Alert>}
      {!quote && !error && (
        <div aria-busy="true" className="space-y-2">
          <span className="sr-only">{t("loading")}</span>
          <Skeleton className="h-5 w-full" />
          <Skeleton className="h-5 w-4/5" />
          <Skeleton className="h-5 w-3/5" />
        </div>
      )}
      {quote && <QuoteSummary quote={quote} name={name} onTopUp={onClose} />}
    </Dialog>
  );
}

/** The server's quote line by line (plan, add-ons, discount, credit) and the balance it leaves; a shortfall links to the top-up. */
function QuoteSummary({ quote, name, onTopUp }: { quote: TQuoteView; name: string; onTopUp: () => void }) {
  const t = useTranslations("dashboard.billing.confirm");
  const locale = useLocale() as TMoneyLocale;
  const money = (cents: number) => eurosExact(cents, locale);
  const after = quote.availableCents - quote.netCents;
  return (
    <>
      <dl className="divide-y divide-slate-100 rounded-lg text-sm ring-1 ring-slate-200">
        {quote.charge && (
          <>
            <Row label={t("planLine", { plan: name, months: quote.charge.months })} value={money(quote.charge.planCents)} />
            {quote.charge.extraSeatsCents > 0 && <Row label={t("seatsLine", { count: quote.charge.extraSeats })} value={money(quote.charge.extraSeatsCents)} />}
            {quote.charge.brandingCents > 0 && <Row label={t("brandingLine")} value={money(quote.charge.brandingCents)} />}
            {quote.charge.discountPercent > 0 && <Row label={t("discountLine", { percent: quote.charge.discountPercent })} value={money(quote.charge.totalCents - quote.charge.listCents)} muted />}
          </>
        )}
        {quote.creditCents > 0 && <Row label={t("credit")} value={money(-quote.creditCents)} />}
        <Row label={quote.netCents >= 0 ? t("net") : t("netCredit")} value={money(Math.abs(quote.netCents))} strong />
        <Row label={t("available")} value={money(quote.availableCents)} muted />
        <Row label={t("after")} value={money(after)} strong />
      </dl>
      {!quote.enoughBalance && (
        <Alert tone="warning" className="mt-4">
          {t("shortfall", { amount: money(quote.shortfallCents) })}{" "}
          <a href="#top-up" onClick={onTopUp} className="font-medium underline">
            {t("topUpLink")}
          </a>
        </Alert>
      )}
    </>
  );
}

function Row({ label, value, strong, muted }: { label: string; value: string; strong?: boolean; muted?: boolean }) {
  return (
    <div className="flex justify-between gap-4 px-4 py-2.5">
      <dt className={muted ? "text-slate-500" : "text-slate-700"}>{label}</dt>
      <dd className={`tabular-nums ${strong ? "font-semibold text-slate-900" : muted ? "text-slate-500" : "text-slate-800"}`}>{value}</dd>
    </div>
  );
}
