import { z } from "zod";
import { ZAnswerProvider } from "../ai/providers";
import type { TWidgetConfig } from "../widget/protocol";

/**
 * A bot's widget design/texts and answer-model settings, stored as JSON columns
 * (bots.widget_settings, bots.model_settings) and always read through these schemas, so
 * an empty or older object yields complete settings with defaults.
 */
const ZHexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "A colour like #2563eb");

const ZLocaleTexts = z.object({
  greeting: z.string().trim().max(500).optional(),
  suggestions: z.array(z.string().trim().min(1).max(120)).max(6).optional(),
  overrides: z.record(z.string().max(60), z.string().max(300)).optional(),
});

const ZPreChatField = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "Lowercase letters, digits and _"),
  type: z.enum(["text", "email", "phone", "textarea", "select", "department"]),
  label: z.object({ de: z.string().trim().min(1).max(80), en: z.string().trim().min(1).max(80) }),
  required: z.boolean().default(false),
  options: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
});

export const ZPreChat = z
  .object({ enabled: z.boolean().default(false), fields: z.array(ZPreChatField).max(10).default([]) })
  .refine((v) => new Set(v.fields.map((f) => f.key)).size === v.fields.length, "Field keys must be unique")
  .refine((v) => v.fields.every((f) => (f.type === "select" ? f.options.length > 0 : true)), "A select field needs options");

export const ZWidgetSettings = z.object({
  title: z.string().trim().max(60).optional(),
  primaryColor: ZHexColor.default("#2563eb"),
  position: z.enum(["right", "left"]).default("right"),
  launcherIcon: z.enum(["chat", "help", "sparkle"]).default("chat"),
  closeBehavior: z.enum(["end", "minimise"]).default("end"),
  defaultLocale: z.enum(["de", "en"]).default("de"),
  texts: z.object({ de: ZLocaleTexts.default({}), en: ZLocaleTexts.default({}) }).default({ de: {}, en: {} }),
  preChat: ZPreChat.default({ enabled: false, fields: [] }),
});
export type TWidgetSettings = z.infer<typeof ZWidgetSettings>;

export const ZModelSettings = z.object({
  provider: ZAnswerProvider.default("offline"),
  model: z.string().trim().max(100).default(""),
  temperature: z.number().min(0).max(2).default(0.2),
  maxTokens: z.number().int().min(64).max(4096).default(600),
  instructions: z.string().max(4000).default(""),
  answerInVisitorLanguage: z.boolean().default(true),
  onlyFromKnowledge: z.boolean().default(true),
  fallbackMessage: z.string().trim().max(500).default(""),
});
export type TModelSettings = z.infer<typeof ZModelSettings>;

export function readWidgetSettings(raw: unknown): TWidgetSettings {
  const parsed = ZWidgetSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : ZWidgetSettings.parse({});
}

export function readModelSettings(raw: unknown): TModelSettings {
  const parsed = ZModelSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : ZModelSettings.parse({});
}

const DEFAULT_TEXTS = {
  de: { greeting: "Hallo! Wie können wir helfen?", suggestions: [] as string[] },
  en: { greeting: "Hi! How can we help?", suggestions: [] as string[] },
};

/** Black or white text on the brand colour, whichever contrasts more (WCAG luminance). */
export function onColor(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return (1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05) ? "#ffffff" : "#111827";
}

/** Whether the bot's (enabled) pre-chat form asks for a department: only then does the config list the workspace's departments. */
export function asksForDepartment(widgetSettings: unknown): boolean {
  const { preChat } = readWidgetSettings(widgetSettings);
  return preChat.enabled && preChat.fields.some((field) => field.type === "department");
}

/** The public configuration the loader and the chat frame receive. */
export function widgetConfig(
  bot: { publicId: string; name: string; widgetSettings: unknown },
  options: { origin: string; showBranding: boolean; humanAvailable: boolean; departments?: { id: string; name: string }[] },
): TWidgetConfig {
  const s = readWidgetSettings(bot.widgetSettings);
  const texts = (locale: "de" | "en") => ({
    greeting: s.texts[locale].greeting || DEFAULT_TEXTS[locale].greeting,
    suggestions: s.texts[locale].suggestions ?? DEFAULT_TEXTS[locale].suggestions,
    overrides: s.texts[locale].overrides ?? {},
  });
  return {
    botId: bot.publicId,
    origin: options.origin,
    title: s.title || bot.name,
    defaultLocale: s.defaultLocale,
    colors: { primary: s.primaryColor, onPrimary: onColor(s.primaryColor) },
    position: s.position,
    launcherIcon: s.launcherIcon,
    closeBehavior: s.closeBehavior,
    showBranding: options.showBranding,
    texts: { de: texts("de"), en: texts("en") },
    humanAvailable: options.humanAvailable,
    preChat: { enabled: s.preChat.enabled && s.preChat.fields.length > 0, fields: s.preChat.fields },
    departments: options.departments ?? [],
  };
}
