"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { setOperatorDepartmentsAction } from "@/app/dashboard/[workspace]/operators/actions";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

export function OperatorDepartmentsForm({ slug, userId, departments, selected }: { slug: string; userId: string; departments: { id: string; name: string }[]; selected: string[] }) {
  const t = useTranslations("dashboard.operators.profile");
  const toast = useToast();
  const [pending, start] = useTransition();
  const [chosen, setChosen] = useState(new Set(selected));

  if (departments.length === 0) {
    return (
      <p className="px-5 py-4 text-sm text-slate-500">
        {t("noDepartmentsYet")}{" "}
        <Link href={`/dashboard/${slug}/operators/departments/new`} className="font-medium text-brand-700 hover:text-brand-800">
          {t("createDepartment")}
        </Link>
      </p>
    );
  }

  return (
    <form
      className="px-5 py-4"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await setOperatorDepartmentsAction(slug, { userId, departmentIds: [...chosen] });
          toast.show(result.ok ? t("departmentsSaved") : result.error.message, result.ok ? "success" : "error");
        });
      }}
    >
      <fieldset>
        <legend className="sr-only">{t("departmentsTitle")}</legend>
        <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {departments.map((d) => (
            <label key={d.id} className="flex min-w-0 cursor-pointer items-center gap-2 rounded-lg px-3 py-2 text-sm text-slate-800 ring-1 ring-slate-200 ring-inset hover:bg-slate-50 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-300">
              <input
                type="checkbox"
                className="size-4 shrink-0 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
                checked={chosen.has(d.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(d.id);
                  else next.delete(d.id);
                  setChosen(next);
                }}
              />
              <span className="truncate">{d.name}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="mt-4 flex justify-end">
        <Button type="submit" variant="secondary" loading={pending}>
          {t("saveDepartments")}
        </Button>
      </div>
    </form>
  );
}
