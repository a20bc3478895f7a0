"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { saveBillingDetailsAction } from "@/app/dashboard/[workspace]/billing/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { TBillingDetails } from "@/lib/billing/billing-details";
import { LOW_BALANCE_THRESHOLDS } from "@/lib/billing/low-balance-thresholds";
import { actionErrorKey } from "./action-errors";
import { euros, parseEuros, type TMoneyLocale } from "./money";

export type TBillingDetailsView = Omit<TBillingDetails, "hasStripeCustomer">;

/** Where most customers are; the server accepts every ISO country, and a saved one is always listed. */
const COUNTRIES = ["DE", "AT", "CH", "LI", "LU", "BE", "NL", "FR", "IT", "ES", "PT", "IE", "DK", "SE", "FI", "NO", "IS", "PL", "CZ", "SK", "HU", "SI", "HR", "RO", "BG", "GR", "CY", "MT", "EE", "LV", "LT", "GB", "US", "CA", "AU"];

const FIELDS = ["companyName", "email", "addressLine1", "addressLine2", "postalCode", "city", "country", "vatId", "lowBalanceThresholds"] as const;
type TField = (typeof FIELDS)[number];
type TErrors = Partial<Record<TField, string>>;
type TValues = Record<Exclude<TField, "lowBalanceThresholds">, string>;

/** The thresholds as cents, highest first; null when one is not an amount in range. */
function parseThresholds(items: string[]): number[] | null {
  const cents = items.map((s) => s.trim()).filter(Boolean).map(parseEuros);
  if (cents.some((c) => c === null || c < LOW_BALANCE_THRESHOLDS.minCents || c > LOW_BALANCE_THRESHOLDS.maxCents)) return null;
  return [...new Set(cents as number[])].sort((a, b) => b - a);
}

/** The fields the browser can check before sending (the server checks everything again), and the thresholds as cents. */
function checkDetails(values: TValues, thresholds: string[]): { found: Partial<Record<TField, true>>; cents: number[] | null } {
  const found: Partial<Record<TField, true>> = {};
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) found.email = true;
  for (const field of ["addressLine1", "postalCode", "city", "country"] as const) if (!values[field].trim()) found[field] = true;
  const cents = parseThresholds(thresholds);
  if (cents === null) found.lowBalanceThresholds = true;
  return { found, cents };
}

/** Invoice details (sent on to Stripe when the workspace has a customer there) and low-balance emails. */
export function BillingDetailsForm({ slug, initial }: { slug: string; initial: TBillingDetailsView }) {
  const t = useTranslations("dashboard.billing.details");
  const te = useTranslations("dashboard.billing.errors");
  const locale = useLocale() as TMoneyLocale;
  const toast = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [values, setValues] = useState<TValues>({
    companyName: initial.companyName ?? "",
    email: initial.email ?? "",
    addressLine1: initial.addressLine1 ?? "",
    addressLine2: initial.addressLine2 ?? "",
    postalCode: initial.postalCode ?? "",
    city: initial.city ?? "",
    country: initial.country ?? "",
    vatId: initial.vatId ?? "",
  });
  const [thresholds, setThresholds] = useState<string[]>(() => initial.lowBalanceThresholds.map((c) => euros(c, locale).replace(/\s?€/, "")));
  const [errors, setErrors] = useState<TErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const save = (lowBalanceThresholds: number[]) =>
    start(async () => {
      const result = await saveBillingDetailsAction(slug, { ...values, lowBalanceThresholds });
      if (!result.ok) {
        const field = FIELDS.find((f) => result.error.field?.startsWith(f));
        if (field) setErrors({ [field]: t(`errors.${field}`) });
        else setFormError(te(actionErrorKey(result.error.code)));
        return;
      }
      const { stripeSync } = result.data;
      toast.show(stripeSync === "synced" ? t("savedStripe") : stripeSync === "failed" ? t("syncFailed") : t("saved"), stripeSync === "failed" ? "info" : "success");
      router.refresh();
    });

  return (
    <form
      noValidate
      className="space-y-5 px-5 py-5"
      onSubmit={(e) => {
        e.preventDefault();
        setFormError(null);
        const { found, cents } = checkDetails(values, thresholds);
        setErrors(Object.fromEntries(Object.keys(found).map((f) => [f, t(`errors.${f}`)])));
        const first = FIELDS.find((f) => found[f]);
        if (first) document.getElementById(`billing-${first}`)?.focus();
        else if (cents) save(cents);
      }}
    >
      {formError && <Alert tone="danger">{formError}</Alert>}
      <AddressFields values={values} onChange={(key, value) => setValues({ ...values, [key]: value })} errors={errors} savedCountry={initial.country} />
      <div className="border-t border-slate-100 pt-5">
        <ThresholdsField thresholds={thresholds} onChange={setThresholds} error={errors.lowBalanceThresholds} />
      </div>
      <div className="flex justify-end border-t border-slate-100 pt-5">
        <Button type="submit" loading={pending} className="w-full sm:w-auto">
          {t("save")}
        </Button>
      </div>
    </form>
  );
}

