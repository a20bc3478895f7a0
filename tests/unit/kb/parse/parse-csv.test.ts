import { describe, expect, it } from "vitest";
import { chunkDocument } from "@/lib/kb/chunk/chunk-document";
import { detectDelimiter, parseCsv, readCsv } from "@/lib/kb/parse/parse-csv";
import { FileParseError, parseFile } from "@/lib/kb/parse/parse-file";
import { bytesOf } from "../../../helpers/sample-files";

describe("readCsv", () => {
  it("handles quoted fields with delimiters, newlines and doubled quotes", () => {
    const csv = 'name,beschreibung,preis\r\n"Kaffee, stark","Röstung ""Dunkel""\nmit Schokonote",9.90\nTee,,4.50\n';
    expect(readCsv(csv, ",")).toEqual([
      ["name", "beschreibung", "preis"],
      ["Kaffee, stark", 'Röstung "Dunkel"\nmit Schokonote', "9.90"],
      ["Tee", "", "4.50"],
    ]);
  });

  it("detects ; as delimiter when it splits the header best, ignoring commas in quotes", () => {
    expect(detectDelimiter('Artikel;Preis;"Hinweis, kurz"\nA;1,50;x')).toBe(";");
    expect(detectDelimiter("a,b,c\n1,2,3")).toBe(",");
    expect(detectDelimiter("a\tb\tc\n1\t2\t3")).toBe("\t");
  });
});

describe("parseFile: CSV", () => {
  it("turns header and rows into one table block; German Excel exports with ; and decimal commas", async () => {
    const csv = '\uFEFFArtikel;Preis;Hinweis\nKaffee;9,90 €;"enthält; Koffein"\nTee;4,50 €;\n\n';
    const doc = await parseFile({ bytes: bytesOf(csv), filename: "preise.csv" });
    expect(doc.title).toBe("preise");
    expect(doc.blocks).toEqual([{ kind: "table", header: ["Artikel", "Preis", "Hinweis"], rows: [["Kaffee", "9,90 €", "enthält; Koffein"], ["Tee", "4,50 €", ""]] }]);
    const chunks = chunkDocument(doc);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.map((c) => c.text).join("\n")).toContain("Kaffee");
  });

  it("reads Windows-1252 encoded exports", async () => {
    const latin1 = Uint8Array.from([..."Stadt;Öffnung\nMünchen;9 Uhr\n"].map((ch) => ch.charCodeAt(0)));
    const doc = await parseFile({ bytes: latin1, filename: "filialen.csv" });
    expect(doc.blocks).toEqual([{ kind: "table", header: ["Stadt", "Öffnung"], rows: [["München", "9 Uhr"]] }]);
  });

  it("rejects a CSV with only a header row", () => {
    expect(() => parseCsv("a,b,c\n")).toThrow(FileParseError);
  });
});
