import { getDocumentProxy } from "unpdf";
import { detectLanguage } from "../chunk/detect-language";
import type { TBlock, TDocumentLanguage, TParsedDocument } from "../chunk/types";
import { FileParseError } from "./errors";
import { baseName, capBlocks, checkDeadline, normalizeSpace, type TParseLimits, withDeadline } from "./limits";

type TPdf = Awaited<ReturnType<typeof getDocumentProxy>>;
type TLine = { text: string; y: number; size: number };
type THeadingLevel = 2 | 3 | 4 | 5 | 6;

/** A line at least this much larger than the body text is a heading. */
const HEADING_RATIO = 1.15;
const MAX_HEADING_CHARS = 150;
/** A vertical gap over this many font sizes between lines starts a new paragraph. */
const PARAGRAPH_GAP = 1.7;
const EDGE_LINES = 2;
const BULLET = /^(?:[•▪◦●○■□–\-*]|\d{1,3}[.)])\s+(.*)$/;
const PAGE_NUMBER = /^(?:(?:seite|page|s\.|p\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:von|of|\/)\s*\d{1,4})?$/i;

/**
 * PDF → blocks, page by page. Text items are grouped into lines (by baseline), lines into
 * paragraphs (by vertical gap) and list items (by bullet); lines clearly larger than the body
 * text become headings (levels 2–6 by size). Each page of a multi-page PDF starts with a
 * level-1 "Seite N"/"Page N" heading and re-opens the headings still in force, so a chunk's
 * title path reads "Handbuch › Seite 3 › Rückgabe". Lines repeated at the top or bottom of
 * most pages (running headers, footers, page numbers) are dropped.
 */
export async function parsePdf(bytes: Uint8Array, filename: string, limits: TParseLimits): Promise<TParsedDocument> {
  let pdf: TPdf | undefined;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    pdf = await withDeadline(getDocumentProxy(bytes.slice(), { verbosity: 0, isEvalSupported: false, stopAtErrors: false }), limits);
    const doc = pdf;
    return await withDeadline(readDocument(doc, filename, limits), limits, () => void doc.destroy());
  } catch (error) {
    throw pdfError(error);
  } finally {
    void pdf?.destroy().catch(() => {});
  }
}

function pdfError(error: unknown): FileParseError {
  if (error instanceof FileParseError) return error;
  const name = error instanceof Error ? error.name : "";
  if (name === "PasswordException") return new FileParseError("encrypted", "The PDF is password-protected", { cause: error });
  return new FileParseError("damaged", "The file is damaged or not a valid PDF", { cause: error });
}

async function readDocument(pdf: TPdf, filename: string, limits: TParseLimits): Promise<TParsedDocument> {
  const pages: TLine[][] = [];
  let chars = 0;
  for (let n = 1; n <= pdf.numPages && chars < limits.maxChars; n++) {
    checkDeadline(limits);
    const page = await pdf.getPage(n);
    const lines = toLines((await page.getTextContent()).items);
    page.cleanup();
    pages.push(lines);
    chars += lines.reduce((sum, l) => sum + l.text.length, 0);
  }
  if (chars === 0) throw new FileParseError("no_text", "No text found (scanned PDF without text layer?)");

  const cleaned = dropRunningLines(pages, bodySize(pages.flat()));
  const allLines = cleaned.flat();
  const language = detectLanguage(allLines.map((l) => l.text).join(" "));
  const blocks = capBlocks(toBlocks(cleaned, language), limits.maxChars);
  if (blocks.length === 0) throw new FileParseError("no_text", "No text found (scanned PDF without text layer?)");
  const title = (await metadataTitle(pdf)) || firstHeading(blocks) || baseName(filename);
  return { title, language, blocks };
}

type TTextItem = { str: string; transform: number[]; width: number; hasEOL: boolean };

function toLines(items: unknown[]): TLine[] {
  const lines: TLine[] = [];
  let current: (TLine & { end: number }) | undefined;
  const close = () => {
    if (current) {
      const text = normalizeSpace(current.text);
      if (text) lines.push({ text, y: current.y, size: current.size });
    }
    current = undefined;
  };
  for (const raw of items) {
    if (!raw || typeof raw !== "object" || !("str" in raw)) continue;
    const item = raw as TTextItem;
    const [a = 0, b = 0, , , x = 0, y = 0] = item.transform;
    const size = Math.hypot(a, b) || 1;
    if (item.str) {
      if (current && Math.abs(current.y - y) > Math.max(2, 0.4 * Math.max(size, current.size))) close();
      if (!current) current = { text: item.str, y, size, end: x + item.width };
      else {
        const gap = x - current.end;
        const space = gap > 0.15 * size && !/\s$/.test(current.text) && !/^\s/.test(item.str) ? " " : "";
        current.text += space + item.str;
        current.size = Math.max(current.size, size);
        current.end = x + item.width;
      }
    }
    if (item.hasEOL) close();
  }
  close();
  return lines;
}

/**
 * Running headers/footers: lines at a page edge whose text (digits ignored) recurs on most
 * pages. Headline-sized lines are kept: "Kapitel 3" opening every page is content.
 */
