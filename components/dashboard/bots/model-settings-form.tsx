"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { updateModelSettingsAction } from "@/app/dashboard/[workspace]/bots/[botId]/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria, Input, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { TModelSettings } from "@/lib/bots/bot-settings";
import type { TAnswerProvider, TModelCatalog, TProviderStatus } from "./answer-types";
import { Toggle } from "./choice";
import { ProviderAndModel, TemperatureField } from "./model-fields";
import { ProviderStatus } from "./provider-status";

const MAX_INSTRUCTIONS = 4000;
/** Fields with their own message under the control; anything else is shown above the form. */
const FIELDS = ["provider", "model", "temperature", "maxTokens", "instructions", "fallbackMessage"] as const;

type TError = { message: string; field?: string };

/** The model control panel: which model answers, how, and from what. */
export function ModelSettingsForm({
  slug,
  botId,
  initial,
  catalog,
  status,
  defaultModels,
  keysHref,
  markupPercent,
}: {
  slug: string;
  botId: string;
  initial: TModelSettings;
  catalog: TModelCatalog;
  status: TProviderStatus;
  defaultModels: { openai: string; gemini: string };
  keysHref: string;
  markupPercent: number;
}) {
  const t = useTranslations("dashboard.answers");
  const toast = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [saved, setSaved] = useState(initial);
  const [values, setValues] = useState(initial);
  const [modelFor, setModelFor] = useState<Partial<Record<TAnswerProvider, string>>>({ [initial.provider]: initial.model });
  const [error, setError] = useState<TError | null>(null);
  const dirty = JSON.stringify(values) !== JSON.stringify(saved);
  const set = (patch: Partial<TModelSettings>) => setValues((v) => ({ ...v, ...patch }));

  const fieldError = (field: (typeof FIELDS)[number]) => {
    if (error?.field !== field) return null;
    if (field === "model") return t(values.provider === "openai-compatible" ? "errors.modelName" : "errors.modelPick");
    return t(`errors.${field}`);
  };

  const chooseProvider = (provider: TAnswerProvider) => {
    setModelFor((m) => ({ ...m, [values.provider]: values.model }));
    const remembered = modelFor[provider];
    const model = provider === "openai" || provider === "gemini" ? (remembered ?? defaultModels[provider]) : provider === "openai-compatible" ? (remembered ?? "") : "";
    set({ provider, model });
    setError(null);
  };

  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <CardBody>
        <form
          className="space-y-6"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            start(async () => {
              const result = await updateModelSettingsAction(slug, { botId, settings: values });
              if (!result.ok) return setError(result.error);
              setSaved(result.data);
              setValues(result.data);
              toast.show(t("saved"));
              router.refresh();
            });
          }}
        >
          {error && !FIELDS.some((f) => f === error.field) && <Alert tone="danger">{error.message}</Alert>}

          <ProviderAndModel
            provider={values.provider}
            model={values.model}
            catalog={catalog}
            modelError={fieldError("model")}
            onProvider={chooseProvider}
            onModel={(model) => set({ model })}
          />
          {values.provider === "offline" ? (
            <p className="rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-900 ring-1 ring-inset ring-brand-200">{t("offlineNote")}</p>
          ) : (
            <ProviderStatus slug={slug} provider={values.provider} model={values.model} status={status} keysHref={keysHref} markupPercent={markupPercent} />
          )}

          <div className="grid gap-5 sm:grid-cols-2">
            <TemperatureField value={values.temperature} error={fieldError("temperature")} onChange={(temperature) => set({ temperature })} />
            <Field id="ms-max-tokens" label={t("maxTokens")} hint={t("maxTokensHint")} error={fieldError("maxTokens")}>
              <Input
                {...fieldAria("ms-max-tokens", fieldError("maxTokens"), true)}
                type="number"
                inputMode="numeric"
                min={64}
                max={4096}
                step={1}
                value={Number.isFinite(values.maxTokens) ? values.maxTokens : ""}
                onChange={(e) => set({ maxTokens: e.target.value === "" ? Number.NaN : Number(e.target.value) })}
              />
            </Field>
          </div>

          <Field id="ms-instructions" label={t("instructions")} hint={t("instructionsHint")} error={fieldError("instructions")}>
            <Textarea
              {...fieldAria("ms-instructions", fieldError("instructions"), true)}
              rows={6}
              maxLength={MAX_INSTRUCTIONS}
              placeholder={t("instructionsPlaceholder")}
              value={values.instructions}
              onChange={(e) => set({ instructions: e.target.value })}
            />
            <p className="text-right text-xs tabular-nums text-slate-500" aria-live="polite">
              {t("counter", { count: values.instructions.length, max: MAX_INSTRUCTIONS })}
            </p>
          </Field>

          <div className="space-y-4">
            <Toggle
              id="ms-visitor-language"
              checked={values.answerInVisitorLanguage}
              onChange={(answerInVisitorLanguage) => set({ answerInVisitorLanguage })}
              label={t("visitorLanguage")}
              description={t("visitorLanguageText")}
            />
            <Toggle
              id="ms-only-knowledge"
              checked={values.onlyFromKnowledge}
              onChange={(onlyFromKnowledge) => set({ onlyFromKnowledge })}
              label={t("onlyKnowledge")}
              description={t("onlyKnowledgeText")}
            />
          </div>

          <Field id="ms-fallback" label={t("fallback")} hint={t("fallbackHint")} error={fieldError("fallbackMessage")}>
            <Textarea
              {...fieldAria("ms-fallback", fieldError("fallbackMessage"), true)}
              rows={2}
              maxLength={500}
              placeholder={t("fallbackPlaceholder")}
              value={values.fallbackMessage}
              onChange={(e) => set({ fallbackMessage: e.target.value })}
              className="min-h-0"
            />
          </Field>

          <div className="flex flex-col-reverse gap-3 border-t border-slate-100 pt-5 sm:flex-row sm:items-center sm:justify-end">
            {dirty && (
              <p className="text-sm text-slate-500" role="status">
                {t("unsaved")}
              </p>
            )}
            <Button type="submit" loading={pending}>
              {t("save")}
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
