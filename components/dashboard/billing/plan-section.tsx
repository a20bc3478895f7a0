"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState, useTransition, type ReactNode } from "react";
import { setAutoRenewAction } from "@/app/dashboard/[workspace]/billing/actions";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Alert, Badge } from "@/components/ui/feedback";
import { useToast } from "@/components/ui/toast";
import { isPaidPlan, PLAN_NAMES, PLAN_PERIODS, PLANS, periodPriceCents, type TPlan, type TPlanPeriodMonths } from "@/lib/plans/plans";
import { actionErrorKey } from "./action-errors";
import { AddonsForm } from "./addons-form";
import { euros, eurosExact, type TMoneyLocale } from "./money";
import { PlanChangeDialog, type TPlanChoice } from "./plan-change-dialog";
import type { TSubscriptionView } from "./plan-types";

/** Current plan and its next charge, the plans with a period selector, auto-renewal and add-ons. */
export function PlanSection({ slug, subscription }: { slug: string; subscription: TSubscriptionView }) {
  const t = useTranslations("dashboard.billing.plan");
  const format = useFormatter();
  const locale = useLocale() as TMoneyLocale;
  const [months, setMonths] = useState<TPlanPeriodMonths>(subscription.period?.months ?? 1);
  const [choice, setChoice] = useState<TPlanChoice | null>(null);
  const [choiceKey, setChoiceKey] = useState(0);
  const paid = subscription.status !== "free" && subscription.period !== null;
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "long" });

  const open = (next: TPlanChoice) => {
    setChoiceKey((k) => k + 1);
    setChoice(next);
  };

  return (
    <Card>
      <div id="plan" className="scroll-mt-20" />
      <CardHeader title={t("title")} description={t("description")} />
      <div className="space-y-5 px-5 py-5">
        {subscription.status === "grace" && subscription.graceUntil && (
          <Alert tone="danger" title={t("graceTitle")}>
            {t("graceText", { date: date(subscription.graceUntil) })}
          </Alert>
        )}
        <CurrentPlan subscription={subscription} />
        {paid && <AutoRenewSwitch slug={slug} initial={subscription.autoRenew} />}
      </div>

      <div className="space-y-4 border-t border-slate-200 px-5 py-5">
        <PeriodPicker months={months} onChange={setMonths} />
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {PLANS.map((plan) => (
            <PlanCard key={plan.id} plan={plan} months={months} subscription={subscription} locale={locale} onChoose={open} />
          ))}
        </ul>
        <p className="text-xs text-slate-500">{t("pricesNote")}</p>
      </div>

      {paid && subscription.period && (
        <div className="border-t border-slate-200 px-5 py-5">
          <h3 className="text-sm font-semibold text-slate-900">{t("addonsTitle")}</h3>
          <div className="mt-3">
            <AddonsForm slug={slug} subscription={{ ...subscription, period: subscription.period }} />
          </div>
        </div>
      )}
      {choice && <PlanChangeDialog key={choiceKey} slug={slug} choice={choice} onClose={() => setChoice(null)} />}
    </Card>
  );
}

/** The plan in effect, its period and the next charge (or when the paid plan ends). */
function CurrentPlan({ subscription }: { subscription: TSubscriptionView }) {
  const t = useTranslations("dashboard.billing.plan");
  const format = useFormatter();
  const locale = useLocale() as TMoneyLocale;
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "long" });
  return (
    <dl className="grid gap-4 sm:grid-cols-3">
      <div>
        <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{t("current")}</dt>
        <dd className="mt-1 flex flex-wrap items-center gap-2">
          <span className="text-lg font-semibold text-slate-900">{PLAN_NAMES[subscription.plan]}</span>
          <Badge tone={subscription.status === "grace" ? "danger" : subscription.status === "active" ? "success" : "neutral"}>{t(`status.${subscription.status}`)}</Badge>
        </dd>
      </div>
      <div>
        <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{t("currentPeriod")}</dt>
        <dd className="mt-1 text-sm text-slate-800">
          {subscription.period ? (
            <>
              <span className="block">{t("months", { count: subscription.period.months })}</span>
              <span className="block text-slate-500">
                {date(subscription.period.startsAt)} – {date(subscription.period.endsAt)}
              </span>
            </>
          ) : (
            t("noPeriod")
          )}
        </dd>
      </div>
      <div>
        <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{t("nextCharge")}</dt>
        <dd className="mt-1 text-sm text-slate-800">
          {subscription.nextCharge ? (
            <>
              <span className="block font-medium">{eurosExact(subscription.nextCharge.amountCents, locale)}</span>
              <span className="block text-slate-500">
                {subscription.status === "grace" ? t("retrying") : t("on", { date: date(subscription.nextCharge.at) })}
              </span>
            </>
          ) : subscription.endsAt ? (
            t("endsAt", { date: date(subscription.endsAt) })
          ) : (
            t("noNextCharge")
          )}
        </dd>
      </div>
    </dl>
  );
}

