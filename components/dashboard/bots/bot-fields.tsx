"use client";

import { useTranslations } from "next-intl";
import { Field, fieldAria, Input, Textarea } from "@/components/ui/field";

export type TBotValues = { name: string; description: string; languages: ("de" | "en")[] };

/** Name, description and languages of a bot; shared by the create dialog and the settings card. */
export function BotFields({ values, onChange, error }: { values: TBotValues; onChange: (v: TBotValues) => void; error: { message: string; field?: string } | null }) {
  const t = useTranslations("dashboard.bots");
  const err = (f: string) => (error?.field?.startsWith(f) ? error.message : null);
  const toggle = (lang: "de" | "en") =>
    onChange({ ...values, languages: values.languages.includes(lang) ? values.languages.filter((l) => l !== lang) : [...values.languages, lang] });
  return (
    <>
      <Field id="bot-name" label={t("name")} error={err("name")}>
        <Input {...fieldAria("bot-name", err("name"))} required maxLength={60} value={values.name} onChange={(e) => onChange({ ...values, name: e.target.value })} placeholder={t("namePlaceholder")} />
      </Field>
      <Field id="bot-description" label={t("botDescription")} hint={t("descriptionHint")} error={err("description")}>
        <Textarea {...fieldAria("bot-description", err("description"), true)} rows={3} maxLength={500} value={values.description} onChange={(e) => onChange({ ...values, description: e.target.value })} />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("languages")}</legend>
        <div className="mt-2 flex gap-4">
          {(["de", "en"] as const).map((lang) => (
            <label key={lang} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" className="size-4 rounded border-slate-300 text-brand-600" checked={values.languages.includes(lang)} onChange={() => toggle(lang)} />
              {t(`lang.${lang}`)}
            </label>
          ))}
        </div>
        {err("languages") && <p role="alert" className="mt-1 text-xs font-medium text-red-600">{err("languages")}</p>}
      </fieldset>
    </>
  );
}
