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
  "composer.label": "Ihre Nachricht",
  "composer.placeholder": "Nachricht schreiben …",
  "composer.send": "Senden",
  "composer.count": "{count} / {max} Zeichen",
  "composer.tooLong": "Die Nachricht ist zu lang: höchstens {max} Zeichen. Bitte kürzen Sie sie um {over} Zeichen.",
  "message.you": "Sie",
  "message.sending": "Wird gesendet …",
  "message.failed": "Nicht gesendet.",
  "message.rateLimited": "Zu viele Nachrichten in kurzer Zeit. Bitte warten Sie {wait} und senden Sie dann erneut.",
  "message.retry": "Erneut senden",
  "message.sources": "Quellen",
  "message.source": "Quelle {n}",
  "suggestions.label": "Vorgeschlagene Fragen",
  "typing": "{name} schreibt …",
  "connection.connecting": "Verbindung wird hergestellt …",
  "connection.offline": "Verbindung zum Chat unterbrochen.",
  "connection.retry": "Erneut versuchen",
  "announce.message": "Neue Nachricht von {name}: {text}",
  "wait.second": "1 Sekunde",
  "wait.seconds": "{n} Sekunden",
  "wait.minutes": "{n} Minuten",
  "prechat.intro": "Bevor es losgeht: Bitte stellen Sie sich kurz vor.",
  "prechat.submit": "Chat starten",
  "leave.open": "Nachricht hinterlassen",
  "leave.title": "Nachricht hinterlassen",
  "leave.intro": "Gerade ist niemand aus unserem Team erreichbar. Hinterlassen Sie uns eine Nachricht, wir antworten Ihnen per E-Mail.",
  "leave.name": "Name",
  "leave.email": "E-Mail-Adresse",
  "leave.message": "Ihre Nachricht",
  "leave.submit": "Nachricht senden",
  "leave.cancel": "Abbrechen",
  "leave.thanks": "Vielen Dank! Ihre Nachricht ist bei uns angekommen. Wir antworten Ihnen per E-Mail an {email}.",
  "form.requiredHint": "Mit * markierte Felder sind Pflichtfelder.",
  "form.choose": "Bitte auswählen …",
  "form.sending": "Wird gesendet …",
  "form.error.required": "Bitte füllen Sie dieses Feld aus.",
  "form.error.email": "Bitte geben Sie eine gültige E-Mail-Adresse ein.",
  "form.error.phone": "Bitte geben Sie eine gültige Telefonnummer ein.",
  "form.error.choice": "Bitte wählen Sie eine der Möglichkeiten aus.",
  "form.error.tooLong": "Höchstens {max} Zeichen.",
  "form.error.server": "Bitte prüfen Sie diese Angabe.",
  "form.invalid": "Bitte prüfen Sie die markierten Felder.",
  "form.failed": "Das Formular wurde nicht gesendet.",
  "form.unavailable": "Keine Verbindung zum Chat. Bitte versuchen Sie es gleich noch einmal.",
  "form.rateLimited": "Zu viele Versuche. Bitte warten Sie {wait}.",
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
  "composer.count": "{count} / {max} characters",
  "composer.tooLong": "This message is too long: at most {max} characters. Please shorten it by {over} characters.",
  "message.you": "You",
  "message.sending": "Sending …",
  "message.failed": "Not sent.",
  "message.rateLimited": "Too many messages in a short time. Please wait {wait}, then send again.",
  "message.retry": "Retry",
  "message.sources": "Sources",
  "message.source": "Source {n}",
  "suggestions.label": "Suggested questions",
  "typing": "{name} is typing …",
  "connection.connecting": "Connecting …",
  "connection.offline": "Connection to the chat lost.",
  "connection.retry": "Try again",
  "announce.message": "New message from {name}: {text}",
  "wait.second": "1 second",
  "wait.seconds": "{n} seconds",
  "wait.minutes": "{n} minutes",
  "prechat.intro": "Before we start, please tell us a little about yourself.",
  "prechat.submit": "Start chat",
  "leave.open": "Leave a message",
  "leave.title": "Leave a message",
  "leave.intro": "Nobody from our team is available right now. Leave us a message and we will reply by email.",
  "leave.name": "Name",
  "leave.email": "Email address",
  "leave.message": "Your message",
  "leave.submit": "Send message",
  "leave.cancel": "Cancel",
  "leave.thanks": "Thank you! We have received your message and will reply by email to {email}.",
  "form.requiredHint": "Fields marked * are required.",
  "form.choose": "Please choose …",
  "form.sending": "Sending …",
  "form.error.required": "Please fill in this field.",
  "form.error.email": "Please enter a valid email address.",
  "form.error.phone": "Please enter a valid phone number.",
  "form.error.choice": "Please choose one of the options.",
  "form.error.tooLong": "At most {max} characters.",
  "form.error.server": "Please check this entry.",
  "form.invalid": "Please check the marked fields.",
  "form.failed": "The form was not sent.",
  "form.unavailable": "No connection to the chat. Please try again in a moment.",
  "form.rateLimited": "Too many attempts. Please wait {wait}.",
  "branding": "Powered by Chatwerk",
};

export const FRAME_STRINGS: Record<TLocale, Record<TStringKey, string>> = { de, en };

export type TTranslate = (key: TStringKey, vars?: Record<string, string | number>) => string;

/** A wait in whole seconds, or minutes from 90 seconds on, rounded up. */
export function formatWait(t: TTranslate, seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole === 1) return t("wait.second");
  return whole < 90 ? t("wait.seconds", { n: whole }) : t("wait.minutes", { n: Math.ceil(whole / 60) });
}

export function createTranslator(config: TWidgetConfig, language: string | undefined): { locale: TLocale; t: TTranslate } {
  const locale = pickLocale(language, config.defaultLocale);
  const overrides = config.texts[locale].overrides;
  return { locale, t: (key, vars) => translate(FRAME_STRINGS[locale], overrides, key, vars) };
}
