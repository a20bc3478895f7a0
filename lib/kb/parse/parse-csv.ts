import { detectLanguage } from "../chunk/detect-language";
import type { TParsedDocument } from "../chunk/types";
import { FileParseError } from "./errors";
import { baseName, blocksText, capBlocks, MAX_TEXT_CHARS, normalizeSpace } from "./limits";

const DELIMITERS = [",", ";", "\t", "|"] as const;

/**
 * CSV → one table block: the first row is the header, every further row a record (the
 * chunker repeats the header names in each row's text). RFC 4180 quoting: quoted fields may
 * hold delimiters, newlines and doubled quotes. The delimiter (",", ";", tab or "|") is the
 * one that splits the header row into the most fields, as German Excel exports use ";".
 */
export function parseCsv(text: string, opts: { filename?: string; maxChars?: number } = {}): TParsedDocument {
  const source = text.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(source);
  const rows = readCsv(source, delimiter)
    .map((row) => row.map((cell) => normalizeSpace(cell)))
    .filter((row) => row.some(Boolean));
  const [header, ...records] = rows;
  if (!header || records.length === 0) throw new FileParseError("no_text", "The CSV file has no data rows");
  const width = Math.max(header.length, ...records.map((r) => r.length));
  const pad = (row: string[]) => [...row, ...Array<string>(width - row.length).fill("")];
  const headerCells = pad(header).map((cell, i) => cell || `Spalte ${i + 1}`);
  const blocks = capBlocks([{ kind: "table", header: headerCells, rows: records.map(pad) }], opts.maxChars ?? MAX_TEXT_CHARS);
  return { title: opts.filename ? baseName(opts.filename) : "Table", language: detectLanguage(blocksText(blocks)), blocks };
}

/** Counts each candidate outside quotes in the first record; ties go to ",". */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",";
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** RFC 4180 reader; tolerant of stray quotes inside unquoted fields and a missing final newline. */
export function readCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      row.push(field);
      field = "";
      fieldStarted = false;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      fieldStarted = false;
    } else {
      field += ch;
      if (ch !== " " && ch !== "\t") fieldStarted = true;
    }
  }
  if (field || fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
