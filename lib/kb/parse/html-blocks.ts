import { parseHTML } from "linkedom";
import type { TBlock } from "../chunk/types";
import { normalizeSpace } from "./limits";

const ELEMENT = 1;
const TEXT = 3;

/** Never text for retrieval: code, media, form controls, page chrome. */
const SKIP = new Set([
  "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "head", "title", "meta", "link",
  "button", "select", "option", "input", "textarea", "form", "nav", "footer", "aside", "dialog", "img", "picture", "video", "audio", "map",
]);
/** Elements that are part of a line of text rather than a block of their own. */
const INLINE = new Set([
  "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd", "label", "mark",
  "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "big", "tt", "strike", "nobr",
]);
const HEADING = /^h([1-6])$/;

/** Parses an HTML string (a fragment or a full page) and walks its body into blocks. */
export function htmlStringToBlocks(html: string): TBlock[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return elementToBlocks((document as unknown as Document).body);
}

/**
 * Walks a DOM subtree into neutral blocks: h1–h6 → heading, p → paragraph, ul/ol → list,
 * table → table (first row as header), details/summary and dt/dd → qa; containers are
 * descended into, and loose inline text between blocks becomes a paragraph. Only text is
 * kept, never markup.
 */
export function elementToBlocks(root: Element): TBlock[] {
  const blocks: TBlock[] = [];
  walk(root, blocks);
  return blocks;
}

function walk(container: Element, blocks: TBlock[]): void {
  let inline: string[] = [];
  const flush = () => {
    const text = normalizeSpace(inline.join(""));
    if (text) blocks.push({ kind: "paragraph", text });
    inline = [];
  };
  for (const node of Array.from(container.childNodes)) {
    if (node.nodeType === TEXT) {
      inline.push(node.textContent ?? "");
      continue;
    }
    if (node.nodeType !== ELEMENT) continue;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if (SKIP.has(tag) || isHidden(el)) continue;
    if (INLINE.has(tag)) {
      inline.push(tag === "br" ? " " : textOf(el));
      continue;
    }
    flush();
    handleBlock(el, tag, blocks);
  }
  flush();
}

function handleBlock(el: Element, tag: string, blocks: TBlock[]): void {
  const heading = HEADING.exec(tag);
  if (heading) {
    const text = textOf(el);
    if (text) blocks.push({ kind: "heading", level: Number(heading[1]) as 1 | 2 | 3 | 4 | 5 | 6, text });
    return;
  }
  switch (tag) {
    case "p":
    case "pre":
    case "address":
    case "figcaption":
    case "caption": {
      if (hasBlockChild(el)) return walk(el, blocks);
      const text = textOf(el);
      if (text) blocks.push({ kind: "paragraph", text });
      return;
    }
    case "ul":
    case "ol":
    case "menu": {
      const items: string[] = [];
      collectItems(el, items);
      if (items.length > 0) blocks.push({ kind: "list", items });
      return;
    }
    case "table":
      return tableBlock(el, blocks);
    case "details":
      return detailsBlock(el, blocks);
    case "dl":
      return definitionList(el, blocks);
    case "hr":
      return;
    default:
      walk(el, blocks);
  }
}

/** Items of a list; a nested list's items follow their parent item, flattened. */
function collectItems(list: Element, items: string[]): void {
  for (const child of Array.from(list.children)) {
    const tag = child.tagName.toLowerCase();
    if (tag === "ul" || tag === "ol") {
      collectItems(child, items);
      continue;
    }
    if (SKIP.has(tag) || isHidden(child)) continue;
    const own = textOf(child, new Set(["ul", "ol"]));
    if (own) items.push(own);
    for (const nested of Array.from(child.querySelectorAll("ul, ol"))) {
      if (isDirectNested(nested, child)) collectItems(nested, items);
    }
  }
}

/** True when `nested` is a list inside `item` that is not inside another list within `item`. */
function isDirectNested(nested: Element, item: Element): boolean {
  let parent = nested.parentElement;
  while (parent && parent !== item) {
    const tag = parent.tagName.toLowerCase();
    if (tag === "ul" || tag === "ol") return false;
    parent = parent.parentElement;
  }
  return parent === item;
}

function tableBlock(table: Element, blocks: TBlock[]): void {
  const rows = Array.from(table.querySelectorAll("tr")).filter((tr) => tr.closest("table") === table);
  const cells = rows.map((tr) => Array.from(tr.children).filter((c) => /^t[hd]$/i.test(c.tagName)));
  const width = Math.max(0, ...cells.map((r) => r.length));
  // A one-row or one-column table is layout, not data: read its cells as content.
  if (rows.length < 2 || width < 2) {
    for (const row of cells) for (const cell of row) walk(cell, blocks);
    return;
  }
  const text = cells.map((row) => row.map((cell) => textOf(cell)));
  const nonEmpty = text.filter((row) => row.some(Boolean));
  if (nonEmpty.length === 0) return;
  const [header, ...body] = nonEmpty;
  const pad = (row: string[]) => (row.length < width ? [...row, ...Array<string>(width - row.length).fill("")] : row);
  blocks.push({ kind: "table", header: pad(header!), rows: body.map(pad) });
}

function detailsBlock(details: Element, blocks: TBlock[]): void {
  const summary = Array.from(details.children).find((c) => c.tagName.toLowerCase() === "summary");
  const question = summary ? textOf(summary) : "";
  const answer = textOf(details, new Set(["summary"]));
  if (question && answer) blocks.push({ kind: "qa", question, answer });
  else if (question || answer) blocks.push({ kind: "paragraph", text: question || answer });
}

function definitionList(dl: Element, blocks: TBlock[]): void {
  let question = "";
  let answers: string[] = [];
  const flush = () => {
    const answer = answers.join(" ").trim();
    if (question && answer) blocks.push({ kind: "qa", question, answer });
    else if (question || answer) blocks.push({ kind: "paragraph", text: question || answer });
    question = "";
    answers = [];
  };
  const entries = Array.from(dl.children).flatMap((c) => (c.tagName.toLowerCase() === "div" ? Array.from(c.children) : [c]));
  for (const entry of entries) {
    const tag = entry.tagName.toLowerCase();
    if (tag === "dt") {
      flush();
      question = textOf(entry);
    } else if (tag === "dd") {
      const text = textOf(entry);
      if (text) answers.push(text);
    }
  }
  flush();
}

/** The visible text of an element, whitespace collapsed; block children are separated by spaces. */
export function textOf(el: Element, exclude: Set<string> = new Set()): string {
  const parts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === TEXT) {
      parts.push(node.textContent ?? "");
      return;
    }
    if (node.nodeType !== ELEMENT) return;
    const child = node as Element;
    const tag = child.tagName.toLowerCase();
    if (tag === "br") {
      parts.push(" ");
      return;
    }
    if (SKIP.has(tag) || exclude.has(tag) || isHidden(child)) return;
    const block = !INLINE.has(tag);
    if (block) parts.push(" ");
    for (const grand of Array.from(child.childNodes)) visit(grand);
    if (block) parts.push(" ");
  };
  for (const node of Array.from(el.childNodes)) visit(node);
  return normalizeSpace(parts.join(""));
}

function hasBlockChild(el: Element): boolean {
  return Array.from(el.children).some((c) => {
    const tag = c.tagName.toLowerCase();
    return !INLINE.has(tag) && !SKIP.has(tag);
  });
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute("hidden") || el.getAttribute("aria-hidden") === "true") return true;
  const style = el.getAttribute("style") ?? "";
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}
