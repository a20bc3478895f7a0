import { describe, expect, it } from "vitest";
import { chunkDocument } from "@/lib/kb/chunk/chunk-document";
import { FileParseError, parseFile } from "@/lib/kb/parse/parse-file";
import { makePdf, type TPdfPage } from "../../../helpers/sample-files";

const RETURNS =
  "Du kannst Zubehör innerhalb von 30 Tagen zurückgeben. Die Ware muss unbenutzt sein und in der Originalverpackung zurückgeschickt werden, sonst können wir den Kaufpreis nicht erstatten.";
const PAGES: TPdfPage[] = [
  { heading: "Rückgabe", paragraphs: [RETURNS, "Hygieneartikel und Gutscheine sind vom Umtausch ausgeschlossen."], subheading: "Ausnahmen", bullets: ["Hygieneartikel", "Gutscheine"] },
  { heading: "Versand", paragraphs: ["Wir versenden mit DHL innerhalb von zwei Werktagen. Die Lieferung ist ab 50 Euro Bestellwert kostenlos."] },
  { paragraphs: ["Expressversand kostet 9,90 Euro und ist bis 12 Uhr für den nächsten Werktag möglich."] },
];

async function parsePdfBytes(bytes: Uint8Array, filename = "handbuch.pdf") {
  return parseFile({ bytes, filename, contentType: "application/pdf" });
}

function headingTexts(blocks: { kind: string; text?: string }[]) {
  return blocks.filter((b) => b.kind === "heading").map((b) => b.text);
}

describe("parseFile: PDF", () => {
  it("reads headings, paragraphs and lists in order, with page markers and without running headers/footers", async () => {
    const bytes = await makePdf(PAGES, { title: "Handbuch", header: "ACME GmbH – Kundenhandbuch", footer: true });
    const doc = await parsePdfBytes(bytes);
    expect(doc.title).toBe("Handbuch");
    expect(doc.language).toBe("german");
    expect(doc.blocks.slice(0, 3)).toEqual([
      { kind: "heading", level: 1, text: "Seite 1" },
      { kind: "heading", level: 2, text: "Rückgabe" },
      { kind: "paragraph", text: RETURNS },
    ]);
    expect(doc.blocks).toContainEqual({ kind: "heading", level: 3, text: "Ausnahmen" });
    expect(doc.blocks).toContainEqual({ kind: "list", items: ["Hygieneartikel", "Gutscheine"] });
    const texts = JSON.stringify(doc.blocks);
    expect(texts).not.toContain("Kundenhandbuch");
    expect(texts).not.toMatch(/Seite \d von 3/);
    const headings = headingTexts(doc.blocks);
    expect(headings.indexOf("Rückgabe")).toBeLessThan(headings.indexOf("Versand"));
    expect(headings.filter((h) => /^Seite \d$/.test(h ?? ""))).toEqual(["Seite 1", "Seite 2", "Seite 3"]);
  });

  it("keeps the heading in force across a page break, so chunks cite page and section", async () => {
    const doc = await parsePdfBytes(await makePdf(PAGES, { title: "Handbuch" }));
    const chunks = chunkDocument(doc);
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    const returns = chunks.find((c) => c.text.includes("30 Tagen"));
    expect(returns?.titlePath).toBe("Handbuch › Seite 1 › Rückgabe");
    const express = chunks.find((c) => c.text.includes("Expressversand"));
    expect(express?.titlePath).toMatch(/^Handbuch › Seite 3 › Versand/);
    for (const chunk of chunks) expect(chunk.tokenCount).toBeLessThanOrEqual(260);
    expect(chunks.map((c) => c.text).join(" ")).not.toContain("Seite 1 von");
  });

  it("uses the first heading as title when the PDF has no title metadata, and English page labels for English text", async () => {
    const doc = await parsePdfBytes(
      await makePdf([
        { heading: "Shipping policy", paragraphs: ["We ship all orders within two business days and you can track them with the link in your email."] },
        { paragraphs: ["Returns are free of charge for the first thirty days after delivery of your order."] },
      ]),
      "policy.pdf",
    );
    expect(doc.title).toBe("Shipping policy");
    expect(doc.language).toBe("english");
    expect(headingTexts(doc.blocks)).toContain("Page 2");
  });

  it("rejects a password-protected PDF with a readable reason", async () => {
    const bytes = await makePdf(PAGES, { userPassword: "geheim" });
    const error = await parsePdfBytes(bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileParseError);
    expect((error as FileParseError).code).toBe("encrypted");
    expect((error as FileParseError).message).toBe("The PDF is password-protected");
  });

  it("rejects a truncated PDF as damaged", async () => {
    const bytes = await makePdf(PAGES);
    const error = await parsePdfBytes(bytes.slice(0, Math.floor(bytes.length / 3))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileParseError);
    expect((error as FileParseError).message).toBe("The file is damaged or not a valid PDF");
  });

  it("reports a PDF without a text layer", async () => {
    const error = await parsePdfBytes(await makePdf([{ paragraphs: [] }])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileParseError);
    expect((error as FileParseError).message).toBe("No text found (scanned PDF without text layer?)");
  });

  it("does not detach the caller's buffer", async () => {
    const bytes = await makePdf(PAGES);
    await parsePdfBytes(bytes);
    expect(bytes.byteLength).toBeGreaterThan(0);
    await expect(parsePdfBytes(bytes)).resolves.toBeTruthy();
  });

  it("parses a 20-page PDF quickly", async () => {
    const pages: TPdfPage[] = Array.from({ length: 20 }, (_, i) => ({
      heading: `Kapitel ${i + 1}`,
      paragraphs: Array.from({ length: 4 }, (_, j) => `${RETURNS} Abschnitt ${i + 1}.${j + 1} beschreibt weitere Einzelheiten zum Ablauf.`),
    }));
    const bytes = await makePdf(pages, { title: "Großes Handbuch", header: "ACME GmbH", footer: true });
    const started = performance.now();
    const doc = await parsePdfBytes(bytes);
    const elapsed = performance.now() - started;
    console.info(`20-page PDF (${Math.round(bytes.length / 1024)} KB) parsed in ${Math.round(elapsed)} ms`);
    expect(headingTexts(doc.blocks).filter((h) => h?.startsWith("Kapitel"))).toHaveLength(20);
    expect(doc.blocks.filter((b) => b.kind === "paragraph")).toHaveLength(80);
    expect(elapsed).toBeLessThan(5_000);
  });
});
