"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useTransition, type FormEvent } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";

type TValues = { kind?: string; from?: string; to?: string };

/**
 * Ledger filters live in the query string (bookmarkable; the CSV link carries them). The page
 * keeps its other sections, so the filters jump back to the ledger (#ledger) after applying.
 */
export function LedgerFilters({ values, kinds }: { values: TValues; kinds: readonly string[] }) {
  const t = useTranslations("dashboard.billing.ledger");
  const router = useRouter();
  const pathname = usePathname();
  const form = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const active = Object.values(values).some(Boolean);

  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    if (!form.current) return;
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form.current)) {
      if (typeof value === "string" && value.trim()) params.set(key, value.trim());
    }
    const qs = params.toString();
    start(() => router.push(`${pathname}${qs ? `?${qs}` : ""}#ledger`, { scroll: false }));
  };

  return (
    <form ref={form} role="search" aria-label={t("filtersLabel")} onSubmit={apply} className="grid grid-cols-2 gap-3 border-b border-slate-200 px-5 py-4 sm:flex sm:flex-wrap sm:items-end">
      <label className="col-span-2 space-y-1.5 sm:col-span-1">
        <span className="block text-xs font-medium text-slate-600">{t("kindLabel")}</span>
        <Select name="kind" defaultValue={values.kind ?? ""} onChange={() => apply()} className="sm:w-52">
          <option value="">{t("allKinds")}</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </Select>
      </label>
      <label className="min-w-0 space-y-1.5">
        <span className="block text-xs font-medium text-slate-600">{t("fromLabel")}</span>
        <Input type="date" name="from" defaultValue={values.from ?? ""} className="sm:w-40" />
      </label>
      <label className="min-w-0 space-y-1.5">
        <span className="block text-xs font-medium text-slate-600">{t("toLabel")}</span>
        <Input type="date" name="to" defaultValue={values.to ?? ""} className="sm:w-40" />
      </label>
      <div className="col-span-2 flex gap-2">
        <Button type="submit" variant="secondary" loading={pending}>
          {t("filter")}
        </Button>
        {active && (
          <ButtonLink href={`${pathname}#ledger`} variant="ghost">
            {t("reset")}
          </ButtonLink>
        )}
      </div>
    </form>
  );
}
