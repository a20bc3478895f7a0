"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { WidgetIcon } from "./widget-icons";

export type TPreviewProps = {
  title: string;
  color: string;
  position: "left" | "right";
  icon: "chat" | "help" | "sparkle";
  closeBehavior: "end" | "minimise";
  greeting: string;
  suggestions: string[];
  locale: "de" | "en";
  showBranding: boolean;
  /** The pre-chat form's fields in the previewed language; null while the form is off. */
  preChat: TPreviewField[] | null;
};

export type TPreviewField = { label: string; required: boolean; control: "input" | "textarea" | "select" };

/** Strings the widget itself shows (widget/frame/i18n.ts), in the language being previewed. */
const WIDGET_TEXT = {
  de: {
    placeholder: "Nachricht schreiben …",
    branding: "Powered by Chatwerk",
    preChatIntro: "Bevor es losgeht: Bitte stellen Sie sich kurz vor.",
    requiredHint: "Mit * markierte Felder sind Pflichtfelder.",
    preChatSubmit: "Chat starten",
  },
  en: {
    placeholder: "Write a message …",
    branding: "Powered by Chatwerk",
    preChatIntro: "Before we start, please tell us a little about yourself.",
    requiredHint: "Fields marked * are required.",
    preChatSubmit: "Start chat",
  },
};

// The widget's colour rule (widget/shared/colors.ts): text on the brand colour in white or
// near-black, whichever contrasts more; the brand colour as text on white only when readable.
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

export function previewColors(primary: string) {
  const l = luminance(primary);
  const onPrimary = contrast(l, 1) >= contrast(l, luminance("#111827")) ? "#ffffff" : "#111827";
  return { primary, onPrimary, accentText: contrast(l, 1) >= 4.5 ? primary : "#111827" };
}

/** A static picture of the widget on a page: the open panel above the launcher, in the chosen design. */
export function WidgetPreview(props: TPreviewProps) {
  const t = useTranslations("dashboard.widgetDesign");
  const colors = previewColors(props.color);
  const text = WIDGET_TEXT[props.locale];
  const side = props.position === "left" ? "left-4" : "right-4";
  return (
    <figure className="space-y-2">
      <figcaption className="text-sm font-medium text-slate-800">{t("preview")}</figcaption>
      <div data-testid="widget-preview" className="relative h-[560px] overflow-hidden rounded-xl bg-slate-100 ring-1 ring-slate-200">
        <div aria-hidden="true" className="space-y-3 p-5">
          <div className="h-3 w-24 rounded bg-slate-300" />
          <div className="h-2 w-4/5 rounded bg-slate-200" />
          <div className="h-2 w-3/5 rounded bg-slate-200" />
          <div className="h-2 w-2/3 rounded bg-slate-200" />
        </div>
        <div className={cn("absolute bottom-[5.5rem] flex h-[400px] w-[calc(100%-2rem)] max-w-[300px] flex-col overflow-hidden rounded-2xl bg-white shadow-xl ring-1 ring-slate-900/10", side)}>
          <div data-testid="widget-preview-header" className="flex items-center gap-2 px-3 py-3" style={{ backgroundColor: colors.primary, color: colors.onPrimary }}>
            <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-current/15">
              <WidgetIcon name={props.icon} className="size-4" />
            </span>
            <span className="min-w-0 flex-1 truncate text-sm font-semibold">{props.title}</span>
            {props.closeBehavior === "end" && <WidgetIcon name="chevronDown" className="size-4 opacity-90" />}
            <WidgetIcon name="close" className="size-4 opacity-90" />
          </div>
          <div className="flex-1 space-y-2 overflow-hidden px-3 py-3">
            <p data-testid="widget-preview-greeting" className="max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-tl-sm bg-slate-100 px-3 py-2 text-[13px] leading-snug text-slate-800">
              {props.greeting}
            </p>
            {props.preChat ? (
              <PreChatPreview fields={props.preChat} text={text} colors={colors} />
            ) : props.suggestions.length > 0 && (
              <ul className="ml-[14%] flex flex-wrap justify-end gap-1.5">
                {props.suggestions.map((s, i) => (
                  <li key={i} className="max-w-full truncate rounded-full border bg-white px-2.5 py-1 text-xs" style={{ borderColor: colors.accentText, color: colors.accentText }}>
                    {s}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="border-t border-slate-100 px-3 py-2">
            {!props.preChat && (
              <div className="flex items-center gap-2 rounded-full bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
                <span className="flex-1 truncate text-xs text-slate-400">{text.placeholder}</span>
                <span className="flex size-6 items-center justify-center rounded-full" style={{ backgroundColor: colors.primary, color: colors.onPrimary }}>
                  <WidgetIcon name="send" className="size-3" />
                </span>
              </div>
            )}
            {props.showBranding && <p className="mt-1.5 text-center text-[10px] text-slate-400">{text.branding}</p>}
          </div>
        </div>
        <span
          data-testid="widget-preview-launcher"
          className={cn("absolute bottom-4 flex size-14 items-center justify-center rounded-full shadow-lg", side)}
          style={{ backgroundColor: colors.primary, color: colors.onPrimary }}
        >
          <WidgetIcon name={props.icon} className="size-6" />
        </span>
      </div>
    </figure>
  );
}

/** The widget shows the pre-chat form instead of the composer until it is answered (widget/frame/components/forms.tsx). */
function PreChatPreview({ fields, text, colors }: { fields: TPreviewField[]; text: (typeof WIDGET_TEXT)["de"]; colors: ReturnType<typeof previewColors> }) {
  return (
    <div data-testid="widget-preview-prechat" className="space-y-2 pt-1 text-xs text-slate-800">
      <p>{text.preChatIntro}</p>
      {fields.some((f) => f.required) && <p className="text-[11px] text-slate-500">{text.requiredHint}</p>}
      {fields.map((field, i) => (
        <div key={i}>
          <p className="truncate font-medium">
            {field.label}
            {field.required && " *"}
          </p>
          <div className={cn("mt-0.5 flex justify-end rounded-md bg-white px-2 text-slate-400 ring-1 ring-slate-300", field.control === "textarea" ? "h-10" : "h-6 items-center")}>
            {field.control === "select" && "▾"}
          </div>
        </div>
      ))}
      <p className="rounded-md py-1.5 text-center font-medium" style={{ backgroundColor: colors.primary, color: colors.onPrimary }}>
        {text.preChatSubmit}
      </p>
    </div>
  );
}
