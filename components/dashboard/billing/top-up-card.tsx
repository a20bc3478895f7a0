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

/** A typed amount as cents within the server's limits, or which message says why not. */
function readCustomAmount(value: string, minCents: number, maxCents: number): { cents: number } | { error: "errorFormat" | "errorRange" } {
  const cents = parseEuros(value);
  if (cents === null) return { error: value.trim() ? "errorFormat" : "errorRange" };
  if (cents < minCents || cents > maxCents) return { error: "errorRange" };
  return { cents };
}

/**
 * Packages plus a custom amount. The amount is checked against the server's limits here,
 * before anything is sent: a Checkout Session is only opened for an amount the server accepts.
 */
export function TopUpCard({ slug, packages, minCents, maxCents, configured }: { slug: string; packages: number[]; minCents: number; maxCents: number; configured: boolean }) {
  const t = useTranslations("dashboard.billing.topUp");
  const locale = useLocale() as TMoneyLocale;
  const ids = useId();
  const customId = `${ids}-custom`;
  const [choice, setChoice] = useState<TChoice>({ kind: "package", cents: packages.includes(2500) ? 2500 : (packages[0] ?? minCents) });
  const [custom, setCustom] = useState("");
  const [customError, setCustomError] = useState<string | null>(null);
  const checkout = useCheckout(slug);
  const range = { min: euros(minCents, locale), max: euros(maxCents, locale) };

  if (!configured) return <NotConfiguredCard />;

  const checkCustom = (value: string): number | null => {
    const read = readCustomAmount(value, minCents, maxCents);
    setCustomError("error" in read ? t(read.error, range) : null);
    return "cents" in read ? read.cents : null;
  };

  const selectedCents = choice.kind === "package" ? choice.cents : parseEuros(custom);

  const submit = () => {
    checkout.clearError();
    const cents = choice.kind === "package" ? choice.cents : checkCustom(custom);
    if (cents === null) document.getElementById(customId)?.focus();
    else checkout.open(cents, () => setCustomError(t("errorRange", range)));
  };

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
        <AmountChoices
          packages={packages}
          choice={choice}
          onChoose={(next) => {
            setChoice(next);
            if (next.kind === "package") setCustomError(null);
            else requestAnimationFrame(() => document.getElementById(customId)?.focus());
          }}
        />

        {choice.kind === "custom" && (
          <CustomAmountField
            id={customId}
            value={custom}
            error={customError}
            hint={t("customHint", range)}
            onChange={(value) => {
              setCustom(value);
              if (customError) checkCustom(value);
            }}
            onBlur={(value) => value.trim() && checkCustom(value)}
          />
        )}

        {checkout.error && <Alert tone="danger">{checkout.error}</Alert>}

        <div className="flex flex-col gap-3 border-t border-slate-100 pt-5 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm text-slate-600">
            {selectedCents !== null && selectedCents >= minCents && selectedCents <= maxCents ? t("summary", { amount: euros(selectedCents, locale) }) : t("stripeNote")}
          </p>
          <Button type="submit" size="lg" loading={checkout.pending || checkout.leaving} className="w-full sm:w-auto">
            {checkout.leaving ? t("redirecting") : t("submit")}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/**
 * Opens a Checkout Session and sends the browser there. A refused amount goes to the amount
 * field (`onAmountRefused`); other refusals become `error`, worded per error code.
 */
function useCheckout(slug: string) {
  const te = useTranslations("dashboard.billing.errors");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [leaving, setLeaving] = useState(false);
  const open = (amountCents: number, onAmountRefused: () => void) => {
    setError(null);
    start(async () => {
      const result = await startTopUpAction(slug, { amountCents });
      if (!result.ok) {
        if (result.error.field === "amountCents") onAmountRefused();
        else setError(te(actionErrorKey(result.error.code)));
        return;
      }
      setLeaving(true);
      window.location.assign(result.data.url);
    });
  };
  return { open, error, clearError: () => setError(null), pending, leaving };
}

function NotConfiguredCard() {
  const t = useTranslations("dashboard.billing.topUp");
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

const tile = (selected: boolean) =>
  cn(
    "flex h-14 w-full items-center justify-center rounded-lg px-3 text-base font-semibold ring-1 ring-inset transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500",
    selected ? "bg-brand-50 text-brand-800 ring-2 ring-brand-600" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50",
  );

/** The package tiles and the "custom amount" tile; pressed is the one chosen. */
function AmountChoices({ packages, choice, onChoose }: { packages: number[]; choice: TChoice; onChoose: (choice: TChoice) => void }) {
  const t = useTranslations("dashboard.billing.topUp");
  const locale = useLocale() as TMoneyLocale;
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium text-slate-800">{t("amountLegend")}</legend>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
        {packages.map((cents) => {
          const selected = choice.kind === "package" && choice.cents === cents;
          return (
            <button key={cents} type="button" aria-pressed={selected} className={tile(selected)} onClick={() => onChoose({ kind: "package", cents })}>
              {euros(cents, locale)}
            </button>
          );
        })}
        <button type="button" aria-pressed={choice.kind === "custom"} className={cn(tile(choice.kind === "custom"), "text-sm")} onClick={() => onChoose({ kind: "custom" })}>
          {t("custom")}
        </button>
      </div>
    </fieldset>
  );
}

/** A typed euro amount with its hint, or the error the last check found. */
function CustomAmountField({
  id,
  value,
  error,
  hint,
  onChange,
  onBlur,
}: {
  id: string;
  value: string;
  error: string | null;
  hint: string;
  onChange: (value: string) => void;
  onBlur: (value: string) => void;
}) {
  const t = useTranslations("dashboard.billing.topUp");
  return (
    <div className="max-w-xs space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {t("customLabel")}
      </label>
      <div className="relative">
        <Input
          id={id}
          inputMode="decimal"
          autoComplete="off"
          value={value}
          placeholder="40"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          onChange={(e) => onChange(e.target.value)}
          onBlur={(e) => onBlur(e.target.value)}
          className="pr-8"
        />
        <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-slate-500">
          €
        </span>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-600">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}
