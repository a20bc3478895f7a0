"use client";

import { useTranslations } from "next-intl";
import { FilterForm, FilterSearch, FilterSelect } from "@/components/ui/filter-form";

const SCOPES = ["workspace", "department", "operator"] as const;

/** Search and scope filter of the canned responses (in the query string). */
export function CannedFilters({ values }: { values: { q?: string; scope?: string } }) {
  const t = useTranslations("dashboard.operators.canned");
  return (
    <FilterForm
      active={Boolean(values.q || values.scope)}
      submitLabel={t("search")}
      resetLabel={t("reset")}
      className="flex flex-col gap-3 border-b border-slate-200 px-5 py-4 sm:flex-row sm:items-end"
    >
      <FilterSearch label={t("searchLabel")} value={values.q} placeholder={t("searchPlaceholder")} maxLength={100} />
      <FilterSelect
        name="scope"
        label={t("scopeLabel")}
        allLabel={t("allScopes")}
        value={values.scope}
        items={SCOPES.map((s) => ({ value: s, label: t(`scopes.${s}`) }))}
        selectClassName="sm:w-48"
      />
    </FilterForm>
  );
}
