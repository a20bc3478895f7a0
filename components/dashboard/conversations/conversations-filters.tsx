"use client";

import { useTranslations } from "next-intl";
import { FilterDateRange, FilterForm, FilterSearch, FilterSelect } from "@/components/ui/filter-form";

type TOption = { id: string; name: string };
export type TConversationFilterValues = Partial<Record<"q" | "status" | "botId" | "departmentId" | "operatorId" | "rating" | "tag" | "from" | "to", string>>;

const STATUSES = ["bot", "queued", "assigned", "closed"] as const;
const STARS = ["5", "4", "3", "2", "1"] as const;

/** Search and filters of the conversation list (in the query string; export links carry them). */
export function ConversationsFilters({
  values,
  options,
}: {
  values: TConversationFilterValues;
  options: { bots: TOption[]; departments: TOption[]; operators: TOption[]; tags: string[] };
}) {
  const t = useTranslations("dashboard.conversations");
  const toItems = (list: TOption[]) => list.map((o) => ({ value: o.id, label: o.name }));
  const select = (name: keyof TConversationFilterValues, label: string, allLabel: string, items: { value: string; label: string }[]) => (
    <FilterSelect name={name} label={label} allLabel={allLabel} items={items} value={values[name]} selectClassName="lg:w-40" />
  );

  return (
    <FilterForm active={Object.values(values).some(Boolean)} submitLabel={t("filter")} resetLabel={t("reset")}>
      <FilterSearch label={t("searchLabel")} value={values.q} placeholder={t("searchPlaceholder")} maxLength={200} className="lg:min-w-64" />
      {select("status", t("statusLabel"), t("allStatuses"), STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })))}
      {options.bots.length > 1 && select("botId", t("botLabel"), t("allBots"), toItems(options.bots))}
      {options.departments.length > 0 && select("departmentId", t("departmentLabel"), t("allDepartments"), toItems(options.departments))}
      {select("operatorId", t("operatorLabel"), t("allOperators"), toItems(options.operators))}
      {select("rating", t("ratingLabel"), t("allRatings"), [
        { value: "rated", label: t("ratings.rated") },
        { value: "unrated", label: t("ratings.unrated") },
        ...STARS.map((s) => ({ value: s, label: t("stars", { count: Number(s) }) })),
      ])}
      {options.tags.length > 0 && select("tag", t("tagLabel"), t("allTags"), options.tags.map((tag) => ({ value: tag, label: tag })))}
      <FilterDateRange fromLabel={t("fromLabel")} toLabel={t("toLabel")} from={values.from} to={values.to} />
    </FilterForm>
  );
}
