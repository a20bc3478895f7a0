import { describe, expect, it } from "vitest";
import type { TWidgetConfig } from "@/lib/widget/protocol";
import { readWidgetConfig } from "@/widget/shared/config";
import { pickLocale, translate } from "@/widget/shared/i18n";
import { createTranslator, formatWait, FRAME_STRINGS } from "@/widget/frame/i18n";

function config(overrides: { de?: Record<string, string>; en?: Record<string, string> } = {}, defaultLocale: "de" | "en" = "de"): TWidgetConfig {
  const texts = (own: Record<string, string> = {}) => ({ greeting: "", suggestions: [], overrides: own });
  return readWidgetConfig({ botId: "bot_1", origin: "https://app.example", defaultLocale, texts: { de: texts(overrides.de), en: texts(overrides.en) } }) as TWidgetConfig;
}

describe("pickLocale", () => {
  it.each([
    ["de-DE", "en", "de"],
    ["de-AT", "en", "de"],
    ["DE", "en", "de"],
    ["en-GB", "de", "en"],
    ["en_US", "de", "en"],
    ["fr-FR", "en", "en"],
    ["fr-FR", "de", "de"],
    ["", "en", "en"],
    [undefined, "de", "de"],
  ] as const)("%s with default %s -> %s", (language, fallback, expected) => {
    expect(pickLocale(language, fallback)).toBe(expected);
  });
});

describe("translate", () => {
  const table = { greeting: "Hallo {name}", plain: "Text" };

  it("uses the owner's override before the built-in string", () => {
    expect(translate(table, { plain: "Eigener Text" }, "plain")).toBe("Eigener Text");
    expect(translate(table, {}, "plain")).toBe("Text");
    expect(translate(table, undefined, "plain")).toBe("Text");
  });

  it("ignores blank overrides and inherited object keys", () => {
    expect(translate(table, { plain: "   " }, "plain")).toBe("Text");
    expect(translate({}, {}, "toString")).toBe("toString");
  });

  it("fills placeholders in overrides too, and leaves unknown ones visible", () => {
    expect(translate(table, undefined, "greeting", { name: "Ada" })).toBe("Hallo Ada");
    expect(translate(table, { greeting: "Hi {name}, {missing}" }, "greeting", { name: "Ada" })).toBe("Hi Ada, {missing}");
  });
});

describe("frame strings", () => {
  it("has every key in both languages", () => {
    expect(Object.keys(FRAME_STRINGS.en).sort()).toEqual(Object.keys(FRAME_STRINGS.de).sort());
    for (const value of [...Object.values(FRAME_STRINGS.de), ...Object.values(FRAME_STRINGS.en)]) expect(value.trim()).not.toBe("");
  });

  it("follows the browser's language and that locale's overrides", () => {
    const owned = config({ de: { "composer.send": "Abschicken" }, en: { "composer.send": "Go" } });
    expect(createTranslator(owned, "de-CH").t("composer.send")).toBe("Abschicken");
    expect(createTranslator(owned, "en-US").t("composer.send")).toBe("Go");
    expect(createTranslator(owned, "en-US").t("composer.placeholder")).toBe("Write a message …");
  });

  it("falls back to the bot's default locale for other languages", () => {
    expect(createTranslator(config({}, "en"), "it-IT").locale).toBe("en");
    expect(createTranslator(config({}, "de"), "it-IT").t("message.retry")).toBe("Erneut senden");
  });
});

describe("German strings", () => {
  it("address the visitor politely (Sie) or neutrally, never with du", () => {
    const informal = /\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines|euch|euer|eure)\b/i;
    for (const [key, value] of Object.entries(FRAME_STRINGS.de)) expect(`${key}: ${value}`).not.toMatch(informal);
    expect(FRAME_STRINGS.de["composer.label"]).toBe("Ihre Nachricht");
    expect(FRAME_STRINGS.de["message.you"]).toBe("Sie");
  });
});

describe("formatWait", () => {
  it("says seconds, one second, or minutes from 90 seconds on, rounded up", () => {
    const { t } = createTranslator(config(), "de-DE");
    expect(formatWait(t, 42)).toBe("42 Sekunden");
    expect(formatWait(t, 0.2)).toBe("1 Sekunde");
    expect(formatWait(t, 89)).toBe("89 Sekunden");
    expect(formatWait(t, 90)).toBe("2 Minuten");
    expect(formatWait(createTranslator(config(), "en-US").t, 600)).toBe("10 minutes");
  });
});
