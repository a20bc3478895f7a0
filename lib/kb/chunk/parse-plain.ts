import { detectLanguage } from "./detect-language";
import type { TBlock, TParsedDocument } from "./types";

type TMeta = { title?: string; url?: string };

const LIST_ITEM = /^\s*(?:[-*•–]|\d{1,3}[.)])\s+(.*)$/;
const MAX_HEADING_WORDS = 6;

/**
 * Plain text as pasted into the dashboard: blocks are separated by blank lines; a short line
 * that ends with ":" or is written in capitals is taken as a heading ("Öffnungszeiten:",
 * "RÜCKGABE"), so chunks still follow the author's sections; lines starting with a bullet
 * or number form lists. Without a title in `meta`, the first heading is used.
 */
export function parsePlainText(text: string, meta: TMeta = {}): TParsedDocument {
  const blocks: TBlock[] = [];
  for (const chunk of text.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = chunk.split("\n").map((l) => l.trim()).filter(Boolean);
    let paragraph: string[] = [];
    let list: string[] = [];
    const flush = () => {
      if (paragraph.length > 0) blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
      if (list.length > 0) blocks.push({ kind: "list", items: list });
      paragraph = [];
      list = [];
    };
    lines.forEach((line) => {
      const item = LIST_ITEM.exec(line);
      if (item) {
        if (paragraph.length > 0) flush();
        list.push(item[1]!);
      } else if (isHeadingLine(line)) {
        flush();
        blocks.push({ kind: "heading", level: 2, text: line.replace(/:\s*$/, "") });
      } else {
        if (list.length > 0) flush();
        paragraph.push(line);
      }
    });
    flush();
  }
  const title = meta.title?.trim() || firstHeading(blocks) || "Untitled";
  return withMeta({ title, blocks }, meta, text);
}

/** Q&A pairs entered in the dashboard; empty pairs are skipped. */
export function qaToDocument(pairs: { question: string; answer: string }[], meta: TMeta = {}): TParsedDocument {
  const blocks: TBlock[] = pairs
    .map((p) => ({ question: p.question.trim(), answer: p.answer.trim() }))
    .filter((p) => p.question && p.answer)
    .map((p) => ({ kind: "qa", ...p }));
  const title = meta.title?.trim() || "FAQ";
  return withMeta({ title, blocks }, meta, pairs.map((p) => `${p.question} ${p.answer}`).join("\n"));
}

/**
 * Short label lines ("Öffnungszeiten:", "RÜCKGABE UND UMTAUSCH") are headings; a line with
 * sentence punctuation before its colon ("Bitte beachte, dass:") is prose. All-caps lines
 * need at least three letters ("EU" is an abbreviation, not a heading).
 */
function isHeadingLine(line: string): boolean {
  if (line.split(/\s+/).length > MAX_HEADING_WORDS) return false;
  if (line.endsWith(":")) return !/[.,;!?]/.test(line);
  const letters = line.replace(/[^\p{L}]/gu, "");
  return letters.length >= 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase() && !line.endsWith(".");
}

function firstHeading(blocks: TBlock[]): string {
  const heading = blocks.find((b) => b.kind === "heading");
  return heading?.kind === "heading" ? heading.text : "";
}

function withMeta(doc: { title: string; blocks: TBlock[] }, meta: TMeta, text: string): TParsedDocument {
  return { ...doc, ...(meta.url ? { url: meta.url } : {}), language: detectLanguage(text) };
}
