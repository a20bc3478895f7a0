import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { detectLanguage } from "../chunk/detect-language";
import type { TBlock, TParsedDocument } from "../chunk/types";
import { elementToBlocks, textOf } from "./html-blocks";
import { blocksText, capBlocks, languageFromTag, MAX_TEXT_CHARS, normalizeSpace } from "./limits";

/** Cookie banners, consent dialogs, newsletter boxes: removed before Readability looks for the content. */
const CHROME_PATTERN = /cookie|consent|newsletter|banner|gdpr|popup|modal|overlay/i;
const CHROME_SELECTOR = "nav, footer, aside, dialog, [role=navigation], [role=contentinfo], [role=dialog], [role=alertdialog], [aria-modal=true]";
const KEEP = new Set(["html", "body", "main", "article"]);

export type THtmlOptions = { url?: string; title?: string; maxChars?: number };

/**
 * A web page or an uploaded .html file → blocks of its main content. Page chrome (cookie
 * banners, navigation, footers) is stripped first, then Readability picks the article; when it
 * finds none (a short FAQ page), the stripped body is used. Title: Readability's (from
 * <title>), else the first h1, else `opts.title`. Shared with the website crawler.
 */
export function htmlToBlocks(html: string, opts: THtmlOptions = {}): TParsedDocument {
  const { document } = parseHTML(html.includes("<html") ? html : `<!doctype html><html><body>${html}</body></html>`);
  const doc = document as unknown as Document;
  const lang = languageFromTag(doc.documentElement?.getAttribute("lang"));
  const pageTitle = normalizeSpace(doc.querySelector("title")?.textContent ?? "");
  const firstH1 = doc.body ? doc.body.querySelector("h1") : null;
  const h1 = firstH1 ? textOf(firstH1) : "";

  stripChrome(doc);
  const fallbackBlocks = doc.body ? elementToBlocks(doc.body) : [];
  let blocks = fallbackBlocks;
  let readabilityTitle = "";
  try {
    const article = new Readability(doc.cloneNode(true) as Document, { charThreshold: 200, keepClasses: false }).parse();
    if (article?.content) {
      const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
      const articleBlocks = elementToBlocks((content as unknown as Document).body);
      readabilityTitle = normalizeSpace(article.title ?? "");
      // Readability sometimes keeps only one part of a short page: prefer it only when it holds most of the text.
      if (blocksText(articleBlocks).length >= 0.5 * blocksText(fallbackBlocks).length) blocks = articleBlocks;
      blocks = restoreHeadings(blocks, fallbackBlocks);
    }
  } catch {
    // Readability failed on odd markup: the stripped body is still usable.
  }

  const title = h1 || readabilityTitle || pageTitle || opts.title || "Untitled";
  blocks = dropTitleHeading(capBlocks(blocks, opts.maxChars ?? MAX_TEXT_CHARS), title);
  const language = lang ?? detectLanguage(blocksText(blocks));
  return { title, ...(opts.url ? { url: opts.url } : {}), language, blocks };
}

function stripChrome(doc: Document): void {
  for (const el of Array.from(doc.querySelectorAll(CHROME_SELECTOR))) el.remove();
  for (const el of Array.from(doc.querySelectorAll("[id], [class]"))) {
    const tag = el.tagName.toLowerCase();
    if (KEEP.has(tag) || !el.isConnected) continue;
    const marker = `${el.getAttribute("id") ?? ""} ${el.getAttribute("class") ?? ""}`;
    if (!CHROME_PATTERN.test(marker)) continue;
    if (el.querySelector("main, article, h1")) continue; // a wrapper around the content, not a banner
    el.remove();
  }
}

/** Readability turns h1 into h2 and may drop the first heading; keep the page's own levels where the text matches. */
function restoreHeadings(blocks: TBlock[], original: TBlock[]): TBlock[] {
  const levels = new Map<string, 1 | 2 | 3 | 4 | 5 | 6>();
  for (const b of original) if (b.kind === "heading" && !levels.has(b.text)) levels.set(b.text, b.level);
  return blocks.map((b) => (b.kind === "heading" && levels.has(b.text) ? { ...b, level: levels.get(b.text)! } : b));
}

/** A leading heading equal to the title adds nothing to the title path. */
function dropTitleHeading(blocks: TBlock[], title: string): TBlock[] {
  const first = blocks[0];
  if (first?.kind === "heading" && first.text.localeCompare(title, undefined, { sensitivity: "base" }) === 0) return blocks.slice(1);
  return blocks;
}
