"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { buyAddonAction } from "@/app/dashboard/[workspace]/billing/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/feedback";
import { Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { ADDON_PRICES, addonProRataCents, getPlan, MAX_EXTRA_SEATS, PLAN_NAMES, periodQuote, type TAddons, type TPlan, type TPlanPeriodMonths } from "@/lib/plans/plans";
import { actionErrorKey } from "./action-errors";
import { eurosExact, type TMoneyLocale } from "./money";
import type { TSubscriptionView } from "./plan-types";

/**
 * Extra seats and branding removal on a paid plan. More is bought at once, pro rata for the
 * rest of the period (the estimate uses the same pricing function as the server); less takes
 * effect at the next renewal.
 */
export function AddonsForm({ slug, subscription }: { slug: string; subscription: TSubscriptionView & { period: NonNullable<TSubscriptionView["period"]> } }) {
  const t = useTranslations("dashboard.billing.addons");
  const te = useTranslations("dashboard.billing.errors");
  const format = useFormatter();
  const locale = useLocale() as TMoneyLocale;
  const toast = useToast();
  const router = useRouter();
  const plan = getPlan(subscription.plan);
  const [seats, setSeats] = useState(String(subscription.nextAddons.extraSeats));
  const [branding, setBranding] = useState(subscription.nextAddons.brandingAddon);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const { seatsValid, wanted, changed, period, chargeNow, removing } = addonChange(subscription, plan, seats, branding, new Date());
  const renewal = format.dateTime(period.endsAt, { dateStyle: "long" });
  const money = (cents: number) => eurosExact(cents, locale);
  const blocked = subscription.status !== "active";

  const save = () =>
    start(async () => {
      setError(null);
      const result = await buyAddonAction(slug, { extraSeats: wanted.extraSeats, ...(plan.removeBranding ? {} : { brandingAddon: wanted.brandingAddon }) });
      setConfirming(false);
      if (!result.ok) {
        setError(te(actionErrorKey(result.error.code)));
        return;
      }
      toast.show(result.data.chargedCents > 0 ? t("charged", { amount: money(result.data.chargedCents) }) : t("saved"));
      router.refresh();
    });

  return (
    <div className="space-y-4">
      {blocked && <Alert tone="warning">{t("graceBlocked")}</Alert>}
      {error && <Alert tone="danger">{error}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <SeatsField plan={plan} value={seats} valid={seatsValid} disabled={blocked} onChange={setSeats} />
        <BrandingField plan={plan} checked={branding} disabled={blocked} onChange={setBranding} />
      </div>
      {(subscription.nextAddons.extraSeats !== subscription.addons.extraSeats || subscription.nextAddons.brandingAddon !== subscription.addons.brandingAddon) && (
        <p className="text-sm text-slate-600">{t("scheduled", { date: renewal, seats: subscription.nextAddons.extraSeats, branding: String(subscription.nextAddons.brandingAddon) })}</p>
      )}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-xs text-slate-500">{t("note", { date: renewal })}</p>
        <Button variant="secondary" disabled={blocked || !changed || !seatsValid} onClick={() => setConfirming(true)} className="w-full sm:w-auto">
          {t("review")}
        </Button>
      </div>
      {confirming && (
        <ConfirmDialog
          plan={plan}
          wanted={wanted}
          chargeNow={chargeNow}
          removing={removing}
          renewal={renewal}
          months={period.months}
          pending={pending}
          onConfirm={save}
          onClose={() => setConfirming(false)}
        />
      )}
    </div>
  );
}

/**
 * What the form's values would change: the add-ons wanted from now on, whether that differs
 * from what the next period carries, the pro-rata charge now (the server's own pricing
 * function) and whether something is removed at the renewal.
 */
function addonChange(subscription: TSubscriptionView & { period: NonNullable<TSubscriptionView["period"]> }, plan: TPlan, seats: string, branding: boolean, now: Date) {
  const seatCount = /^\d{1,3}$/.test(seats) ? Number(seats) : NaN;
  const seatsValid = Number.isInteger(seatCount) && seatCount >= 0 && seatCount <= MAX_EXTRA_SEATS;
  const { addons, nextAddons } = subscription;
  const wanted: TAddons = { extraSeats: seatsValid ? seatCount : nextAddons.extraSeats, brandingAddon: branding && !plan.removeBranding };
  const added: Partial<TAddons> = { extraSeats: Math.max(0, wanted.extraSeats - addons.extraSeats), brandingAddon: wanted.brandingAddon && !addons.brandingAddon };
  const period = { startsAt: new Date(subscription.period.startsAt), endsAt: new Date(subscription.period.endsAt), months: subscription.period.months };
  return {
    seatsValid,
    wanted,
    changed: wanted.extraSeats !== nextAddons.extraSeats || wanted.brandingAddon !== nextAddons.brandingAddon,
    period,
    chargeNow: addonProRataCents(plan, period, added, now),
    removing: wanted.extraSeats < addons.extraSeats || (addons.brandingAddon && !wanted.brandingAddon),
  };
}

function SeatsField({ plan, value, valid, disabled, onChange }: { plan: TPlan; value: string; valid: boolean; disabled: boolean; onChange: (value: string) => void }) {
  const t = useTranslations("dashboard.billing.addons");
  const locale = useLocale() as TMoneyLocale;
  return (
    <div className="rounded-lg p-4 ring-1 ring-slate-200">
      <label htmlFor="addon-seats" className="block text-sm font-medium text-slate-900">
        {t("seats")}
      </label>
      <p id="addon-seats-hint" className="mt-0.5 text-xs text-slate-500">
        {t("seatsHint", { price: eurosExact(ADDON_PRICES.extraSeatMonthlyCents, locale), included: plan.seats })}
      </p>
      <div className="mt-2 w-28">
        <Input
          id="addon-seats"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_EXTRA_SEATS}
          step={1}
          value={value}
          disabled={disabled}
          aria-describedby="addon-seats-hint"
          aria-invalid={!valid || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      </div>
      {!valid && (
        <p role="alert" className="mt-1 text-xs font-medium text-red-600">
          {t("seatsError", { max: MAX_EXTRA_SEATS })}
        </p>
      )}
    </div>
  );
}

function BrandingField({ plan, checked, disabled, onChange }: { plan: TPlan; checked: boolean; disabled: boolean; onChange: (checked: boolean) => void }) {
  const t = useTranslations("dashboard.billing.addons");
  const locale = useLocale() as TMoneyLocale;
  return (
    <div className="rounded-lg p-4 ring-1 ring-slate-200">
      {plan.removeBranding ? (
        <>
          <p className="text-sm font-medium text-slate-900">{t("branding")}</p>
          <p className="mt-0.5 text-xs text-slate-500">{t("brandingIncluded", { plan: PLAN_NAMES[plan.id] })}</p>
        </>
      ) : (
        <label className="flex items-start gap-3">
          <input
            type="checkbox"
            checked={checked}
            disabled={disabled}
            onChange={(e) => onChange(e.target.checked)}
            className="mt-0.5 size-4 rounded border-slate-300 text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-500"
          />
          <span>
            <span className="block text-sm font-medium text-slate-900">{t("branding")}</span>
            <span className="mt-0.5 block text-xs text-slate-500">{t("brandingHint", { price: eurosExact(ADDON_PRICES.brandingRemovalMonthlyCents, locale) })}</span>
          </span>
        </label>
      )}
    </div>
  );
}

/** What saving will do: the add-ons from now on, the charge now, a removal at renewal, the next renewal's price. */
function ConfirmDialog({
  plan,
  wanted,
  chargeNow,
  removing,
  renewal,
  months,
  pending,
  onConfirm,
  onClose,
}: {
  plan: TPlan;
  wanted: TAddons;
  chargeNow: number;
  removing: boolean;
  renewal: string;
  months: TPlanPeriodMonths;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useTranslations("dashboard.billing.addons");
  const locale = useLocale() as TMoneyLocale;
  const money = (cents: number) => eurosExact(cents, locale);
  return (
    <Dialog
      open
      onClose={onClose}
      title={t("confirmTitle")}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button onClick={onConfirm} loading={pending}>
            {chargeNow > 0 ? t("confirmPay", { amount: money(chargeNow) }) : t("confirm")}
          </Button>
        </>
      }
    >
      <ul className="list-disc space-y-1.5 pl-5 text-sm text-slate-700">
        <li>{t("summarySeats", { count: wanted.extraSeats })}</li>
        {!plan.removeBranding && <li>{wanted.brandingAddon ? t("summaryBrandingOn") : t("summaryBrandingOff")}</li>}
        {chargeNow > 0 && <li>{t("summaryCharge", { amount: money(chargeNow), date: renewal })}</li>}
        {removing && <li>{t("summaryRemoval", { date: renewal })}</li>}
        <li>{t("summaryRenewal", { amount: money(periodQuote({ plan, months, ...wanted }).totalCents), months })}</li>
      </ul>
    </Dialog>
  );
}
