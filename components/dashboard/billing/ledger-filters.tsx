"use client";

import { useTranslations } from "next-intl";
import { FilterDateRange, FilterForm, FilterSelect } from "@/components/ui/filter-form";

type TValues = { kind?: string; from?: string; to?: string };

/**
 * Ledger filters (in the query string; the CSV link carries them). The page keeps its other
 * sections, so applying jumps back to the ledger (#ledger).
 */
export function LedgerFilters({ values, kinds }: { values: TValues; kinds: readonly string[] }) {
  const t = useTranslations("dashboard.billing.ledger");
  return (
    <FilterForm
      active={Object.values(values).some(Boolean)}
      submitLabel={t("filter")}
      resetLabel={t("reset")}
      ariaLabel={t("filtersLabel")}
      hash="ledger"
      className="grid grid-cols-2 gap-3 border-b border-slate-200 px-5 py-4 sm:flex sm:flex-wrap sm:items-end"
      actionsClassName="col-span-2"
    >
      <FilterSelect
        name="kind"
        label={t("kindLabel")}
        allLabel={t("allKinds")}
        value={values.kind}
        items={kinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        className="col-span-2 sm:col-span-1"
        selectClassName="sm:w-52"
      />
      <FilterDateRange fromLabel={t("fromLabel")} toLabel={t("toLabel")} from={values.from} to={values.to} inputClassName="sm:w-40" />
    </FilterForm>
  );
}
