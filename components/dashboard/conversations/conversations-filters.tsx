"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useTransition, type FormEvent } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";

type TOption = { id: string; name: string };
export type TConversationFilterValues = Partial<Record<"q" | "status" | "botId" | "departmentId" | "operatorId" | "rating" | "tag" | "from" | "to", string>>;

const STATUSES = ["bot", "queued", "assigned", "closed"] as const;
const STARS = ["5", "4", "3", "2", "1"] as const;

/**
 * Search and filters live in the query string (bookmarkable, and the export links carry the
 * same filters). A plain GET form: it also works before hydration.
 */
export function ConversationsFilters({
  values,
  options,
}: {
  values: TConversationFilterValues;
  options: { bots: TOption[]; departments: TOption[]; operators: TOption[]; tags: string[] };
}) {
  const t = useTranslations("dashboard.conversations");
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
    start(() => router.push(qs ? `${pathname}?${qs}` : pathname));
  };

  const select = (name: keyof TConversationFilterValues, label: string, all: string, items: { value: string; label: string }[]) => (
    <label className="space-y-1.5">
      <span className="block text-xs font-medium text-slate-600">{label}</span>
      <Select name={name} defaultValue={values[name] ?? ""} onChange={() => apply()} className="lg:w-40">
        <option value="">{all}</option>
        {items.map((item) => (
          <option key={item.value} value={item.value}>
            {item.label}
          </option>
        ))}
      </Select>
    </label>
  );
  const toItems = (list: TOption[]) => list.map((o) => ({ value: o.id, label: o.name }));

  return (
    <form ref={form} role="search" onSubmit={apply} className="flex flex-col gap-3 border-b border-slate-200 px-5 py-4 lg:flex-row lg:flex-wrap lg:items-end">
      <label className="min-w-0 flex-1 space-y-1.5 lg:min-w-64">
        <span className="block text-xs font-medium text-slate-600">{t("searchLabel")}</span>
        <Input type="search" name="q" defaultValue={values.q ?? ""} placeholder={t("searchPlaceholder")} maxLength={200} />
      </label>
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
      <label className="space-y-1.5">
        <span className="block text-xs font-medium text-slate-600">{t("fromLabel")}</span>
        <Input type="date" name="from" defaultValue={values.from ?? ""} className="lg:w-40" />
      </label>
      <label className="space-y-1.5">
        <span className="block text-xs font-medium text-slate-600">{t("toLabel")}</span>
        <Input type="date" name="to" defaultValue={values.to ?? ""} className="lg:w-40" />
      </label>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary" loading={pending}>
          {t("filter")}
        </Button>
        {active && (
          <ButtonLink href={pathname} variant="ghost">
            {t("reset")}
          </ButtonLink>
        )}
      </div>
    </form>
  );
}
