import { fileTypeFromBuffer } from "file-type";
import { FileParseError, UnsupportedFileError } from "./errors";

export const SUPPORTED_FILE_TYPES = ["pdf", "docx", "txt", "md", "html", "csv"] as const;
export type TSupportedFileType = (typeof SUPPORTED_FILE_TYPES)[number];

const EXTENSIONS: Record<string, TSupportedFileType> = {
  pdf: "pdf", docx: "docx", txt: "txt", text: "txt", md: "md", markdown: "md", mdown: "md", html: "html", htm: "html", xhtml: "html", csv: "csv",
};
const CONTENT_TYPES: Record<string, TSupportedFileType> = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "text/plain": "txt",
  "text/markdown": "md",
  "text/x-markdown": "md",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/csv": "csv",
  "application/csv": "csv",
};
const TEXT_TYPES = new Set<TSupportedFileType>(["txt", "md", "html", "csv"]);

export type TDetected = { type: "pdf" | "docx" } | { type: "txt" | "md" | "html" | "csv"; text: string };

/**
 * The real type of an upload. The bytes decide first: PDF and DOCX by their signatures
 * (file-type), anything else file-type recognises (an .exe, an .xlsx, an image) is refused
 * whatever its name. Unrecognised bytes must be text (no NUL bytes; UTF-8, else Windows-1252
 * as exported by older Excel) and then the extension or content type picks the text format.
 */
export async function detectFileType(bytes: Uint8Array, filename: string, contentType?: string): Promise<TDetected> {
  const claimed = claimedType(filename, contentType);
  const sniffed = await fileTypeFromBuffer(bytes).catch(() => undefined);
  if (sniffed) {
    if (sniffed.ext === "pdf") return { type: "pdf" };
    if (sniffed.ext === "docx") return { type: "docx" };
    // A DOCX that file-type could not place more precisely; the DOCX parser checks its parts.
    if (sniffed.ext === "zip" && claimed === "docx") return { type: "docx" };
    const markup = sniffed.ext === "xml" && (claimed === "html" || claimed === "md" || claimed === "txt");
    if (!markup) throw new UnsupportedFileError(`Files of type .${sniffed.ext} are not supported`, sniffed.ext);
  }
  const text = decodeText(bytes);
  if (text === undefined) {
    if (claimed === "pdf") throw new FileParseError("damaged", "The file is damaged or not a valid PDF");
    if (claimed === "docx") throw new FileParseError("damaged", "The DOCX file is damaged");
    throw new UnsupportedFileError("This file type is not supported");
  }
  if (claimed === "pdf") throw new FileParseError("damaged", "The file is damaged or not a valid PDF");
  if (claimed === "docx") throw new FileParseError("damaged", "The DOCX file is damaged");
  if (claimed && TEXT_TYPES.has(claimed)) return { type: claimed as "txt" | "md" | "html" | "csv", text };
  if (claimed === undefined && !hasExtension(filename)) return { type: looksLikeHtml(text) ? "html" : "txt", text };
  throw new UnsupportedFileError(`Files of type .${extension(filename) || "unknown"} are not supported`, extension(filename));
}

function claimedType(filename: string, contentType?: string): TSupportedFileType | undefined {
  const ext = extension(filename);
  if (ext) return EXTENSIONS[ext];
  const mime = contentType?.split(";")[0]?.trim().toLowerCase();
  return mime ? CONTENT_TYPES[mime] : undefined;
}

function extension(filename: string): string {
  const name = filename.split(/[\\/]/).pop() ?? "";
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

function hasExtension(filename: string): boolean {
  return extension(filename) !== "";
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html[\s>])/i.test(text);
}

/** Text or undefined for binary content: NUL bytes or many control characters mean binary. */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  const sample = text.slice(0, 10_000);
  const controls = sample.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (controls > Math.max(2, sample.length * 0.01)) return undefined;
  return text.replace(/^\uFEFF/, "");
}
