import type { TSearchResult } from "@/lib/kb/search";

/**
 * A fictional invoicing app, "Taktwerk", in the shape lib/kb/chunk produces: FAQ entries as
 * "Q: …\nA: …", sections with their heading path as title, list items as "- " lines and
 * table rows as "Header: value; …". The score is a placeholder fused-rank value; tests pass
 * chunks in the rank order they want.
 */
function chunk(id: string, title: string, text: string, url: string | null = `https://hilfe.taktwerk.example/${id}`): TSearchResult {
  return { chunkId: `chunk-${id}`, sourceId: `source-${id}`, documentId: `doc-${id}`, title, url, text, score: 0.016393 };
}

export const DE = {
  cancelFaq: chunk(
    "de-kuendigen",
    "Hilfe › Abo und Zahlung › Häufige Fragen",
    "Q: Wie kann ich mein Abo kündigen?\nA: Du kannst dein Abo jederzeit zum Ende des laufenden Monats kündigen. Öffne dazu Einstellungen > Abo > Abo beenden. Nach der Kündigung bleiben deine Daten noch 30 Tage abrufbar. Danach löschen wir sie endgültig.",
  ),
  switchFaq: chunk(
    "de-tarifwechsel",
    "Hilfe › Abo und Zahlung › Häufige Fragen",
    "Q: Kann ich zwischen den Tarifen wechseln?\nA: Ja, ein Wechsel von Start zu Profi gilt sofort, die Differenz berechnen wir anteilig. Ein Wechsel zurück zu Start wird zum nächsten Abrechnungsdatum wirksam.",
  ),
  payment: chunk(
    "de-zahlungsarten",
    "Hilfe › Abo und Zahlung › Zahlungsarten",
    "Wir akzeptieren SEPA-Lastschrift, Kreditkarte und PayPal. Die Rechnung für dein Abo erstellen wir am ersten Tag jedes Monats.\nSo änderst du die Zahlungsart:\n- Öffne Einstellungen > Abo > Zahlungsart.\n- Wähle die neue Zahlungsart und bestätige mit deinem Passwort.",
  ),
  export: chunk(
    "de-export",
    "Hilfe › Daten › Export",
    "Alle Rechnungen kannst du jederzeit als CSV-Datei oder als ZIP-Archiv mit PDFs exportieren. Der Export enthält auch Kundendaten und Artikel. Große Exporte schicken wir dir per E-Mail, sobald sie fertig sind.",
  ),
  prices: chunk(
    "de-preise",
    "Hilfe › Tarife › Preise",
    "Tarif: Start; Preis pro Monat: 9 €; Nutzer: 1\nTarif: Profi; Preis pro Monat: 29 €; Nutzer: 5",
  ),
  eInvoice: chunk(
    "de-erechnung",
    "Hilfe › Rechnungen › E-Rechnung",
    "Taktwerk erzeugt E-Rechnungen in den Formaten XRechnung und ZUGFeRD. Das Format wählst du pro Kunde unter Kunden > Bearbeiten > Rechnungsformat. Behörden verlangen meist XRechnung.",
  ),
};

export const EN = {
  cancelFaq: chunk(
    "en-cancel",
    "Help › Plans and billing › FAQ",
    "Q: How do I cancel my subscription?\nA: You can cancel at any time, effective at the end of the current month. Go to Settings > Subscription > End subscription. After cancelling, your data stays available for 30 days before we delete it for good.",
  ),
  payment: chunk(
    "en-payment",
    "Help › Plans and billing › Payment methods",
    "We accept SEPA direct debit, credit cards and PayPal. Invoices for your subscription are issued on the first day of each month.\nTo change your payment method:\n- Open Settings > Subscription > Payment method.\n- Pick the new method and confirm with your password.",
  ),
  export: chunk(
    "en-export",
    "Help › Data › Export",
    "You can export all invoices at any time as a CSV file or as a ZIP archive of PDFs. The export also contains customers and items. Large exports are sent to you by email once they are ready.",
  ),
  team: chunk(
    "en-team",
    "Help › Account › Team members",
    "The Pro plan includes up to five users. Invite colleagues under Settings > Team > Invite. Each colleague gets their own login and can be given the role Admin or Accountant.",
  ),
};
