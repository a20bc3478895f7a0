import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { FileParseError, MAX_FILE_BYTES, parseFile, SUPPORTED_FILE_TYPES, UnsupportedFileError } from "@/lib/kb/parse/parse-file";
import { bytesOf, makePdf } from "../../../helpers/sample-files";

const fail = (input: Parameters<typeof parseFile>[0]) => parseFile(input).catch((e: unknown) => e);

describe("parseFile: type detection and limits", () => {
  it("lists the supported types and the size cap", () => {
    expect([...SUPPORTED_FILE_TYPES].sort()).toEqual(["csv", "docx", "html", "md", "pdf", "txt"]);
    expect(MAX_FILE_BYTES).toBe(20 * 1024 * 1024);
  });

  it("reads Markdown with the Markdown parser", async () => {
    const doc = await parseFile({ bytes: bytesOf("# Rückgabe\n\nDu kannst Ware innerhalb von 30 Tagen zurückgeben.\n\n- Quittung\n- Originalverpackung\n"), filename: "faq.md" });
    expect(doc.title).toBe("Rückgabe");
    expect(doc.language).toBe("german");
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 1, text: "Rückgabe" },
      { kind: "paragraph", text: "Du kannst Ware innerhalb von 30 Tagen zurückgeben." },
      { kind: "list", items: ["Quittung", "Originalverpackung"] },
    ]);
  });

  it("reads plain text with the plain-text parser; the file name is the title when there is no heading", async () => {
    const doc = await parseFile({ bytes: bytesOf("We are open Monday to Friday.\r\n\r\nCall us at any time if you have questions about your order."), filename: "hours.txt" });
    expect(doc.title).toBe("hours");
    expect(doc.blocks).toEqual([
      { kind: "paragraph", text: "We are open Monday to Friday." },
      { kind: "paragraph", text: "Call us at any time if you have questions about your order." },
    ]);
  });

  it("trusts the bytes over the name: a PDF named .txt is read as a PDF", async () => {
    const pdf = await makePdf([{ heading: "Preise", paragraphs: ["Der Grundpreis beträgt 10 Euro pro Monat."] }]);
    const doc = await parseFile({ bytes: pdf, filename: "preise.txt" });
    expect(doc.blocks).toContainEqual({ kind: "paragraph", text: "Der Grundpreis beträgt 10 Euro pro Monat." });
  });

  it("uses the content type when the name has no extension", async () => {
    const doc = await parseFile({ bytes: bytesOf("a;b\n1;2\n"), filename: "export", contentType: "text/csv; charset=utf-8" });
    expect(doc.blocks[0]).toEqual({ kind: "table", header: ["a", "b"], rows: [["1", "2"]] });
  });

  it("rejects an executable renamed to .pdf as unsupported", async () => {
    const exe = new Uint8Array(512);
    exe.set([0x4d, 0x5a, 0x90, 0x00, 0x03]);
    const error = await fail({ bytes: exe, filename: "rechnung.pdf", contentType: "application/pdf" });
    expect(error).toBeInstanceOf(UnsupportedFileError);
    expect((error as UnsupportedFileError).detectedType).toBe("exe");
  });

  it("rejects an .xlsx workbook as unsupported", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>');
    zip.file("xl/workbook.xml", "<workbook/>");
    const bytes = await zip.generateAsync({ type: "uint8array" });
    const error = await fail({ bytes, filename: "preise.xlsx" });
    expect(error).toBeInstanceOf(UnsupportedFileError);
  });

  it("rejects text with an unsupported extension and images whatever their name", async () => {
    expect(await fail({ bytes: bytesOf('{"a":1}'), filename: "data.json" })).toBeInstanceOf(UnsupportedFileError);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    expect(await fail({ bytes: png, filename: "scan.md" })).toBeInstanceOf(UnsupportedFileError);
  });

  it("rejects an empty file, a whitespace-only file and binary junk named .pdf with readable reasons", async () => {
    const empty = await fail({ bytes: new Uint8Array(0), filename: "leer.pdf" });
    expect(empty).toBeInstanceOf(FileParseError);
    expect((empty as FileParseError).code).toBe("empty");
    expect((empty as FileParseError).message).toMatch(/empty/);
    const blank = await fail({ bytes: bytesOf(" \n\n \n"), filename: "leer.txt" });
    expect(blank).toBeInstanceOf(FileParseError);
    expect((blank as FileParseError).message).toMatch(/empty/);
    const junk = await fail({ bytes: Uint8Array.from({ length: 300 }, (_, i) => (i * 31) % 256), filename: "kaputt.pdf" });
    expect(junk).toBeInstanceOf(FileParseError);
    expect((junk as FileParseError).message).toBe("The file is damaged or not a valid PDF");
  });

  it("refuses files over the size cap before parsing", async () => {
    const error = await fail({ bytes: new Uint8Array(MAX_FILE_BYTES + 1), filename: "big.txt" });
    expect((error as FileParseError).code).toBe("too_large");
  });

  it("caps extracted text", async () => {
    const text = Array.from({ length: 2000 }, (_, i) => `Absatz ${i} mit etwas Text, der sich wiederholt und wiederholt.`).join("\n\n");
    const doc = await parseFile({ bytes: bytesOf(text), filename: "lang.txt" }, { maxChars: 10_000 });
    const total = doc.blocks.reduce((sum, b) => sum + (b.kind === "paragraph" ? b.text.length : 0), 0);
    expect(total).toBeLessThanOrEqual(10_000);
    expect(total).toBeGreaterThan(9_000);
  });

  it("gives up on a file that exceeds its time budget", async () => {
    const pages = Array.from({ length: 40 }, (_, i) => ({ heading: `Teil ${i}`, paragraphs: ["Text auf der Seite mit einigen Worten."] }));
    const pdf = await makePdf(pages);
    const error = await parseFile({ bytes: pdf, filename: "langsam.pdf" }, { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileParseError);
    expect((error as FileParseError).code).toBe("timeout");
  });
});