/** Company, billing email, postal address and VAT id, as Stripe prints them on invoices. */
function AddressFields({
  values,
  onChange,
  errors,
  savedCountry,
}: {
  values: TValues;
  onChange: (key: keyof TValues, value: string) => void;
  errors: TErrors;
  savedCountry: string | null;
}) {
  const t = useTranslations("dashboard.billing.details");
  const locale = useLocale();
  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: "region" });
    const codes = savedCountry && !COUNTRIES.includes(savedCountry) ? [...COUNTRIES, savedCountry] : COUNTRIES;
    return codes.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, locale));
  }, [savedCountry, locale]);
  const set = (key: keyof TValues) => (e: { target: { value: string } }) => onChange(key, e.target.value);
  const aria = (field: TField, hint = false) => fieldAria(`billing-${field}`, errors[field], hint);

  return (
    <div className="grid gap-5 sm:grid-cols-2">
      <Field id="billing-companyName" label={t("company")} error={errors.companyName}>
        <Input {...aria("companyName")} autoComplete="organization" maxLength={200} value={values.companyName} onChange={set("companyName")} />
      </Field>
      <Field id="billing-email" label={t("email")} hint={t("emailHint")} error={errors.email}>
        <Input {...aria("email", true)} type="email" autoComplete="email" maxLength={254} value={values.email} onChange={set("email")} />
      </Field>
      <Field id="billing-addressLine1" label={t("address1")} error={errors.addressLine1}>
        <Input {...aria("addressLine1")} autoComplete="address-line1" maxLength={200} value={values.addressLine1} onChange={set("addressLine1")} />
      </Field>
      <Field id="billing-addressLine2" label={t("address2")} error={errors.addressLine2}>
        <Input {...aria("addressLine2")} autoComplete="address-line2" maxLength={200} value={values.addressLine2} onChange={set("addressLine2")} />
      </Field>
      <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-3">
        <Field id="billing-postalCode" label={t("postalCode")} error={errors.postalCode}>
          <Input {...aria("postalCode")} autoComplete="postal-code" maxLength={20} value={values.postalCode} onChange={set("postalCode")} />
        </Field>
        <Field id="billing-city" label={t("city")} error={errors.city}>
          <Input {...aria("city")} autoComplete="address-level2" maxLength={100} value={values.city} onChange={set("city")} />
        </Field>
      </div>
      <Field id="billing-country" label={t("country")} error={errors.country}>
        <Select {...aria("country")} autoComplete="country" value={values.country} onChange={set("country")}>
          <option value="">{t("chooseCountry")}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="billing-vatId" label={t("vatId")} hint={t("vatHint")} error={errors.vatId}>
        <Input {...aria("vatId", true)} maxLength={20} spellCheck={false} value={values.vatId} onChange={set("vatId")} className="uppercase" />
      </Field>
    </div>
  );
}

/** Up to LOW_BALANCE_THRESHOLDS.maxCount euro amounts; below each one the owners get one email. */
function ThresholdsField({ thresholds, onChange, error }: { thresholds: string[]; onChange: (next: string[]) => void; error: string | undefined }) {
  const t = useTranslations("dashboard.billing.details");
  const max = LOW_BALANCE_THRESHOLDS.maxCount;
  return (
    <fieldset aria-describedby={error ? "billing-thresholds-error" : "billing-thresholds-hint"}>
      <legend className="text-sm font-medium text-slate-800">{t("thresholds")}</legend>
      <p id="billing-thresholds-hint" className="mt-1 max-w-xl text-xs text-slate-500">
        {t("thresholdsHint", { max })}
      </p>
      <ul className="mt-3 flex flex-wrap gap-2">
        {thresholds.map((value, i) => (
          <li key={i} className="flex items-center gap-1">
            <div className="relative w-32">
              <Input
                id={i === 0 ? "billing-lowBalanceThresholds" : undefined}
                aria-label={t("thresholdLabel", { n: i + 1 })}
                aria-invalid={error && !parseThresholds([value]) ? true : undefined}
                inputMode="decimal"
                value={value}
                onChange={(e) => onChange(thresholds.map((v, j) => (j === i ? e.target.value : v)))}
                className="pr-7"
              />
              <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-slate-500">
                €
              </span>
            </div>
            <Button variant="ghost" size="sm" aria-label={t("removeThreshold", { n: i + 1 })} onClick={() => onChange(thresholds.filter((_, j) => j !== i))} className="px-2">
              <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
                <path d="M6 6l12 12M18 6 6 18" />
              </svg>
            </Button>
          </li>
        ))}
        {thresholds.length < max && (
          <li>
            <Button variant="secondary" onClick={() => onChange([...thresholds, ""])}>
              {t("addThreshold")}
            </Button>
          </li>
        )}
      </ul>
      {thresholds.length === 0 && <p className="mt-2 text-xs text-slate-500">{t("noThresholds")}</p>}
      {error && (
        <p id="billing-thresholds-error" role="alert" className="mt-2 text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
