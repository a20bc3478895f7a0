"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { updateLiveChatSettingsAction } from "@/app/dashboard/[workspace]/operators/actions";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { TLiveChatSettings } from "@/lib/live-chat/settings";
import { ChipsInput } from "./chips-input";
import { Switch } from "./switch";

/** The numeric settings, in reading order: waiting, offers, idle operators, absent operators. */
const NUMBER_FIELDS = [
  { name: "queueTimeoutSeconds", id: "lc-queue", label: "queueTimeout", hint: "queueTimeoutHint", unit: "seconds", min: 30, max: 3600 },
  { name: "offerTimeoutSeconds", id: "lc-offer", label: "offerTimeout", hint: "offerTimeoutHint", unit: "seconds", min: 10, max: 600 },
  { name: "autoAwayMinutes", id: "lc-away", label: "autoAway", hint: "autoAwayHint", unit: "minutes", min: 1, max: 120 },
  { name: "reassignAfterMinutes", id: "lc-reassign", label: "reassign", hint: "reassignHint", unit: "minutes", min: 1, max: 60 },
] as const;

export function LiveChatSettingsForm({ slug, initial }: { slug: string; initial: TLiveChatSettings }) {
  const t = useTranslations("dashboard.operators.settings");
  const toast = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const fieldError = (name: string) => (error?.field?.startsWith(name) ? error.message : null);
  const known = ["handoffKeywords", ...NUMBER_FIELDS.map((f) => f.name), "transcripts"];

  return (
    <form
      className="space-y-6 px-5 py-5"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        start(async () => {
          const result = await updateLiveChatSettingsAction(slug, values);
          if (!result.ok) return setError(result.error);
          toast.show(t("saved"));
          router.refresh();
        });
      }}
    >
      {error && !known.some((f) => error.field?.startsWith(f)) && <Alert tone="danger">{error.message}</Alert>}
      <Field id="lc-keywords" label={t("keywords")} hint={t("keywordsHint")} error={fieldError("handoffKeywords")}>
        <ChipsInput
          id="lc-keywords"
          values={values.handoffKeywords}
          onChange={(handoffKeywords) => setValues({ ...values, handoffKeywords })}
          max={30}
          maxLength={60}
          normalize={(v) => v.trim().toLowerCase()}
          placeholder={t("keywordsPlaceholder")}
          removeLabel={(v) => t("removeKeyword", { keyword: v })}
          invalid={Boolean(fieldError("handoffKeywords"))}
          describedBy={fieldError("handoffKeywords") ? "lc-keywords-error" : "lc-keywords-hint"}
        />
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        {NUMBER_FIELDS.map((f) => (
          <Field key={f.name} id={f.id} label={t(f.label)} hint={t(f.hint)} error={fieldError(f.name)}>
            <div className="flex items-center gap-2">
              <Input
                {...fieldAria(f.id, fieldError(f.name), true)}
                type="number"
                min={f.min}
                max={f.max}
                step={1}
                required
                className="max-w-32"
                value={values[f.name]}
                onChange={(e) => setValues({ ...values, [f.name]: Number(e.target.value) })}
              />
              <span className="text-sm text-slate-600">{t(f.unit)}</span>
            </div>
          </Field>
        ))}
      </div>
      <div className="space-y-4 border-t border-slate-100 pt-5">
        <Switch
          id="lc-transcripts"
          checked={values.transcripts.enabled}
          onChange={(enabled) => setValues({ ...values, transcripts: { ...values.transcripts, enabled } })}
          label={t("transcripts")}
          description={t("transcriptsHint")}
        />
        <Field id="lc-emails" label={t("transcriptEmails")} hint={t("transcriptEmailsHint")} error={fieldError("transcripts")}>
          <ChipsInput
            id="lc-emails"
            type="email"
            values={values.transcripts.emails}
            onChange={(emails) => setValues({ ...values, transcripts: { ...values.transcripts, emails } })}
            max={10}
            maxLength={254}
            normalize={(v) => v.trim().toLowerCase()}
            placeholder="team@example.com"
            removeLabel={(v) => t("removeEmail", { email: v })}
            invalid={Boolean(fieldError("transcripts"))}
            describedBy={fieldError("transcripts") ? "lc-emails-error" : "lc-emails-hint"}
          />
        </Field>
      </div>
      <div className="flex justify-end border-t border-slate-100 pt-5">
        <Button type="submit" loading={pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
