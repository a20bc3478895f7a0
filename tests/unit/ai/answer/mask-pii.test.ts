import { describe, expect, it } from "vitest";
import { isLuhnValid, isValidIban, maskPii } from "@/lib/ai/answer/mask-pii";

describe("maskPii: positives", () => {
  it.each<[string, string]>([
    ["Schreib an max.muster@example.de bitte", "Schreib an [email] bitte"],
    ["Mail: Anna-Lena.O'Brien+shop@mail.firma.co.uk.", "Mail: Anna-Lena.O'[email]."],
    ["jürgen.müller@beispiel.de", "[email]"],
  ])("masks the email in %j", (input, expected) => {
    expect(maskPii(input).text).toBe(expected);
  });

  it.each([
    "+49 30 1234567",
    "+49 (0)30 123 456-78",
    "+491711234567",
    "0049 171 1234567",
    "+43 1 5880 0",
    "030 1234567",
    "030-1234567",
    "0171/1234567",
    "0171 123 45 67",
    "(030) 123-45",
    "030 / 123 456 78",
    "01711234567",
    "(555) 123-4567",
    "555-123-4567",
    "555.123.4567",
    "+1 555 123 4567",
    "1-800-555-0199",
  ])("masks the phone number %s", (phone) => {
    const { text, counts } = maskPii(`Ruf an: ${phone}, danke.`);
    expect(text).toBe("Ruf an: [phone], danke.");
    expect(counts.phone).toBe(1);
  });

  it.each([
    "DE89 3704 0044 0532 0130 00",
    "DE89370400440532013000",
    "de89 3704 0044 0532 0130 00",
    "GB82 WEST 1234 5698 7654 32",
    "AT61 1904 3002 3457 3201",
    "CH93 0076 2011 6238 5295 7",
    "FR14 2004 1010 0505 0001 3M02 606",
  ])("masks the IBAN %s", (iban) => {
    const { text, counts } = maskPii(`IBAN: ${iban} bitte`);
    expect(text).toBe("IBAN: [iban] bitte");
    expect(counts).toEqual({ email: 0, phone: 0, iban: 1, card: 0 });
  });

  it.each(["4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "5500 0000 0000 0004", "3782 822463 10005", "6011000990139424"])(
    "masks the card number %s",
    (card) => {
      const { text, counts } = maskPii(`Karte ${card}.`);
      expect(text).toBe("Karte [card].");
      expect(counts.card).toBe(1);
    },
  );

  it("counts every kind separately in one text", () => {
    const { text, counts } = maskPii(
      "Ich bin a@b.de, Tel. 0171 1234567, IBAN DE89 3704 0044 0532 0130 00, Karte 4111 1111 1111 1111, Zweitmail c.d@e-f.com",
    );
    expect(counts).toEqual({ email: 2, phone: 1, iban: 1, card: 1 });
    expect(text).toBe("Ich bin [email], Tel. [phone], IBAN [iban], Karte [card], Zweitmail [email]");
  });
});

describe("maskPii: negatives", () => {
  it.each([
    "Das Abo kostet 49,00 € im Monat.",
    "Der Preis liegt bei 1.299,00 € inkl. MwSt.",
    "Lieferung am 21.11.2026 zwischen 14:30 und 16:00 Uhr.",
    "Termin 01.12.2026 oder 2026-11-21 oder 11/21/2026 oder 01/15/2026.",
    "Deine Bestellung #12345 ist unterwegs.",
    "Bestellnummer 2024-000123-17 und Rechnung KK-R-2026-00042.",
    "Update auf v2.3.1 oder 10.4.12 installieren.",
    "Unser Büro: Musterstraße 5, 10115 Berlin, und 01067 Dresden.",
    "Öffnungszeiten 09:00–18:00, Mo–Fr.",
    "Akku mit 36 V, 500 Wh und 25 km/h, Reichweite 50 bis 100 km.",
    "Error E-42, code 0x1F, 3 x 4 = 12, 20 %.",
    "Artikelnummer 4006381333931 (EAN).",
    "Version 2026.11 and build 123456789.",
    "ABCDEFGHIJKLMNOP and AB12CDEFGHIJKLMNOP and XY12 ABCD EFGH IJKL",
    "Keine Mail-Adresse: name at example dot com, @handle, user@localhost",
  ])("leaves %j alone", (text) => {
    const result = maskPii(text);
    expect(result.text).toBe(text);
    expect(result.counts).toEqual({ email: 0, phone: 0, iban: 0, card: 0 });
  });

  it("does not mask an IBAN with a wrong check digit as an IBAN", () => {
    expect(maskPii("GB82 WEST 1234 5698 7654 31").text).not.toContain("[iban]");
    expect(isValidIban("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(isValidIban("DE88 3704 0044 0532 0130 00")).toBe(false);
    expect(isValidIban("DE89 3704 0044 0532 0130 0")).toBe(false); // German IBANs have 22 characters
  });

  it("does not mask a 16-digit number that fails the Luhn check", () => {
    expect(maskPii("Karte 4111 1111 1111 1112").text).toBe("Karte 4111 1111 1111 1112");
    expect(isLuhnValid("4111111111111111")).toBe(true);
    expect(isLuhnValid("4111111111111112")).toBe(false);
  });

  it("gives a following postcode back to the text", () => {
    expect(maskPii("Tel. 030 1234567 10115 Berlin").text).toBe("Tel. [phone] 10115 Berlin");
  });
});

describe("maskPii: kept contact details", () => {
  it("leaves the owner's published address and hotline, in any spelling, and masks the rest", () => {
    const keep = ["hilfe@taktwerk.example", "030 1234567"];
    const { text, counts } = maskPii("Hilfe@Taktwerk.example, +49 30 1234567 oder 030-1234567; Kunde: k@x.de, 0171 7654321", { keep });
    expect(text).toBe("Hilfe@Taktwerk.example, +49 30 1234567 oder 030-1234567; Kunde: [email], [phone]");
    expect(counts).toEqual({ email: 1, phone: 1, iban: 0, card: 0 });
  });
});
