"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { saveBillingDetailsAction } from "@/app/dashboard/[workspace]/billing/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { actionErrorKey } from "./action-errors";
import { euros, parseEuros, type TMoneyLocale } from "./money";

export type TBillingDetailsView = {
  companyName: string | null;
  email: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  vatId: string | null;
  lowBalanceThresholds: number[];
};

/** Where most customers are; the server accepts every ISO country, and a saved one is always listed. */
const COUNTRIES = ["DE", "AT", "CH", "LI", "LU", "BE", "NL", "FR", "IT", "ES", "PT", "IE", "DK", "SE", "FI", "NO", "IS", "PL", "CZ", "SK", "HU", "SI", "HR", "RO", "BG", "GR", "CY", "MT", "EE", "LV", "LT", "GB", "US", "CA", "AU"];

const FIELDS = ["companyName", "email", "addressLine1", "addressLine2", "postalCode", "city", "country", "vatId", "lowBalanceThresholds"] as const;
type TField = (typeof FIELDS)[number];

const MAX_THRESHOLDS = 5;
const THRESHOLD_MIN = 100;
const THRESHOLD_MAX = 1_000_000;

/** The thresholds as cents, highest first; null when one is not an amount in range. */
function parseThresholds(items: string[]): number[] | null {
  const cents = items.map((s) => s.trim()).filter(Boolean).map(parseEuros);
  if (cents.some((c) => c === null || c < THRESHOLD_MIN || c > THRESHOLD_MAX)) return null;
  return [...new Set(cents as number[])].sort((a, b) => b - a);
}

