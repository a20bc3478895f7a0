import { describe, expect, it } from "vitest";
import { chunkDocument } from "@/lib/kb/chunk/chunk-document";
import { parseFile } from "@/lib/kb/parse/parse-file";
import { htmlToBlocks } from "@/lib/kb/parse/parse-html";
import { bytesOf } from "../../../helpers/sample-files";

const PARAGRAPH =
  "Wir versenden alle Bestellungen innerhalb von zwei Werktagen mit DHL. Die Lieferung innerhalb Deutschlands ist ab einem Bestellwert von 50 Euro kostenlos, darunter berechnen wir 4,90 Euro.";

const PAGE = `<!doctype html>
<html lang="de">
<head><title>Versand &amp; Lieferung | ACME Shop</title><style>body{color:red}</style><script>var tracking = "geheim";</script></head>
<body>
  <div id="cookie-banner"><p>Wir verwenden Cookies, um dein Erlebnis zu verbessern.</p><button>Alle akzeptieren</button></div>
  <header><nav><ul><li><a href="/">Startseite</a></li><li><a href="/shop">Shop</a></li></ul></nav></header>
  <main>
    <article>
      <h1>Versand &amp; Lieferung</h1>
      <p>${PARAGRAPH}</p>
      <p>Pakete an Packstationen sind möglich. Bitte gib dafür deine Postnummer an, damit die Zustellung klappt.</p>
      <h2>Versandkosten</h2>
      <table>
        <thead><tr><th>Land</th><th>Kosten</th></tr></thead>
        <tbody><tr><td>Deutschland</td><td>4,90 €</td></tr><tr><td>Österreich</td><td>9,90 €</td></tr></tbody>
      </table>
      <h2>Zahlarten</h2>
      <ul><li>Rechnung</li><li>PayPal <ul><li>PayPal Express</li></ul></li><li>Kreditkarte</li></ul>
      <h2>Häufige Fragen</h2>
      <details><summary>Kann ich meine Lieferadresse ändern?</summary><p>Ja, solange die Bestellung noch nicht versendet wurde.</p></details>
      <dl><dt>Wie lange dauert der Versand nach Österreich?</dt><dd>In der Regel drei bis fünf Werktage.</dd></dl>
    </article>
  </main>
  <div class="newsletter-box"><p>Melde dich für unseren Newsletter an und erhalte 10 % Rabatt.</p></div>
  <footer><p>© 2025 ACME GmbH · Impressum · Datenschutz</p></footer>
</body></html>`;

describe("htmlToBlocks", () => {
  it("keeps the main content as blocks and drops cookie banner, navigation, newsletter and footer", () => {
    const doc = htmlToBlocks(PAGE, { url: "https://shop.example/versand" });
    expect(doc.title).toBe("Versand & Lieferung");
    expect(doc.url).toBe("https://shop.example/versand");
    expect(doc.language).toBe("german");
    expect(doc.blocks).toEqual([
      { kind: "paragraph", text: PARAGRAPH },
      { kind: "paragraph", text: "Pakete an Packstationen sind möglich. Bitte gib dafür deine Postnummer an, damit die Zustellung klappt." },
      { kind: "heading", level: 2, text: "Versandkosten" },
      { kind: "table", header: ["Land", "Kosten"], rows: [["Deutschland", "4,90 €"], ["Österreich", "9,90 €"]] },
      { kind: "heading", level: 2, text: "Zahlarten" },
      { kind: "list", items: ["Rechnung", "PayPal", "PayPal Express", "Kreditkarte"] },
      { kind: "heading", level: 2, text: "Häufige Fragen" },
      { kind: "qa", question: "Kann ich meine Lieferadresse ändern?", answer: "Ja, solange die Bestellung noch nicht versendet wurde." },
      { kind: "qa", question: "Wie lange dauert der Versand nach Österreich?", answer: "In der Regel drei bis fünf Werktage." },
    ]);
    const all = JSON.stringify(doc);
    for (const noise of ["Cookies", "akzeptieren", "Startseite", "Newsletter", "Impressum", "tracking", "color:red", "<"]) expect(all).not.toContain(noise);
  });

  it("reads a short page Readability would reject from the stripped body", () => {
    const doc = htmlToBlocks("<html><head><title>Kontakt</title></head><body><nav>Menü</nav><h2>Telefon</h2><p>Ruf uns an: 030 123456.</p></body></html>");
    expect(doc.title).toBe("Kontakt");
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 2, text: "Telefon" },
      { kind: "paragraph", text: "Ruf uns an: 030 123456." },
    ]);
  });

  it("produces chunks with the URL and the heading path", () => {
    const chunks = chunkDocument(htmlToBlocks(PAGE, { url: "https://shop.example/versand" }));
    expect(chunks.every((c) => c.url === "https://shop.example/versand")).toBe(true);
    // Small sections are merged by the chunker; the heading moves into the text.
    const costs = chunks.find((c) => c.text.includes("Land: Österreich; Kosten: 9,90 €"));
    expect(costs?.titlePath).toBe("Versand & Lieferung");
    expect(costs?.text).toContain("Versandkosten");
    expect(chunks.find((c) => c.text.includes("Lieferadresse"))?.titlePath).toBe("Versand & Lieferung › Häufige Fragen");
  });
});

describe("parseFile: HTML", () => {
  it("parses an uploaded .html file without a URL", async () => {
    const doc = await parseFile({ bytes: bytesOf(PAGE), filename: "versand.html" });
    expect(doc.url).toBeUndefined();
    expect(doc.blocks[0]).toEqual({ kind: "paragraph", text: PARAGRAPH });
  });
});
