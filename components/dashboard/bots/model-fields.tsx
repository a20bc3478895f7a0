"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Field, fieldAria, Input, Select } from "@/components/ui/field";
import { millicentsToEuro, PROVIDERS, type TAnswerProvider, type TModelCatalog } from "./answer-types";

/** Provider and model: known models with their prices for OpenAI and Gemini, free text for OpenAI-compatible servers. */
export function ProviderAndModel({
  provider,
  model,
  catalog,
  modelError,
  onProvider,
  onModel,
}: {
  provider: TAnswerProvider;
  model: string;
  catalog: TModelCatalog;
  modelError: string | null;
  onProvider: (provider: TAnswerProvider) => void;
  onModel: (model: string) => void;
}) {
  const t = useTranslations("dashboard.answers");
  const format = useFormatter();
  const euro = (millicents: number) => format.number(millicentsToEuro(millicents), { style: "currency", currency: "EUR", minimumFractionDigits: 2, maximumFractionDigits: 3 });
  const options = provider === "openai" || provider === "gemini" ? catalog[provider] : [];
  const selected = options.find((o) => o.id === model);

  return (
    <div className="grid gap-5 sm:grid-cols-2">
      <Field id="ms-provider" label={t("provider")} hint={t(`providers.${provider}.text`)}>
        <Select {...fieldAria("ms-provider", null, true)} value={provider} onChange={(e) => onProvider(e.target.value as TAnswerProvider)}>
          {PROVIDERS.map((p) => (
            <option key={p} value={p}>
              {t(`providers.${p}.label`)}
            </option>
          ))}
        </Select>
      </Field>
      {provider === "offline" ? (
        <div className="rounded-lg bg-slate-50 px-4 py-3 text-sm text-slate-600 ring-1 ring-inset ring-slate-200 sm:self-end">{t("offlineModel")}</div>
      ) : provider === "openai-compatible" ? (
        <Field id="ms-model" label={t("model")} hint={t("modelCustomHint")} error={modelError}>
          <Input {...fieldAria("ms-model", modelError, true)} required maxLength={100} placeholder="llama3.2" autoComplete="off" spellCheck={false} value={model} onChange={(e) => onModel(e.target.value)} className="font-mono" />
        </Field>
      ) : (
        <Field
          id="ms-model"
          label={t("model")}
          hint={selected ? t("modelPrice", { input: euro(selected.inputPerMTok), output: euro(selected.outputPerMTok) }) : t("modelPick")}
          error={modelError}
        >
          <Select {...fieldAria("ms-model", modelError, true)} required value={selected ? model : ""} onChange={(e) => onModel(e.target.value)}>
            {!selected && (
              <option value="" disabled>
                {t("modelPick")}
              </option>
            )}
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {t("modelOption", { model: o.id, input: euro(o.inputPerMTok), output: euro(o.outputPerMTok) })}
              </option>
            ))}
          </Select>
        </Field>
      )}
    </div>
  );
}

/** Temperature as a slider and a number field kept in step. */
export function TemperatureField({ value, error, onChange }: { value: number; error: string | null; onChange: (value: number) => void }) {
  const t = useTranslations("dashboard.answers");
  return (
    <Field id="ms-temperature" label={t("temperature")} hint={t("temperatureHint")} error={error}>
      <div className="flex items-center gap-3">
        <input
          {...fieldAria("ms-temperature", error, true)}
          type="range"
          min={0}
          max={2}
          step={0.1}
          value={Number.isFinite(value) ? value : 0}
          onChange={(e) => onChange(Number(e.target.value))}
          className="h-2 min-w-0 flex-1 cursor-pointer accent-brand-600"
        />
        {/* Input is full width by design; the wrapper sets the number box's size. */}
        <div className="w-20 shrink-0">
          <Input
            type="number"
            aria-label={t("temperatureValue")}
            min={0}
            max={2}
            step={0.1}
            value={Number.isFinite(value) ? value : ""}
            onChange={(e) => onChange(e.target.value === "" ? Number.NaN : Number(e.target.value))}
            className="text-right"
          />
        </div>
      </div>
    </Field>
  );
}
