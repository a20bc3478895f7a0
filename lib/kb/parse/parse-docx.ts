import mammoth from "mammoth";
import { detectLanguage } from "../chunk/detect-language";
import type { TParsedDocument } from "../chunk/types";
import { FileParseError } from "./errors";
import { htmlStringToBlocks } from "./html-blocks";
import { baseName, blocksText, capBlocks, type TParseLimits, withDeadline } from "./limits";
import { readZipEntries } from "./zip-inspect";

/** Uncompressed size of the XML parts mammoth reads (images are never decompressed). */
export const MAX_DOCX_XML_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 5_000;
const MAX_RATIO = 200;

const damaged = (cause?: unknown) => new FileParseError("damaged", "The DOCX file is damaged", { cause });

/**
 * DOCX → HTML with mammoth (headings, lists and tables survive), then the shared HTML walker.
 * The ZIP directory is checked first so a decompression bomb never reaches mammoth; images
 * are skipped. Title: the first heading, else the file name.
 */
export async function parseDocx(bytes: Uint8Array, filename: string, limits: TParseLimits): Promise<TParsedDocument> {
  const entries = readZipEntries(bytes);
  if (!entries || !entries.some((e) => e.name === "word/document.xml")) throw damaged();
  const xml = entries.filter((e) => !e.name.startsWith("word/media/"));
  const xmlBytes = xml.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const compressed = xml.reduce((sum, e) => sum + e.compressedSize, 0);
  if (entries.length > MAX_ENTRIES || xmlBytes > MAX_DOCX_XML_BYTES || (xmlBytes > 10 * 1024 * 1024 && xmlBytes > compressed * MAX_RATIO)) {
    throw new FileParseError("too_complex", "The DOCX file is too large when unpacked");
  }

  let html: string;
  try {
    const result = await withDeadline(
      mammoth.convertToHtml(
        { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
        { convertImage: mammoth.images.imgElement(async () => ({ src: "" })), externalFileAccess: false, ignoreEmptyParagraphs: true },
      ),
      limits,
    );
    html = result.value;
  } catch (error) {
    if (error instanceof FileParseError) throw error;
    throw damaged(error);
  }
  const blocks = capBlocks(htmlStringToBlocks(html), limits.maxChars);
  const heading = blocks.find((b) => b.kind === "heading");
  const title = heading?.kind === "heading" ? heading.text : baseName(filename);
  return { title, language: detectLanguage(blocksText(blocks)), blocks };
}