/** The period selector (a radio group with arrow keys), discounts shown. */
function PeriodPicker({ months, onChange }: { months: TPlanPeriodMonths; onChange: (months: TPlanPeriodMonths) => void }) {
  const t = useTranslations("dashboard.billing.plan");
  return (
    <div>
      <p id="period-label" className="text-sm font-medium text-slate-800">
        {t("periodLegend")}
      </p>
      <div className="mt-2 grid grid-cols-2 gap-1 rounded-lg bg-slate-100 p-1 sm:inline-grid sm:grid-cols-4" role="radiogroup" aria-labelledby="period-label">
        {PLAN_PERIODS.map((p) => (
          <button
            key={p.months}
            type="button"
            role="radio"
            aria-checked={months === p.months}
            onClick={() => onChange(p.months)}
            onKeyDown={(e) => {
              const i = PLAN_PERIODS.findIndex((x) => x.months === months);
              const step = e.key === "ArrowRight" || e.key === "ArrowDown" ? 1 : e.key === "ArrowLeft" || e.key === "ArrowUp" ? -1 : 0;
              if (!step) return;
              e.preventDefault();
              const next = PLAN_PERIODS[(i + step + PLAN_PERIODS.length) % PLAN_PERIODS.length]!;
              onChange(next.months);
              (e.currentTarget.parentElement?.querySelector(`[data-months="${next.months}"]`) as HTMLElement | null)?.focus();
            }}
            tabIndex={months === p.months ? 0 : -1}
            data-months={p.months}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-brand-500",
              months === p.months ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
            )}
          >
            {t("months", { count: p.months })}
            {p.discountPercent > 0 && <span className="ml-1 text-xs text-emerald-700">−{p.discountPercent} %</span>}
          </button>
        ))}
      </div>
    </div>
  );
}

function PlanCard({
  plan,
  months,
  subscription,
  locale,
  onChoose,
}: {
  plan: TPlan;
  months: TPlanPeriodMonths;
  subscription: TSubscriptionView;
  locale: TMoneyLocale;
  onChoose: (choice: TPlanChoice) => void;
}) {
  const t = useTranslations("dashboard.billing.plan");
  const isCurrent = subscription.plan === plan.id;
  const paidPlan = isPaidPlan(plan);
  const total = periodPriceCents(plan, months);
  const current = isCurrent && (!paidPlan || (subscription.status === "active" && subscription.period?.months === months));
  const renew = isCurrent && subscription.status === "grace" && subscription.period?.months === months;
  const label = current ? t("currentButton") : renew ? t("renewNow") : isCurrent ? t("changePeriod") : t("switchTo", { plan: PLAN_NAMES[plan.id] });

  return (
    <li className={cn("flex flex-col rounded-xl p-4 ring-1", isCurrent ? "bg-brand-50/50 ring-2 ring-brand-600" : "bg-white ring-slate-200")}>
      <h3 className="text-base font-semibold text-slate-900">{PLAN_NAMES[plan.id]}</h3>
      <p className="mt-2">
        <span className="text-2xl font-semibold tabular-nums text-slate-900 lg:text-xl">{euros(Math.round(total / months), locale)}</span>
        <span className="text-sm text-slate-500"> {t("perMonth")}</span>
      </p>
      <p className="min-h-5 text-xs text-slate-500">{paidPlan && months > 1 ? t("totalFor", { amount: eurosExact(total, locale), count: months }) : paidPlan ? t("billedMonthly") : t("forever")}</p>
      <ul className="mt-3 flex-1 space-y-1.5 text-sm text-slate-700">
        <Feature>{t("features.seats", { count: plan.seats })}</Feature>
        <Feature>{t("features.bots", { count: plan.bots })}</Feature>
        <Feature>{t("features.pages", { count: plan.knowledgePages })}</Feature>
        <Feature off={!plan.liveChat}>{t("features.liveChat")}</Feature>
        <Feature off={!plan.removeBranding}>{t("features.branding")}</Feature>
      </ul>
      <Button
        variant={current ? "ghost" : isCurrent ? "secondary" : "primary"}
        disabled={current}
        className="mt-4 w-full"
        onClick={() => onChoose({ plan: plan.id, months: paidPlan ? months : null })}
      >
        {label}
      </Button>
    </li>
  );
}

function Feature({ children, off }: { children: ReactNode; off?: boolean }) {
  return (
    <li className={cn("flex gap-2", off && "text-slate-400 line-through decoration-slate-300")}>
      <svg viewBox="0 0 24 24" className={cn("mt-0.5 size-4 shrink-0", off ? "text-slate-300" : "text-emerald-600")} fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <path d={off ? "M6 12h12" : "M5 12.5l4.5 4.5L19 7.5"} />
      </svg>
      <span>{children}</span>
    </li>
  );
}

/** The switch saves at once; a failure puts it back and says why. */
function AutoRenewSwitch({ slug, initial }: { slug: string; initial: boolean }) {
  const t = useTranslations("dashboard.billing.plan");
  const te = useTranslations("dashboard.billing.errors");
  const toast = useToast();
  const router = useRouter();
  const [on, setOn] = useState(initial);
  const [pending, start] = useTransition();

  const toggle = () => {
    const next = !on;
    setOn(next);
    start(async () => {
      const result = await setAutoRenewAction(slug, { enabled: next });
      if (!result.ok) {
        setOn(!next);
        toast.show(te(actionErrorKey(result.error.code)), "error");
        return;
      }
      toast.show(next ? t("autoRenewOn") : t("autoRenewOff"));
      router.refresh();
    });
  };

  return (
    <div className="flex items-start justify-between gap-4 rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-200 ring-inset">
      <div>
        <p id="auto-renew-label" className="text-sm font-medium text-slate-900">
          {t("autoRenew")}
        </p>
        <p id="auto-renew-hint" className="mt-0.5 text-xs text-slate-500">
          {t("autoRenewHint")}
        </p>
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-labelledby="auto-renew-label"
        aria-describedby="auto-renew-hint"
        disabled={pending}
        onClick={toggle}
        className={cn(
          "relative mt-0.5 inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-60",
          on ? "bg-brand-600" : "bg-slate-300",
        )}
      >
        <span className={cn("inline-block size-5 rounded-full bg-white shadow transition-transform", on ? "translate-x-5" : "translate-x-0.5")} />
      </button>
    </div>
  );
}
