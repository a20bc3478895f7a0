"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useTransition, type FormEvent } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";

type TValues = { q?: string; source?: string; botId?: string; from?: string; to?: string };

/**
 * Search and filters live in the query string, so a filtered list can be bookmarked and the
 * export link carries the same filters. A plain GET form: it also works before hydration.
 */
export function LeadsFilters({ values, bots }: { values: TValues; bots: { id: string; name: string }[] }) {
  const t = useTranslations("dashboard.leads");
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

  return (
    <form ref={form} role="search" onSubmit={apply} className="flex flex-col gap-3 border-b border-slate-200 px-5 py-4 lg:flex-row lg:flex-wrap lg:items-end">
      <label className="min-w-0 flex-1 space-y-1.5 lg:min-w-64">
        <span className="block text-xs font-medium text-slate-600">{t("searchLabel")}</span>
        <Input type="search" name="q" defaultValue={values.q ?? ""} placeholder={t("searchPlaceholder")} maxLength={200} />
      </label>
      <label className="space-y-1.5">
        <span className="block text-xs font-medium text-slate-600">{t("sourceLabel")}</span>
        <Select name="source" defaultValue={values.source ?? ""} onChange={() => apply()} className="lg:w-44">
          <option value="">{t("allSources")}</option>
          <option value="prechat">{t("sources.prechat")}</option>
          <option value="offline_form">{t("sources.offline_form")}</option>
        </Select>
      </label>
      {bots.length > 1 && (
        <label className="space-y-1.5">
          <span className="block text-xs font-medium text-slate-600">{t("botLabel")}</span>
          <Select name="botId" defaultValue={values.botId ?? ""} onChange={() => apply()} className="lg:w-44">
            <option value="">{t("allBots")}</option>
            {bots.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </Select>
        </label>
      )}
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
