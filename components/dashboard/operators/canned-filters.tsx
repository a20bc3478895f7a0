"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useTransition, type FormEvent } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";

/** Search and scope filter in the query string (a plain GET form: works before hydration too). */
export function CannedFilters({ values }: { values: { q?: string; scope?: string } }) {
  const t = useTranslations("dashboard.operators.canned");
  const router = useRouter();
  const pathname = usePathname();
  const form = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const active = Boolean(values.q || values.scope);

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
    <form ref={form} role="search" onSubmit={apply} className="flex flex-col gap-3 border-b border-slate-200 px-5 py-4 sm:flex-row sm:items-end">
      <label className="min-w-0 flex-1 space-y-1.5">
        <span className="block text-xs font-medium text-slate-600">{t("searchLabel")}</span>
        <Input type="search" name="q" defaultValue={values.q ?? ""} placeholder={t("searchPlaceholder")} maxLength={100} />
      </label>
      <label className="space-y-1.5">
        <span className="block text-xs font-medium text-slate-600">{t("scopeLabel")}</span>
        <Select name="scope" defaultValue={values.scope ?? ""} onChange={() => apply()} className="sm:w-48">
          <option value="">{t("allScopes")}</option>
          <option value="workspace">{t("scopes.workspace")}</option>
          <option value="department">{t("scopes.department")}</option>
          <option value="operator">{t("scopes.operator")}</option>
        </Select>
      </label>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary" loading={pending}>
          {t("search")}
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
