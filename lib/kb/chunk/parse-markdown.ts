import { detectLanguage } from "./detect-language";
import { readFrontMatter } from "./read-front-matter";
import { stripInlineMarkdown } from "./strip-inline-markdown";
import type { TBlock, TDocumentLanguage, TParsedDocument } from "./types";

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^\s{0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const THEMATIC_BREAK = /^\s{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SETEXT_UNDERLINE = /^\s{0,3}(=+|-+)[ \t]*$/;
const LIST_ITEM = /^(\s*)([-*+•]|\d{1,9}[.)])[ \t]+(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/**
 * A small parser for the Markdown we ingest (help-centre exports, README-style docs): front
 * matter, ATX and setext headings, paragraphs, bullet and numbered lists, pipe tables,
 * block quotes and fenced code (kept as plain text). Not CommonMark: nesting is flattened
 * and inline markup is reduced to its text, which is all retrieval needs. Front matter
 * (title, url, lang) describes the page itself, so it wins over `meta`.
 */
export function parseMarkdown(markdown: string, meta: { title?: string; url?: string } = {}): TParsedDocument {
  const { fields, body } = readFrontMatter(markdown.replace(/\r\n?/g, "\n"));
  const blocks = parseBlocks(body.replace(/<!--[\s\S]*?-->/g, ""));
  const firstHeading = blocks.find((b) => b.kind === "heading");
  const title = fields.title || meta.title || (firstHeading?.kind === "heading" ? firstHeading.text : "") || "Untitled";
  const url = fields.url || meta.url;
  const language = languageFromTag(fields.lang ?? fields.language) ?? detectLanguage(blocksText(blocks));
  return { title, ...(url ? { url } : {}), language, blocks };
}

function parseBlocks(body: string): TBlock[] {
  const lines = body.split("\n").map((line) => line.replace(/^\s{0,3}>\s?/, ""));
  const blocks: TBlock[] = [];
  let paragraph: string[] = [];
  let list: string[] | undefined;
  let listOrdered = false; // switching between numbered and bullet items starts a new list
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: "paragraph", text: stripInlineMarkdown(paragraph.join(" ")) });
    if (list && list.length > 0) blocks.push({ kind: "list", items: list.map(stripInlineMarkdown) });
    paragraph = [];
    list = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const end = findFenceEnd(lines, i + 1, fence[1]!);
      const code = lines.slice(i + 1, end).join("\n").trim();
      if (code) blocks.push({ kind: "paragraph", text: code });
      i = end;
      continue;
    }
    if (!line.trim()) {
      if (list && !continuesList(lines, i)) flush();
      else if (!list) flush();
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      flush();
      const text = stripInlineMarkdown(heading[2] ?? "").trim();
      if (text) blocks.push({ kind: "heading", level: heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6, text });
      continue;
    }
    const underline = SETEXT_UNDERLINE.exec(line);
    if (underline && paragraph.length > 0 && !list) {
      const text = stripInlineMarkdown(paragraph.join(" ")).trim();
      paragraph = [];
      blocks.push({ kind: "heading", level: underline[1]!.startsWith("=") ? 1 : 2, text });
      continue;
    }
    if (THEMATIC_BREAK.test(line)) {
      flush();
      continue;
    }
    if (line.includes("|") && TABLE_SEPARATOR.test(lines[i + 1] ?? "") && lines[i + 1]!.includes("-")) {
      flush();
      i = readTable(lines, i, blocks);
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2]!);
      if (paragraph.length > 0 || !list || ordered !== listOrdered) flush();
      list ??= [];
      listOrdered = ordered;
      list.push(ordered ? `${item[2]!.replace(")", ".")} ${item[3]!}` : item[3]!);
      continue;
    }
    if (list && list.length > 0) list[list.length - 1] += ` ${line.trim()}`;
    else paragraph.push(line.trim());
  }
  flush();
  return blocks;
}

/** A blank line inside a list ends it unless an item or an indented continuation follows. */
function continuesList(lines: string[], blank: number): boolean {
  let next = blank + 1;
  while (next < lines.length && !lines[next]!.trim()) next++;
  const line = lines[next];
  return line !== undefined && (LIST_ITEM.test(line) || /^\s{2,}\S/.test(line));
}

function findFenceEnd(lines: string[], from: number, marker: string): number {
  for (let i = from; i < lines.length; i++) {
    const close = /^\s{0,3}(`{3,}|~{3,})\s*$/.exec(lines[i]!);
    if (close && close[1]![0] === marker[0] && close[1]!.length >= marker.length) return i;
  }
  return lines.length;
}

/** Reads a pipe table starting at `start` (header, separator, rows); returns its last line. */
function readTable(lines: string[], start: number, blocks: TBlock[]): number {
  const header = tableCells(lines[start]!);
  const rows: string[][] = [];
  let i = start + 2;
  for (; i < lines.length && lines[i]!.includes("|") && lines[i]!.trim(); i++) rows.push(tableCells(lines[i]!));
  blocks.push({ kind: "table", header, rows });
  return i - 1;
}

function tableCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
  return inner.split(/(?<!\\)\|/).map((cell) => stripInlineMarkdown(cell.trim().replace(/\\\|/g, "|")));
}

function languageFromTag(tag: string | undefined): TDocumentLanguage | undefined {
  const code = tag?.trim().toLowerCase().slice(0, 2);
  if (code === "de" || tag?.toLowerCase() === "german") return "german";
  if (code === "en" || tag?.toLowerCase() === "english") return "english";
  return undefined;
}

function blocksText(blocks: TBlock[]): string {
  return blocks
    .map((b) => (b.kind === "list" ? b.items.join(" ") : b.kind === "table" ? b.rows.flat().join(" ") : b.kind === "qa" ? `${b.question} ${b.answer}` : b.text))
    .join(" ");
}