function dropRunningLines(pages: TLine[][], body: number): TLine[][] {
  const key = (line: TLine) => line.text.toLowerCase().replace(/\d+/g, "#");
  const edges = (lines: TLine[]) => new Set([...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)].filter((l) => !isHeading(l, body)));
  const counts = new Map<string, number>();
  if (pages.length >= 3) {
    for (const lines of pages) for (const k of new Set([...edges(lines)].map(key))) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const threshold = Math.max(3, Math.ceil(pages.length * 0.6));
  return pages.map((lines) => {
    const edge = edges(lines);
    return lines.filter((line) => !(edge.has(line) && ((counts.get(key(line)) ?? 0) >= threshold || PAGE_NUMBER.test(line.text))));
  });
}

function toBlocks(pages: TLine[][], language: TDocumentLanguage): TBlock[] {
  const body = bodySize(pages.flat());
  const headingSizes = [...new Set(pages.flat().filter((l) => isHeading(l, body)).map((l) => Math.round(l.size)))].sort((x, y) => y - x);
  const levelOf = (line: TLine) => Math.min(6, 2 + headingSizes.indexOf(Math.round(line.size))) as THeadingLevel;
  const pageLabel = language === "german" ? "Seite" : "Page";
  const blocks: TBlock[] = [];
  let open: { level: THeadingLevel; text: string }[] = [];

  pages.forEach((lines, index) => {
    if (lines.length === 0) return;
    if (pages.length > 1) {
      blocks.push({ kind: "heading", level: 1, text: `${pageLabel} ${index + 1}` });
      // Re-open the headings still in force, unless the page itself starts with one at their level.
      const first = lines[0]!;
      const startsAt = isHeading(first, body) ? levelOf(first) : 7;
      for (const h of open) if (h.level < startsAt) blocks.push({ kind: "heading", ...h });
    }
    let paragraph: string[] = [];
    let list: string[] | undefined;
    const flush = () => {
      if (paragraph.length > 0) blocks.push({ kind: "paragraph", text: paragraph.join("").trim() });
      if (list && list.length > 0) blocks.push({ kind: "list", items: list });
      paragraph = [];
      list = undefined;
    };
    let previous: TLine | undefined;
    for (const line of lines) {
      const gap = previous ? previous.y - line.y : 0;
      const newBlock = !previous || gap > PARAGRAPH_GAP * Math.max(previous.size, line.size) || gap < -previous.size || Math.abs(previous.size - line.size) > 0.5;
      if (isHeading(line, body)) {
        const level = levelOf(line);
        const last = blocks[blocks.length - 1];
        // A heading wrapped over two lines: same size, directly below.
        if (!newBlock && paragraph.length === 0 && !list && last?.kind === "heading" && last.level === level && previous && isHeading(previous, body)) {
          last.text = `${last.text} ${line.text}`;
          open[open.length - 1] = { level, text: last.text };
        } else {
          flush();
          blocks.push({ kind: "heading", level, text: line.text });
          open = [...open.filter((h) => h.level < level), { level, text: line.text }];
        }
        previous = line;
        continue;
      }
      if (newBlock) flush();
      const bullet = BULLET.exec(line.text);
      if (bullet) {
        if (paragraph.length > 0) flush();
        list ??= [];
        list.push(bullet[1]!);
      } else if (list && !newBlock) {
        list[list.length - 1] = joinLine(list[list.length - 1]!, line.text);
      } else {
        if (list) flush();
        paragraph = paragraph.length === 0 ? [line.text] : [joinLine(paragraph.join(""), line.text)];
      }
      previous = line;
    }
    flush();
  });
  return blocks;
}

/** Joins a wrapped line, undoing end-of-line hyphenation ("Rück-" + "gabe"). */
function joinLine(text: string, next: string): string {
  if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(next) && !/^(und|oder|bzw|and|or)\b/.test(next)) return text.slice(0, -1) + next;
  return `${text} ${next}`;
}

/** The font size carrying the most characters. */
function bodySize(lines: TLine[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) weight.set(Math.round(l.size), (weight.get(Math.round(l.size)) ?? 0) + l.text.length);
  let best = 0;
  let bestWeight = -1;
  for (const [size, w] of weight) if (w > bestWeight) [best, bestWeight] = [size, w];
  return best || 10;
}

function isHeading(line: TLine, body: number): boolean {
  return line.size >= body * HEADING_RATIO && line.text.length <= MAX_HEADING_CHARS && /\p{L}/u.test(line.text);
}

function firstHeading(blocks: TBlock[]): string {
  const heading = blocks.find((b) => b.kind === "heading" && b.level > 1);
  return heading?.kind === "heading" ? heading.text : "";
}

async function metadataTitle(pdf: TPdf): Promise<string> {
  try {
    const { info } = await pdf.getMetadata();
    const raw = info && typeof info === "object" && "Title" in info ? (info as { Title?: unknown }).Title : undefined;
    const title = typeof raw === "string" ? normalizeSpace(raw.replace(/^Microsoft (Word|PowerPoint) - /i, "")) : "";
    return /^(untitled|unbenannt|document\d*|dokument\d*)?$/i.test(title) || /\.(docx?|pdf)$/i.test(title) ? "" : title;
  } catch {
    return "";
  }
}
