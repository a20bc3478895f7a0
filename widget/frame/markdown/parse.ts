/**
 * Block part of the safe Markdown subset: paragraphs, fenced code, lists (nested by
 * indentation) and headings (shown as bold paragraphs). The result is a plain tree that
 * render.tsx turns into VNodes; no HTML string is ever produced or parsed.
 */
import { parseInline, type TInline } from "./inline";

export type { TInline } from "./inline";

export type TBlock =
  | { type: "paragraph"; children: TInline[] }
  | { type: "heading"; children: TInline[] }
  | { type: "code"; text: string }
  | { type: "list"; ordered: boolean; start: number; items: TBlock[][] };

const MAX_LIST_DEPTH = 4;
const LIST_ITEM = /^( *)([-*+]|(\d{1,9})[.)])(?: +(.*))?$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6} +(.*?)(?: +#+)? *$/;
const RULE = /^ {0,3}([-*_])( *\1){2,} *$/;
const QUOTE = /^ {0,3}> ?(.*)$/;

const indentOf = (line: string) => line.length - line.trimStart().length;

export function parseMarkdown(source: string): TBlock[] {
  return parseBlocks(source.replace(/\r\n?/g, "\n").replace(/\t/g, "    ").split("\n"), 0);
}

function parseBlocks(lines: string[], depth: number): TBlock[] {
  const blocks: TBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: "paragraph", children: parseInline(paragraph.join("\n")) });
    paragraph = [];
  };
  let at = 0;
  while (at < lines.length) {
    const line = lines[at] as string;
    const fence = FENCE.exec(line);
    const heading = HEADING.exec(line);
    if (fence) {
      flush();
      const marker = fence[1] as string;
      const body: string[] = [];
      // An unclosed fence (mid-stream) runs to the end of the text.
      for (at++; at < lines.length && !(lines[at] as string).trimStart().startsWith(marker); at++) body.push(lines[at] as string);
      blocks.push({ type: "code", text: body.join("\n") });
      at++;
    } else if (line.trim() === "" || RULE.test(line)) {
      flush();
      at++;
    } else if (heading) {
      flush();
      blocks.push({ type: "heading", children: parseInline(heading[1] as string) });
      at++;
    } else if (LIST_ITEM.test(line) && depth < MAX_LIST_DEPTH) {
      flush();
      const list = parseList(lines, at, depth);
      blocks.push(list.block);
      at = list.end;
    } else {
      paragraph.push(QUOTE.exec(line)?.[1] ?? line.trim());
      at++;
    }
  }
  flush();
  return blocks;
}

function parseList(lines: string[], start: number, depth: number): { block: TBlock; end: number } {
  const first = LIST_ITEM.exec(lines[start] as string) as RegExpExecArray;
  const indent = (first[1] as string).length;
  const ordered = first[3] !== undefined;
  const contentIndent = indent + (first[2] as string).length + 1;
  const items: string[][] = [];
  let at = start;
  while (at < lines.length) {
    const line = lines[at] as string;
    const item = LIST_ITEM.exec(line);
    const current = items[items.length - 1];
    if (item && sameList(line, indent, ordered)) {
      items.push([item[4] ?? ""]);
    } else if (line.trim() === "") {
      let next = at + 1;
      while (next < lines.length && (lines[next] as string).trim() === "") next++;
      const following = lines[next];
      const continues = following !== undefined && (indentOf(following) >= contentIndent || sameList(following, indent, ordered));
      if (!continues) break;
      current?.push("");
    } else if (indentOf(line) > indent || (!item && lines[at - 1]?.trim())) {
      // Nested content, or a lazy continuation line of the item's paragraph.
      current?.push(line.slice(Math.min(indentOf(line), contentIndent)));
    } else {
      break;
    }
    at++;
  }
  return {
    block: { type: "list", ordered, start: ordered ? Number(first[3]) : 1, items: items.map((item) => parseBlocks(item, depth + 1)) },
    end: at,
  };
}

function sameList(line: string, indent: number, ordered: boolean): boolean {
  const item = LIST_ITEM.exec(line);
  return !!item && Math.abs((item[1] as string).length - indent) <= 1 && (item[3] !== undefined) === ordered;
}
