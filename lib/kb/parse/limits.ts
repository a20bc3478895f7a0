import { FileParseError } from "./errors";
import type { TBlock } from "../chunk/types";

/** Uploads over this size are refused before any parsing. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Extracted text beyond this is dropped: ~300 pages of dense prose, far more than a help document needs. */
export const MAX_TEXT_CHARS = 2_000_000;
/** Wall-clock budget for one file; parsers also check it between pages. */
export const DEFAULT_TIME_BUDGET_MS = 30_000;

export type TParseLimits = { maxChars: number; deadline: number };

export function makeLimits(opts: { maxChars?: number; timeoutMs?: number } = {}): TParseLimits {
  return { maxChars: opts.maxChars ?? MAX_TEXT_CHARS, deadline: Date.now() + (opts.timeoutMs ?? DEFAULT_TIME_BUDGET_MS) };
}

export function checkDeadline(limits: TParseLimits): void {
  if (Date.now() > limits.deadline) throw timeoutError();
}

export function timeoutError(): FileParseError {
  return new FileParseError("timeout", "The file took too long to read (it may be very large or unusually complex)");
}

/** Rejects when `work` outlives the deadline; `onTimeout` releases what it holds (a PDF document). */
export async function withDeadline<T>(work: Promise<T>, limits: TParseLimits, onTimeout?: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        onTimeout?.();
        reject(timeoutError());
      },
      Math.max(0, limits.deadline - Date.now()),
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function blockText(block: TBlock): string {
  switch (block.kind) {
    case "heading":
    case "paragraph":
      return block.text;
    case "list":
      return block.items.join(" ");
    case "table":
      return [...block.header, ...block.rows.flat()].join(" ");
    case "qa":
      return `${block.question} ${block.answer}`;
  }
}

/** Keeps whole blocks until `maxChars` of text; the block that crosses the cap is cut (paragraphs) or dropped. */
export function capBlocks(blocks: TBlock[], maxChars: number): TBlock[] {
  const out: TBlock[] = [];
  let used = 0;
  for (const block of blocks) {
    const size = blockText(block).length;
    if (used + size <= maxChars) {
      out.push(block);
      used += size;
      continue;
    }
    const room = maxChars - used;
    if (block.kind === "paragraph" && room > 200) out.push({ kind: "paragraph", text: block.text.slice(0, room) });
    if (block.kind === "table" && room > 200) out.push(capTable(block, room));
    break;
  }
  return out;
}

function capTable(table: Extract<TBlock, { kind: "table" }>, room: number): TBlock {
  const rows: string[][] = [];
  let used = table.header.join(" ").length;
  for (const row of table.rows) {
    used += row.join(" ").length + 1;
    if (used > room) break;
    rows.push(row);
  }
  return { kind: "table", header: table.header, rows };
}

export function blocksText(blocks: TBlock[]): string {
  return blocks.map(blockText).join("\n");
}

/** "Handbuch_2024.final.pdf" → "Handbuch_2024.final" */
export function baseName(filename: string): string {
  const name = filename.split(/[\\/]/).pop() ?? filename;
  const dot = name.lastIndexOf(".");
  return (dot > 0 ? name.slice(0, dot) : name).trim() || "Untitled";
}

export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00ad\u200b]+/g, (m) => (/^[\u00ad\u200b]+$/.test(m) ? "" : " ")).trim();
}

export function languageFromTag(tag: string | null | undefined): "german" | "english" | undefined {
  const code = tag?.trim().toLowerCase().slice(0, 2);
  if (code === "de") return "german";
  if (code === "en") return "english";
  return undefined;
}
