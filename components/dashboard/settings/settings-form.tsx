"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { updateSettingsAction } from "@/app/dashboard/[workspace]/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria, Input, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

type TInitial = { name: string; slug: string; allowedDomains: string[]; retentionDays: number };

export function SettingsForm({ slug, baseUrl, initial }: { slug: string; baseUrl: string; initial: TInitial }) {
  const t = useTranslations("dashboard.settings");
  const toast = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [values, setValues] = useState({ ...initial, domains: initial.allowedDomains.join("\n") });
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const fieldError = (name: string) => (error?.field?.startsWith(name) ? error.message : null);

  return (
    <form
      className="space-y-5 px-5 py-5"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        start(async () => {
          const result = await updateSettingsAction(slug, {
            name: values.name,
            slug: values.slug,
            allowedDomains: values.domains.split(/[\s,]+/).filter(Boolean),
            retentionDays: Number(values.retentionDays),
          });
          if (!result.ok) return setError(result.error);
          toast.show(t("saved"));
          if (result.data.slug !== slug) router.replace(`/dashboard/${result.data.slug}/settings`);
          else router.refresh();
        });
      }}
    >
      {error && !["name", "slug", "allowedDomains", "retentionDays"].some((f) => error.field?.startsWith(f)) && <Alert tone="danger">{error.message}</Alert>}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="ws-name" label={t("name")} error={fieldError("name")}>
          <Input {...fieldAria("ws-name", fieldError("name"))} required maxLength={60} value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />
        </Field>
        <Field id="ws-slug" label={t("slug")} hint={`${baseUrl}/dashboard/${values.slug || "…"}`} error={fieldError("slug")}>
          <Input {...fieldAria("ws-slug", fieldError("slug"), true)} required maxLength={40} pattern="[a-z0-9][a-z0-9\-]*[a-z0-9]" value={values.slug} onChange={(e) => setValues({ ...values, slug: e.target.value.toLowerCase() })} />
        </Field>
      </div>
      <Field id="ws-domains" label={t("domains")} hint={t("domainsHint")} error={fieldError("allowedDomains")}>
        <Textarea {...fieldAria("ws-domains", fieldError("allowedDomains"), true)} rows={4} placeholder={"example.com\n*.example.com"} value={values.domains} onChange={(e) => setValues({ ...values, domains: e.target.value })} className="font-mono" />
      </Field>
      <Field id="ws-retention" label={t("retention")} hint={t("retentionHint")} error={fieldError("retentionDays")} className="max-w-xs">
        <Input {...fieldAria("ws-retention", fieldError("retentionDays"), true)} type="number" min={1} max={3650} required value={values.retentionDays} onChange={(e) => setValues({ ...values, retentionDays: Number(e.target.value) })} />
      </Field>
      <div className="flex justify-end border-t border-slate-100 pt-5">
        <Button type="submit" loading={pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
