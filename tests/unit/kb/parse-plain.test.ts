import { describe, expect, it } from "vitest";
import { chunkDocument } from "@/lib/kb/chunk/chunk-document";
import { parsePlainText, qaToDocument } from "@/lib/kb/chunk/parse-plain";

describe("parsePlainText", () => {
  it("splits paragraphs on blank lines and recognises label and all-caps headings and lists", () => {
    const doc = parsePlainText(
      [
        "RÜCKGABE UND UMTAUSCH",
        "Du kannst Zubehör innerhalb von 30 Tagen zurückgeben.",
        "Die Ware muss unbenutzt sein.",
        "",
        "Öffnungszeiten:",
        "Montag bis Freitag 9 bis 18 Uhr.",
        "",
        "Bitte beachte, dass wir Folgendes brauchen:",
        "- Bestellnummer",
        "- Foto des Artikels",
        "",
        "",
        "Danach melden wir uns.",
      ].join("\r\n"),
      { url: "https://shop.example/rueckgabe" },
    );
    expect(doc).toMatchObject({ title: "RÜCKGABE UND UMTAUSCH", url: "https://shop.example/rueckgabe", language: "german" });
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 2, text: "RÜCKGABE UND UMTAUSCH" },
      { kind: "paragraph", text: "Du kannst Zubehör innerhalb von 30 Tagen zurückgeben. Die Ware muss unbenutzt sein." },
      { kind: "heading", level: 2, text: "Öffnungszeiten" },
      { kind: "paragraph", text: "Montag bis Freitag 9 bis 18 Uhr." },
      { kind: "paragraph", text: "Bitte beachte, dass wir Folgendes brauchen:" },
      { kind: "list", items: ["Bestellnummer", "Foto des Artikels"] },
      { kind: "paragraph", text: "Danach melden wir uns." },
    ]);
  });

  it("prefers the title from meta and does not take abbreviations or sentences for headings", () => {
    const doc = parsePlainText("EU\n\nThe SEPA mandate is sent by email.", { title: "Payments" });
    expect(doc.title).toBe("Payments");
    expect(doc.blocks.every((b) => b.kind === "paragraph")).toBe(true);
    expect(parsePlainText("").blocks).toEqual([]);
    expect(parsePlainText("").title).toBe("Untitled");
  });
});

describe("qaToDocument", () => {
  it("turns each non-empty pair into one chunk", () => {
    const doc = qaToDocument(
      [
        { question: " How long is the warranty? ", answer: "Two years on all shop items." },
        { question: "Empty answer?", answer: "  " },
        { question: "Can I return a helmet?", answer: "Only if it was never worn." },
      ],
      { title: "Shop FAQ", url: "https://shop.example/faq" },
    );
    expect(doc).toMatchObject({ title: "Shop FAQ", url: "https://shop.example/faq" });
    const chunks = chunkDocument(doc);
    expect(chunks.map((c) => c.text)).toEqual([
      "Q: How long is the warranty?\nA: Two years on all shop items.",
      "Q: Can I return a helmet?\nA: Only if it was never worn.",
    ]);
    expect(chunks.map((c) => c.titlePath)).toEqual(["Shop FAQ", "Shop FAQ"]);
  });

  it("defaults the title", () => {
    expect(qaToDocument([]).title).toBe("FAQ");
  });
});
