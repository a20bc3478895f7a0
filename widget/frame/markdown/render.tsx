/** @jsxImportSource preact */
/**
 * Turns the Markdown tree into VNodes. Text only ever becomes text nodes and hrefs come
 * from safeUrl(), so an answer cannot inject markup, scripts, images or `javascript:`.
 */
import type { ComponentChildren, VNode } from "preact";
import type { TCitation } from "../../../lib/widget/protocol";
import { safeUrl } from "../../shared/url";
import { parseMarkdown, type TBlock, type TInline } from "./parse";

export const EXTERNAL_LINK = { target: "_blank", rel: "noopener noreferrer nofollow" } as const;

export type TMarkdownContext = {
  citations: TCitation[];
  /** While streaming, `[n]` is shown as a plain superscript until the citations arrive. */
  streaming: boolean;
  sourceLabel: (n: number) => string;
};

function renderCitation(n: number, key: number, context: TMarkdownContext): VNode | string {
  const citation = context.citations.find((item) => item.n === n);
  if (!citation && !context.streaming) return `[${n}]`;
  const href = citation ? safeUrl(citation.url, ["http:", "https:"]) : null;
  return (
    <sup key={key} class="cw-cite">
      {href ? (
        <a href={href} {...EXTERNAL_LINK} aria-label={context.sourceLabel(n)} title={citation?.title}>
          {n}
        </a>
      ) : (
        n
      )}
    </sup>
  );
}

function renderInline(nodes: TInline[], context: TMarkdownContext): ComponentChildren[] {
  return nodes.map((node, key) => {
    switch (node.type) {
      case "text":
        return node.text;
      case "break":
        return <br key={key} />;
      case "code":
        return <code key={key}>{node.text}</code>;
      case "strong":
        return <strong key={key}>{renderInline(node.children, context)}</strong>;
      case "em":
        return <em key={key}>{renderInline(node.children, context)}</em>;
      case "link":
        return (
          <a key={key} href={node.href} {...EXTERNAL_LINK}>
            {renderInline(node.children, context)}
          </a>
        );
      case "citation":
        return renderCitation(node.n, key, context);
    }
  });
}

function renderListItem(blocks: TBlock[], key: number, context: TMarkdownContext): VNode {
  const [only] = blocks;
  // A tight item (one paragraph) renders without a <p> so lists stay compact.
  const content = blocks.length === 1 && only?.type === "paragraph" ? renderInline(only.children, context) : renderBlocks(blocks, context);
  return <li key={key}>{content}</li>;
}

export function renderBlocks(blocks: TBlock[], context: TMarkdownContext): VNode[] {
  return blocks.map((block, key) => {
    switch (block.type) {
      case "paragraph":
        return <p key={key}>{renderInline(block.children, context)}</p>;
      case "heading":
        return (
          <p key={key}>
            <strong>{renderInline(block.children, context)}</strong>
          </p>
        );
      case "code":
        return (
          <pre key={key}>
            <code>{block.text}</code>
          </pre>
        );
      case "list": {
        const items = block.items.map((item, index) => renderListItem(item, index, context));
        return block.ordered ? (
          <ol key={key} start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={key}>{items}</ul>
        );
      }
    }
  });
}

export function renderMarkdown(text: string, context: TMarkdownContext): VNode[] {
  return renderBlocks(parseMarkdown(text), context);
}
