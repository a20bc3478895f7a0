import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { FileParseError, parseFile } from "@/lib/kb/parse/parse-file";
import { readZipEntries } from "@/lib/kb/parse/zip-inspect";
import { makeDocx } from "../../../helpers/sample-files";

describe("parseFile: DOCX", () => {
  it("keeps headings, paragraphs, lists and tables in order", async () => {
    const doc = await parseFile({ bytes: await makeDocx(), filename: "handbuch.docx" });
    expect(doc.title).toBe("Mitarbeiterhandbuch");
    expect(doc.language).toBe("german");
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 1, text: "Mitarbeiterhandbuch" },
      { kind: "paragraph", text: "Willkommen bei ACME. Dieses Handbuch erklärt die wichtigsten Abläufe für neue Kolleginnen und Kollegen." },
      { kind: "heading", level: 2, text: "Urlaub" },
      { kind: "paragraph", text: "Urlaub beantragst du mindestens zwei Wochen im Voraus im Personalportal." },
      { kind: "list", items: ["Formular im Portal öffnen", "Zeitraum eintragen", "Antrag absenden"] },
      { kind: "heading", level: 2, text: "Arbeitszeiten" },
      { kind: "table", header: ["Tag", "Beginn", "Ende"], rows: [["Montag", "8:00", "17:00"], ["Freitag", "8:00", "14:00"]] },
    ]);
  });

  it("rejects garbage named .docx as a damaged DOCX", async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251 || 1);
    const error = await parseFile({ bytes: garbage, filename: "bericht.docx" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileParseError);
    expect((error as FileParseError).message).toBe("The DOCX file is damaged");
  });

  it("rejects a ZIP without a Word document inside as damaged", async () => {
    const zip = new JSZip();
    zip.file("notes.txt", "hello");
    const bytes = await zip.generateAsync({ type: "uint8array" });
    const error = await parseFile({ bytes, filename: "notes.docx" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileParseError);
    expect((error as FileParseError).message).toBe("The DOCX file is damaged");
  });

  it("refuses a DOCX whose XML unpacks far beyond the cap, before decompressing it", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>');
    zip.file("word/document.xml", "<w:document>" + " ".repeat(70 * 1024 * 1024) + "</w:document>");
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    expect(bytes.length).toBeLessThan(1024 * 1024);
    expect(readZipEntries(bytes)?.find((e) => e.name === "word/document.xml")?.uncompressedSize).toBeGreaterThan(70 * 1024 * 1024);
    const error = await parseFile({ bytes, filename: "bomb.docx" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileParseError);
    expect((error as FileParseError).code).toBe("too_complex");
  });
});
