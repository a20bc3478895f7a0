"use client";

import { useTranslations } from "next-intl";
import { FilterDateRange, FilterForm, FilterSearch, FilterSelect } from "@/components/ui/filter-form";

type TValues = { q?: string; source?: string; botId?: string; from?: string; to?: string };

/** Search and filters of the leads list (in the query string; the export link carries them). */
export function LeadsFilters({ values, bots }: { values: TValues; bots: { id: string; name: string }[] }) {
  const t = useTranslations("dashboard.leads");
  return (
    <FilterForm active={Object.values(values).some(Boolean)} submitLabel={t("filter")} resetLabel={t("reset")}>
      <FilterSearch label={t("searchLabel")} value={values.q} placeholder={t("searchPlaceholder")} maxLength={200} className="lg:min-w-64" />
      <FilterSelect
        name="source"
        label={t("sourceLabel")}
        allLabel={t("allSources")}
        value={values.source}
        items={[
          { value: "prechat", label: t("sources.prechat") },
          { value: "offline_form", label: t("sources.offline_form") },
        ]}
      />
      {bots.length > 1 && (
        <FilterSelect name="botId" label={t("botLabel")} allLabel={t("allBots")} value={values.botId} items={bots.map((b) => ({ value: b.id, label: b.name }))} />
      )}
      <FilterDateRange fromLabel={t("fromLabel")} toLabel={t("toLabel")} from={values.from} to={values.to} />
    </FilterForm>
  );
}