/** Invoice details (sent on to Stripe when the workspace has a customer there) and low-balance emails. */
export function BillingDetailsForm({ slug, initial }: { slug: string; initial: TBillingDetailsView }) {
  const t = useTranslations("dashboard.billing.details");
  const te = useTranslations("dashboard.billing.errors");
  const locale = useLocale() as TMoneyLocale;
  const toast = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [values, setValues] = useState({
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
  const [errors, setErrors] = useState<Partial<Record<TField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: "region" });
    const codes = initial.country && !COUNTRIES.includes(initial.country) ? [...COUNTRIES, initial.country] : COUNTRIES;
    return codes.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, locale));
  }, [initial.country, locale]);

  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues({ ...values, [key]: e.target.value });
  const aria = (id: string, field: TField, hint = false) => fieldAria(id, errors[field], hint);

  const validate = (): { ok: true; thresholds: number[] } | { ok: false } => {
    const found: Partial<Record<TField, string>> = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) found.email = t("errors.email");
    if (!values.addressLine1.trim()) found.addressLine1 = t("errors.addressLine1");
    if (!values.postalCode.trim()) found.postalCode = t("errors.postalCode");
    if (!values.city.trim()) found.city = t("errors.city");
    if (!values.country) found.country = t("errors.country");
    const cents = parseThresholds(thresholds);
    if (cents === null) found.lowBalanceThresholds = t("errors.lowBalanceThresholds");
    setErrors(found);
    if (Object.keys(found).length || cents === null) {
      const first = FIELDS.find((f) => found[f]);
      if (first) document.getElementById(`billing-${first}`)?.focus();
      return { ok: false };
    }
    return { ok: true, thresholds: cents };
  };

  return (
    <form
      noValidate
      className="space-y-5 px-5 py-5"
      onSubmit={(e) => {
        e.preventDefault();
        setFormError(null);
        const checked = validate();
        if (!checked.ok) return;
        start(async () => {
          const result = await saveBillingDetailsAction(slug, {
            companyName: values.companyName,
            email: values.email,
            addressLine1: values.addressLine1,
            addressLine2: values.addressLine2,
            postalCode: values.postalCode,
            city: values.city,
            country: values.country,
            vatId: values.vatId,
            lowBalanceThresholds: checked.thresholds,
          });
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
      }}
    >
      {formError && <Alert tone="danger">{formError}</Alert>}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="billing-companyName" label={t("company")} error={errors.companyName}>
          <Input {...aria("billing-companyName", "companyName")} autoComplete="organization" maxLength={200} value={values.companyName} onChange={set("companyName")} />
        </Field>
        <Field id="billing-email" label={t("email")} hint={t("emailHint")} error={errors.email}>
          <Input {...aria("billing-email", "email", true)} type="email" autoComplete="email" maxLength={254} value={values.email} onChange={set("email")} />
        </Field>
        <Field id="billing-addressLine1" label={t("address1")} error={errors.addressLine1}>
          <Input {...aria("billing-addressLine1", "addressLine1")} autoComplete="address-line1" maxLength={200} value={values.addressLine1} onChange={set("addressLine1")} />
        </Field>
        <Field id="billing-addressLine2" label={t("address2")} error={errors.addressLine2}>
          <Input {...aria("billing-addressLine2", "addressLine2")} autoComplete="address-line2" maxLength={200} value={values.addressLine2} onChange={set("addressLine2")} />
        </Field>
        <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-3">
          <Field id="billing-postalCode" label={t("postalCode")} error={errors.postalCode}>
            <Input {...aria("billing-postalCode", "postalCode")} autoComplete="postal-code" maxLength={20} value={values.postalCode} onChange={set("postalCode")} />
          </Field>
          <Field id="billing-city" label={t("city")} error={errors.city}>
            <Input {...aria("billing-city", "city")} autoComplete="address-level2" maxLength={100} value={values.city} onChange={set("city")} />
          </Field>
        </div>
        <Field id="billing-country" label={t("country")} error={errors.country}>
          <Select {...aria("billing-country", "country")} autoComplete="country" value={values.country} onChange={set("country")}>
            <option value="">{t("chooseCountry")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="billing-vatId" label={t("vatId")} hint={t("vatHint")} error={errors.vatId}>
          <Input {...aria("billing-vatId", "vatId", true)} maxLength={20} spellCheck={false} value={values.vatId} onChange={set("vatId")} className="uppercase" />
        </Field>
      </div>
      <div className="border-t border-slate-100 pt-5">
        <fieldset aria-describedby={errors.lowBalanceThresholds ? "billing-thresholds-error" : "billing-thresholds-hint"}>
          <legend className="text-sm font-medium text-slate-800">{t("thresholds")}</legend>
          <p id="billing-thresholds-hint" className="mt-1 max-w-xl text-xs text-slate-500">
            {t("thresholdsHint", { max: MAX_THRESHOLDS })}
          </p>
          <ul className="mt-3 flex flex-wrap gap-2">
            {thresholds.map((value, i) => (
              <li key={i} className="flex items-center gap-1">
                <div className="relative w-32">
                  <Input
                    id={i === 0 ? "billing-lowBalanceThresholds" : undefined}
                    aria-label={t("thresholdLabel", { n: i + 1 })}
                    aria-invalid={errors.lowBalanceThresholds && !parseThresholds([value]) ? true : undefined}
                    inputMode="decimal"
                    value={value}
                    onChange={(e) => setThresholds(thresholds.map((v, j) => (j === i ? e.target.value : v)))}
                    className="pr-7"
                  />
                  <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-slate-500">
                    €
                  </span>
                </div>
                <Button variant="ghost" size="sm" aria-label={t("removeThreshold", { n: i + 1 })} onClick={() => setThresholds(thresholds.filter((_, j) => j !== i))} className="px-2">
                  <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
                    <path d="M6 6l12 12M18 6 6 18" />
                  </svg>
                </Button>
              </li>
            ))}
            {thresholds.length < MAX_THRESHOLDS && (
              <li>
                <Button variant="secondary" onClick={() => setThresholds([...thresholds, ""])}>
                  {t("addThreshold")}
                </Button>
              </li>
            )}
          </ul>
          {thresholds.length === 0 && <p className="mt-2 text-xs text-slate-500">{t("noThresholds")}</p>}
          {errors.lowBalanceThresholds && (
            <p id="billing-thresholds-error" role="alert" className="mt-2 text-xs font-medium text-red-600">
              {errors.lowBalanceThresholds}
            </p>
          )}
        </fieldset>
      </div>
      <div className="flex justify-end border-t border-slate-100 pt-5">
        <Button type="submit" loading={pending} className="w-full sm:w-auto">
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
