import { normalizeWhitespace } from "./estimate-tokens";
import type { TBlock, TParsedDocument } from "./types";

/** The blocks under one heading, up to the next heading of any level. */
export type TSection = {
  /** Document title, then the enclosing headings, outermost first. */
  path: string[];
  /** The section's own heading ends with "?": its direct content is the answer. */
  isQuestion: boolean;
  blocks: Exclude<TBlock, { kind: "heading" }>[];
};

/**
 * Splits a document at its headings. An H1 that repeats the document title is not added to
 * the path (most pages start with one), so paths read "Title › H2 › H3".
 */
export function buildSections(doc: TParsedDocument): TSection[] {
  const title = oneLine(doc.title) || firstHeading(doc.blocks) || "Untitled";
  const stack: { level: number; text: string }[] = [];
  let current: TSection = { path: [title], isQuestion: false, blocks: [] };
  const sections = [current];
  for (const block of doc.blocks) {
    if (block.kind !== "heading") {
      current.blocks.push(block);
      continue;
    }
    const text = oneLine(block.text);
    while (stack.length > 0 && stack[stack.length - 1]!.level >= block.level) stack.pop();
    const repeatsTitle = block.level === 1 && stack.length === 0 && sameText(text, title);
    if (text && !repeatsTitle) stack.push({ level: block.level, text });
    current = { path: [title, ...stack.map((h) => h.text)], isQuestion: text.endsWith("?") && !repeatsTitle, blocks: [] };
    sections.push(current);
  }
  return sections.filter((s) => s.blocks.length > 0);
}

function firstHeading(blocks: TBlock[]): string {
  const heading = blocks.find((b) => b.kind === "heading" && oneLine(b.text));
  return heading?.kind === "heading" ? oneLine(heading.text) : "";
}

function oneLine(text: string): string {
  return normalizeWhitespace(text).replace(/\n/g, " ");
}

function sameText(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: "base" }) === 0;
}
