import { parseMarkdown } from "../chunk/parse-markdown";
import { parsePlainText } from "../chunk/parse-plain";
import type { TBlock, TParsedDocument } from "../chunk/types";
import { detectFileType } from "./detect-type";
import { FileParseError } from "./errors";
import { baseName, capBlocks, makeLimits, MAX_FILE_BYTES, MAX_TEXT_CHARS } from "./limits";
import { parseCsv } from "./parse-csv";
import { parseDocx } from "./parse-docx";
import { htmlToBlocks } from "./parse-html";
import { parsePdf } from "./parse-pdf";

export { SUPPORTED_FILE_TYPES, type TSupportedFileType } from "./detect-type";
export { FileParseError, UnsupportedFileError, type TFileParseErrorCode } from "./errors";
export { MAX_FILE_BYTES, MAX_TEXT_CHARS } from "./limits";

export type TParseFileInput = { bytes: Uint8Array; filename: string; contentType?: string };
export type TParseFileOptions = { timeoutMs?: number; maxChars?: number };

/**
 * An uploaded file → the neutral document the chunker reads (ARCHITECTURE 8). The real type
 * comes from the bytes (see detectFileType); an unsupported or disguised file throws
 * UnsupportedFileError (415), a supported one that cannot be read throws FileParseError
 * with a readable reason. Text is capped at MAX_TEXT_CHARS and each file has a time budget.
 */
export async function parseFile(input: TParseFileInput, options: TParseFileOptions = {}): Promise<TParsedDocument> {
  const { bytes, filename } = input;
  if (bytes.byteLength === 0) throw new FileParseError("empty", "The file is empty");
  if (bytes.byteLength > MAX_FILE_BYTES) throw new FileParseError("too_large", `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  const limits = makeLimits(options);
  const detected = await detectFileType(bytes, filename, input.contentType);
  const fallbackTitle = baseName(filename);

  let doc: TParsedDocument;
  switch (detected.type) {
    case "pdf":
      doc = await parsePdf(bytes, filename, limits);
      break;
    case "docx":
      doc = await parseDocx(bytes, filename, limits);
      break;
    case "html":
      doc = htmlToBlocks(detected.text, { title: fallbackTitle, maxChars: limits.maxChars });
      break;
    case "csv":
      doc = parseCsv(detected.text, { filename, maxChars: limits.maxChars });
      break;
    case "md":
      doc = fromText(parseMarkdown(capText(detected.text, limits.maxChars)), fallbackTitle, limits.maxChars);
      break;
    case "txt":
      doc = fromText(parsePlainText(capText(detected.text, limits.maxChars)), fallbackTitle, limits.maxChars);
      break;
  }
  if (!hasText(doc.blocks)) throw new FileParseError(detected.type === "pdf" ? "no_text" : "empty", detected.type === "pdf" ? "No text found (scanned PDF without text layer?)" : "The file is empty (no text found)");
  return doc;
}

function capText(text: string, maxChars = MAX_TEXT_CHARS): string {
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}

function fromText(doc: TParsedDocument, fallbackTitle: string, maxChars: number): TParsedDocument {
  return { ...doc, title: doc.title === "Untitled" ? fallbackTitle : doc.title, blocks: capBlocks(doc.blocks, maxChars) };
}

function hasText(blocks: TBlock[]): boolean {
  return blocks.some((b) => b.kind !== "heading");
}
