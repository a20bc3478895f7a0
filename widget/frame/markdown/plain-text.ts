import { parseMarkdown, type TBlock, type TInline } from "./parse";

function inlineText(nodes: TInline[]): string {
  return nodes
    .map((node) => {
      if (node.type === "text" || node.type === "code") return node.text;
      if (node.type === "break") return " ";
      if (node.type === "citation") return "";
      return inlineText(node.children);
    })
    .join("");
}

function blockTexts(blocks: TBlock[]): string[] {
  return blocks.flatMap((block) => {
    if (block.type === "code") return [block.text];
    if (block.type === "list") return block.items.flatMap(blockTexts);
    return [inlineText(block.children)];
  });
}

/** What a screen reader announces for an answer: the words, without Markdown syntax. */
export function markdownToPlainText(text: string): string {
  return blockTexts(parseMarkdown(text)).join(" ").replace(/\s+/g, " ").trim();
}
