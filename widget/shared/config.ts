/**
 * Reads the public bot configuration (fetched by the loader, inlined into the frame's
 * HTML) defensively: a field of the wrong shape falls back to a default instead of
 * breaking the widget on a customer's page.
 */
import type { TWidgetConfig } from "../../lib/widget/protocol";

type TRecord = Record<string, unknown>;
type TTexts = TWidgetConfig["texts"]["de"];

const isRecord = (value: unknown): value is TRecord => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown, fallback: string, max = 500) => (typeof value === "string" ? value.slice(0, max) : fallback);
const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

function readTexts(value: unknown): TTexts {
  const source = isRecord(value) ? value : {};
  const suggestions = Array.isArray(source.suggestions)
    ? source.suggestions.filter((item): item is string => typeof item === "string" && item.trim() !== "").slice(0, 6)
    : [];
  const overrides: Record<string, string> = {};
  if (isRecord(source.overrides)) {
    for (const [key, item] of Object.entries(source.overrides)) {
      if (typeof item === "string") overrides[key] = item.slice(0, 500);
    }
  }
  return { greeting: text(source.greeting, "", 2000), suggestions: suggestions.map((item) => item.slice(0, 200)), overrides };
}

/** Null when the payload is not a widget config at all (no bot id or origin). */
export function readWidgetConfig(raw: unknown): TWidgetConfig | null {
  if (!isRecord(raw) || typeof raw.botId !== "string" || typeof raw.origin !== "string") return null;
  const colors = isRecord(raw.colors) ? raw.colors : {};
  const texts = isRecord(raw.texts) ? raw.texts : {};
  return {
    botId: raw.botId,
    origin: raw.origin,
    title: text(raw.title, "Chat", 80),
    defaultLocale: oneOf(raw.defaultLocale, ["de", "en"], "de"),
    colors: { primary: text(colors.primary, ""), onPrimary: text(colors.onPrimary, "") },
    position: oneOf(raw.position, ["right", "left"], "right"),
    launcherIcon: oneOf(raw.launcherIcon, ["chat", "help", "sparkle"], "chat"),
    closeBehavior: oneOf(raw.closeBehavior, ["end", "minimise"], "end"),
    showBranding: raw.showBranding !== false,
    texts: { de: readTexts(texts.de), en: readTexts(texts.en) },
    humanAvailable: raw.humanAvailable === true,
    // Read in full by the frame's pre-chat form; the loader never needs them.
    preChat: { enabled: false, fields: [] },
    departments: [],
  };
}
