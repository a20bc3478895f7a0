import { describe, expect, it } from "vitest";
import { detectLanguage } from "@/lib/ai/answer/language";

const GERMAN = [
  "Wie kann ich kündigen?",
  "Hallo, ich habe eine Frage",
  "Was kostet das Abo?",
  "Mein Akku ist leer",
  "Kann ich per PayPal zahlen?",
  "Rechnung fehlt",
  "Wo finde ich meine Rechnung?",
  "Gibt es einen Rabatt für Studenten?",
  "Danke!",
  "Das Schloss öffnet nicht",
  "Wann kommt mein Rad?",
  "Passwort vergessen",
  "E-Bike defekt, was tun?",
  "Wie lange dauert die Lieferung?",
  "Lieferung nach Österreich möglich?",
  "Guten Tag, kann mir jemand helfen?",
  "Geht das auch mit Kreditkarte?",
  "Ich bin umgezogen",
  "Warum wurde zweimal abgebucht?",
  "Hi, wie ändere ich meine Adresse?",
];

const ENGLISH = [
  "how do I cancel?",
  "Hello, I have a question",
  "What does the subscription cost?",
  "My battery is empty",
  "Can I pay with PayPal?",
  "Invoice missing",
  "Where can I find my invoice?",
  "Is there a student discount?",
  "Thanks!",
  "The lock won't open",
  "When will my bike arrive?",
  "Forgot my password",
  "e-bike broken, what now?",
  "How long does delivery take?",
  "Do you ship to Austria?",
  "Good morning, can someone help me?",
  "Does it work with a credit card?",
  "I moved to a new address",
  "Why was I charged twice?",
  "Hi, how do I change my address?",
];

describe("detectLanguage", () => {
  it.each(GERMAN)("reads %j as German", (message) => {
    expect(detectLanguage(message)).toBe("de");
  });

  it.each(ENGLISH)("reads %j as English", (message) => {
    expect(detectLanguage(message)).toBe("en");
  });

  it.each(["", "ok", "?", "E-42", "PayPal", "Hi", "👍", "12345", "Danke thanks", "Bonjour, comment annuler mon abonnement ?", "¿Cómo cancelo mi suscripción?"])(
    "is unsure about %j",
    (message) => {
      expect(detectLanguage(message)).toBeNull();
    },
  );

  it("reads longer text by its majority", () => {
    expect(detectLanguage("Ich habe gestern bestellt, aber the tracking link does not work und ich weiß nicht, was ich tun soll.")).toBe("de");
    expect(detectLanguage("I ordered yesterday and the tracking link from the Versandbestätigung does not work at all.")).toBe("en");
  });
});
