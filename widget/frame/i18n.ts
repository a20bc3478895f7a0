/**
 * Every visible string of the chat frame. Owners can override any key per locale
 * (`config.texts[locale].overrides[key]`); see widget/shared/i18n.ts for the lookup.
 */
import type { TWidgetConfig } from "../../lib/widget/protocol";
import { pickLocale, translate, type TLocale } from "../shared/i18n";

const de = {
  "header.minimise": "Chat minimieren",
  "header.end": "Chat beenden",
  "end.question": "Chat beenden? Der Verlauf wird auf diesem Gerät gelöscht.",
  "end.confirm": "Beenden",
  "end.cancel": "Abbrechen",
  "composer.label": "Deine Nachricht",
  "composer.placeholder": "Nachricht schreiben …",
  "composer.send": "Senden",
  "message.you": "Du",
  "message.sending": "Wird gesendet …",
  "message.failed": "Nicht gesendet.",
  "message.retry": "Erneut senden",
  "message.sources": "Quellen",
  "message.source": "Quelle {n}",
  "suggestions.label": "Vorgeschlagene Fragen",
  "typing": "{name} schreibt …",
  "connection.connecting": "Verbindung wird hergestellt …",
  "connection.offline": "Verbindung zum Chat unterbrochen.",
  "connection.retry": "Erneut versuchen",
  "announce.message": "Neue Nachricht von {name}: {text}",
  "branding": "Powered by Chatwerk",
};

export type TStringKey = keyof typeof de;

const en: Record<TStringKey, string> = {
  "header.minimise": "Minimise chat",
  "header.end": "End chat",
  "end.question": "End this chat? Its history will be removed from this device.",
  "end.confirm": "End chat",
  "end.cancel": "Cancel",
  "composer.label": "Your message",
  "composer.placeholder": "Write a message …",
  "composer.send": "Send",
  "message.you": "You",
  "message.sending": "Sending …",
  "message.failed": "Not sent.",
  "message.retry": "Retry",
  "message.sources": "Sources",
  "message.source": "Source {n}",
  "suggestions.label": "Suggested questions",
  "typing": "{name} is typing …",
  "connection.connecting": "Connecting …",
  "connection.offline": "Connection to the chat lost.",
  "connection.retry": "Try again",
  "announce.message": "New message from {name}: {text}",
  "branding": "Powered by Chatwerk",
};

export const FRAME_STRINGS: Record<TLocale, Record<TStringKey, string>> = { de, en };

export type TTranslate = (key: TStringKey, vars?: Record<string, string | number>) => string;

export function createTranslator(config: TWidgetConfig, language: string | undefined): { locale: TLocale; t: TTranslate } {
  const locale = pickLocale(language, config.defaultLocale);
  const overrides = config.texts[locale].overrides;
  return { locale, t: (key, vars) => translate(FRAME_STRINGS[locale], overrides, key, vars) };
}
