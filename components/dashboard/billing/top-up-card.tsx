"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { startTopUpAction } from "@/app/dashboard/[workspace]/billing/actions";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Alert } from "@/components/ui/feedback";
import { Input } from "@/components/ui/field";
import { actionErrorKey } from "./action-errors";
import { euros, parseEuros, type TMoneyLocale } from "./money";

type TChoice = { kind: "package"; cents: number } | { kind: "custom" };

/**
 * Packages plus a custom amount. The amount is checked against the server's limits here,
 * before anything is sent: a Checkout Session is only opened for an amount the server accepts.
 */
export function TopUpCard({
  slug,
  packages,
  minCents,
  maxCents,
  configured,
}: {
  slug: string;
  packages: number[];
  minCents: number;
  maxCents: number;
  configured: boolean;
}) {
  const t = useTranslations("dashboard.billing.topUp");
  const te = useTranslations("dashboard.billing.errors");
  const locale = useLocale() as TMoneyLocale;
  const ids = useId();
  const customId = `${ids}-custom`;
  const [choice, setChoice] = useState<TChoice>({ kind: "package", cents: packages.includes(2500) ? 2500 : (packages[0] ?? minCents) });
  const [custom, setCustom] = useState("");
  const [customError, setCustomError] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [leaving, setLeaving] = useState(false);
  const range = { min: euros(minCents, locale), max: euros(maxCents, locale) };

  if (!configured) {
    return (
      <Card>
        <CardHeader title={t("title")} />
        <div className="px-5 py-5">
          <Alert tone="warning" title={t("notConfiguredTitle")}>
            {t("notConfiguredText")}
          </Alert>
        </div>
      </Card>
    );
  }

  const checkCustom = (value: string): number | null => {
    const cents = parseEuros(value);
    if (cents === null) {
      setCustomError(value.trim() ? t("errorFormat") : t("errorRange", range));
      return null;
    }
    if (cents < minCents || cents > maxCents) {
      setCustomError(t("errorRange", range));
      return null;
    }
    setCustomError(null);
    return cents;
  };

  const selectedCents = choice.kind === "package" ? choice.cents : parseEuros(custom);

  const submit = () => {
    setSubmitError(null);
    const cents = choice.kind === "package" ? choice.cents : checkCustom(custom);
    if (cents === null) {
      document.getElementById(customId)?.focus();
      return;
    }
    start(async () => {
      const result = await startTopUpAction(slug, { amountCents: cents });
      if (!result.ok) {
        if (result.error.field === "amountCents") setCustomError(t("errorRange", range));
        else setSubmitError(te(actionErrorKey(result.error.code)));
        return;
      }
      setLeaving(true);
      window.location.assign(result.data.url);
    });
  };

  const tile = (selected: boolean) =>
    cn(
      "flex h-14 w-full items-center justify-center rounded-lg px-3 text-base font-semibold ring-1 ring-inset transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500",
      selected ? "bg-brand-50 text-brand-800 ring-2 ring-brand-600" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50",
    );

  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <form
        id="top-up"
        className="space-y-5 px-5 py-5"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-800">{t("amountLegend")}</legend>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
            {packages.map((cents) => {
              const selected = choice.kind === "package" && choice.cents === cents;
              return (
                <button
                  key={cents}
                  type="button"
                  aria-pressed={selected}
                  className={tile(selected)}
                  onClick={() => {
                    setChoice({ kind: "package", cents });
                    setCustomError(null);
                  }}
                >
                  {euros(cents, locale)}
                </button>
              );
            })}
            <button
              type="button"
              aria-pressed={choice.kind === "custom"}
              className={cn(tile(choice.kind === "custom"), "text-sm")}
              onClick={() => {
                setChoice({ kind: "custom" });
                requestAnimationFrame(() => document.getElementById(customId)?.focus());
              }}
            >
              {t("custom")}
            </button>
          </div>
        </fieldset>

        {choice.kind === "custom" && (
          <div className="max-w-xs space-y-1.5">
            <label htmlFor={customId} className="block text-sm font-medium text-slate-800">
              {t("customLabel")}
            </label>
            <div className="relative">
              <Input
                id={customId}
                inputMode="decimal"
                autoComplete="off"
                value={custom}
                placeholder="40"
                aria-invalid={customError ? true : undefined}
                aria-describedby={customError ? `${customId}-error` : `${customId}-hint`}
                onChange={(e) => {
                  setCustom(e.target.value);
                  if (customError) checkCustom(e.target.value);
                }}
                onBlur={(e) => e.target.value.trim() && checkCustom(e.target.value)}
                className="pr-8"
              />
              <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-slate-500">
                €
              </span>
            </div>
            {customError ? (
              <p id={`${customId}-error`} role="alert" className="text-xs font-medium text-red-600">
                {customError}
              </p>
            ) : (
              <p id={`${customId}-hint`} className="text-xs text-slate-500">
                {t("customHint", range)}
              </p>
            )}
          </div>
        )}

        {submitError && <Alert tone="danger">{submitError}</Alert>}

        <div className="flex flex-col gap-3 border-t border-slate-100 pt-5 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm text-slate-600">
            {selectedCents !== null && selectedCents >= minCents && selectedCents <= maxCents ? t("summary", { amount: euros(selectedCents, locale) }) : t("stripeNote")}
          </p>
          <Button type="submit" size="lg" loading={pending || leaving} className="w-full sm:w-auto">
            {leaving ? t("redirecting") : t("submit")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
