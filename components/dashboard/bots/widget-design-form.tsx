"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { updateWidgetSettingsAction } from "@/app/dashboard/[workspace]/bots/[botId]/actions";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Alert } from "@/components/ui/feedback";
import { Field, fieldAria, Input, Select, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { TWidgetSettings } from "@/lib/bots/bot-settings";
import { RadioCards } from "./choice";
import { PreChatEditor, type TPreChat } from "./pre-chat-editor";
import { SuggestionsEditor } from "./suggestions-editor";
import { WidgetIcon } from "./widget-icons";
import { previewColors, WidgetPreview, type TPreviewField } from "./widget-preview";

type TLang = "de" | "en";
const HEX = /^#[0-9a-f]{6}$/;
const LANGS: TLang[] = ["de", "en"];

/** "0F766E" or "#0f766e" → "#0f766e"; three-digit colours are expanded. */
function normaliseHex(input: string): string {
  const raw = input.trim().toLowerCase().replace(/^#?/, "#");
  return /^#[0-9a-f]{3}$/.test(raw) ? `#${raw[1]}${raw[1]}${raw[2]}${raw[2]}${raw[3]}${raw[3]}` : raw;
}

// The pre-chat form has its own editor and save; the design save neither sends nor compares it.
const clean = ({ preChat: _preChat, ...settings }: TWidgetSettings): Omit<TWidgetSettings, "preChat"> => ({
  ...settings,
  title: settings.title?.trim() ?? "",
  texts: {
    de: { ...settings.texts.de, suggestions: (settings.texts.de.suggestions ?? []).map((s) => s.trim()).filter(Boolean) },
    en: { ...settings.texts.en, suggestions: (settings.texts.en.suggestions ?? []).map((s) => s.trim()).filter(Boolean) },
  },
});

const previewFields = (preChat: TPreChat, lang: TLang): TPreviewField[] | null =>
  preChat.enabled && preChat.fields.length > 0
    ? preChat.fields.map((f) => ({
        label: f.label[lang].trim() || f.label.de.trim(),
        required: f.required,
        control: f.type === "textarea" ? "textarea" : f.type === "select" || f.type === "department" ? "select" : "input",
      }))
    : null;

/** The widget's look and texts, and its pre-chat form, with a live preview beside both. */
export function WidgetDesignForm({
  slug,
  botId,
  botName,
  initial,
  defaultGreetings,
  showBranding,
}: {
  slug: string;
  botId: string;
  botName: string;
  initial: TWidgetSettings;
  defaultGreetings: Record<TLang, string>;
  showBranding: boolean;
}) {
  const t = useTranslations("dashboard.widgetDesign");
  const toast = useToast();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [saved, setSaved] = useState(() => JSON.stringify(clean(initial)));
  const [values, setValues] = useState(initial);
  const [preChat, setPreChat] = useState(initial.preChat);
  const [colorText, setColorText] = useState(initial.primaryColor);
  const [colorTouched, setColorTouched] = useState(false);
  const [lang, setLang] = useState<TLang>(initial.defaultLocale);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const colorValid = HEX.test(normaliseHex(colorText));
  const colorError = (colorTouched && !colorValid) || error?.field === "primaryColor" ? t("colorInvalid") : null;
  const titleError = error?.field === "title" ? t("titleInvalid") : null;
  const dirty = JSON.stringify(clean(values)) !== saved || !colorValid;
  const set = (patch: Partial<TWidgetSettings>) => setValues((v) => ({ ...v, ...patch }));
  const setText = (patch: { greeting?: string; suggestions?: string[] }) => setValues((v) => ({ ...v, texts: { ...v.texts, [lang]: { ...v.texts[lang], ...patch } } }));
  const texts = values.texts[lang];

  const setColor = (text: string) => {
    setColorText(text);
    const hex = normaliseHex(text);
    if (HEX.test(hex)) set({ primaryColor: hex });
  };

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0 space-y-6">
        <form
          noValidate
          className="space-y-6"
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            if (!colorValid) {
              setColorTouched(true);
              document.getElementById("wd-color")?.focus();
              return;
            }
            start(async () => {
              const result = await updateWidgetSettingsAction(slug, { botId, settings: clean(values) });
              if (!result.ok) {
                const textLang = /^texts\.(de|en)\./.exec(result.error.field ?? "")?.[1] as TLang | undefined;
                if (textLang) setLang(textLang);
                return setError(result.error);
              }
              setSaved(JSON.stringify(clean(result.data)));
              setValues(result.data);
              setColorText(result.data.primaryColor);
              toast.show(t("saved"));
              router.refresh();
            });
          }}
        >
          {error && error.field !== "primaryColor" && error.field !== "title" && <Alert tone="danger">{error.message}</Alert>}
          <Card>
            <CardHeader title={t("lookTitle")} description={t("lookText")} />
            <CardBody className="space-y-6">
              <div className="grid gap-5 sm:grid-cols-2">
                <Field id="wd-title" label={t("widgetTitle")} hint={t("widgetTitleHint")} error={titleError}>
                  <Input {...fieldAria("wd-title", titleError, true)} maxLength={60} placeholder={botName} value={values.title ?? ""} onChange={(e) => set({ title: e.target.value })} />
                </Field>
                <Field id="wd-color" label={t("color")} hint={t("colorHint")} error={colorError}>
                  <div className="flex gap-2">
                    <input
                      type="color"
                      aria-label={t("colorPicker")}
                      value={values.primaryColor}
                      onChange={(e) => setColor(e.target.value)}
                      className="h-10 w-12 shrink-0 cursor-pointer rounded-lg border-0 bg-white p-1 shadow-sm ring-1 ring-inset ring-slate-300 focus-visible:outline-2 focus-visible:outline-brand-500"
                    />
                    <Input
                      {...fieldAria("wd-color", colorError, true)}
                      maxLength={7}
                      spellCheck={false}
                      autoComplete="off"
                      value={colorText}
                      onChange={(e) => setColor(e.target.value)}
                      onBlur={() => {
                        setColorTouched(true);
                        if (colorValid) setColorText(normaliseHex(colorText));
                      }}
                      className="font-mono uppercase"
                    />
                  </div>
                </Field>
              </div>
              <RadioCards
                name="wd-position"
                legend={t("position")}
                value={values.position}
                onChange={(position) => set({ position })}
                options={[
                  { value: "left", label: t("positionLeft") },
                  { value: "right", label: t("positionRight") },
                ]}
              />
              <RadioCards
                name="wd-icon"
                legend={t("icon")}
                columns={3}
                value={values.launcherIcon}
                onChange={(launcherIcon) => set({ launcherIcon })}
                options={(["chat", "help", "sparkle"] as const).map((icon) => ({
                  value: icon,
                  label: t(`icons.${icon}`),
                  icon: (
                    <span className="flex size-11 items-center justify-center rounded-full shadow" style={{ backgroundColor: values.primaryColor, color: previewColors(values.primaryColor).onPrimary }}>
                      <WidgetIcon name={icon} />
                    </span>
                  ),
                }))}
              />
              <RadioCards
                name="wd-close"
                legend={t("closeBehavior")}
                value={values.closeBehavior}
                onChange={(closeBehavior) => set({ closeBehavior })}
                options={[
                  { value: "end", label: t("closeEnd"), description: t("closeEndText") },
                  { value: "minimise", label: t("closeMinimise"), description: t("closeMinimiseText") },
                ]}
              />
              <Field id="wd-locale" label={t("defaultLocale")} hint={t("defaultLocaleHint")} className="sm:max-w-xs">
                <Select {...fieldAria("wd-locale", null, true)} value={values.defaultLocale} onChange={(e) => set({ defaultLocale: e.target.value as TLang })}>
                  {LANGS.map((l) => (
                    <option key={l} value={l}>
                      {t(`lang.${l}`)}
                    </option>
                  ))}
                </Select>
              </Field>
            </CardBody>
          </Card>

          <Card>
            <CardHeader title={t("textsTitle")} description={t("textsText")} />
            <CardBody className="space-y-5">
              <div role="radiogroup" aria-label={t("textsLanguage")} className="inline-flex rounded-lg bg-slate-100 p-1">
                {LANGS.map((l) => (
                  <label
                    key={l}
                    className={cn(
                      "cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500",
                      lang === l ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
                    )}
                  >
                    <input type="radio" name="wd-text-lang" value={l} checked={lang === l} onChange={() => setLang(l)} className="sr-only" />
                    {t(`lang.${l}`)}
                  </label>
                ))}
              </div>
              <Field id={`wd-greeting-${lang}`} label={t("greeting", { language: t(`lang.${lang}`) })} hint={t("greetingHint")}>
                <Textarea
                  {...fieldAria(`wd-greeting-${lang}`, null, true)}
                  rows={3}
                  maxLength={500}
                  placeholder={defaultGreetings[lang]}
                  value={texts.greeting ?? ""}
                  onChange={(e) => setText({ greeting: e.target.value })}
                />
              </Field>
              <SuggestionsEditor key={lang} id={`wd-suggestion-${lang}`} items={texts.suggestions ?? []} onChange={(suggestions) => setText({ suggestions })} />
            </CardBody>
          </Card>

          <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-end">
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
        <PreChatEditor slug={slug} botId={botId} initial={initial.preChat} onChange={setPreChat} />
      </div>

      <div className="xl:sticky xl:top-6 xl:self-start">
        <WidgetPreview
          title={values.title?.trim() || botName}
          color={values.primaryColor}
          position={values.position}
          icon={values.launcherIcon}
          closeBehavior={values.closeBehavior}
          greeting={texts.greeting?.trim() || defaultGreetings[lang]}
          suggestions={(texts.suggestions ?? []).map((s) => s.trim()).filter(Boolean)}
          locale={lang}
          showBranding={showBranding}
          preChat={previewFields(preChat, lang)}
        />
        <p className="mt-2 text-xs text-slate-500">{t("previewHint", { language: t(`lang.${lang}`) })}</p>
      </div>
    </div>
  );
}
