/**
 * Inline part of the safe Markdown subset: code spans, bold, italic, links, autolinks,
 * citations `[n]` and hard line breaks. Everything else, HTML included, stays text.
 */
import { LINK_PROTOCOLS, safeUrl } from "../../shared/url";

export type TInline =
  | { type: "text"; text: string }
  | { type: "strong"; children: TInline[] }
  | { type: "em"; children: TInline[] }
  | { type: "code"; text: string }
  | { type: "link"; href: string; children: TInline[] }
  | { type: "citation"; n: number }
  | { type: "break" };

const MAX_DEPTH = 12;
const ESCAPABLE = /[\\`*_{}[\]()#+\-.!<>|~]/;
const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Entities become characters of a text node, so `&lt;b&gt;` shows "<b>" and never markup. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] !== "#") return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
    const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : "\ufffd";
  });
}

const runLength = (text: string, at: number, char: string) => {
  let end = at;
  while (text[end] === char) end++;
  return end - at;
};
const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);
const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** Index where the closing delimiter of `size` starts, taking the end of a longer run. */
function findClose(text: string, from: number, char: string, size: number): number {
  let at = from;
  while (at < text.length) {
    if (text[at] === "\\") {
      at += 2;
      continue;
    }
    if (text[at] !== char) {
      at++;
      continue;
    }
    const run = runLength(text, at, char);
    const closes = at > from && !isSpace(text[at - 1]) && !(char === "_" && isWordChar(text[at + run]));
    if (closes && run >= size && !(size === 1 && run === 2)) return at + run - size;
    at += run;
  }
  return -1;
}

function matchEmphasis(text: string, at: number, depth: number): { node: TInline; end: number } | null {
  const char = text[at] as string;
  const run = runLength(text, at, char);
  if (isSpace(text[at + run]) || (char === "_" && isWordChar(text[at - 1]))) return null;
  const size = run >= 2 ? 2 : 1;
  const close = findClose(text, at + size, char, size);
  if (close < 0) return null;
  const children = parseInline(text.slice(at + size, close), depth + 1);
  return { node: { type: size === 2 ? "strong" : "em", children }, end: close + size };
}

function matchLink(text: string, at: number): { label: string; url: string; end: number } | null {
  let depth = 0;
  let close = at;
  for (; close < text.length; close++) {
    if (text[close] === "\\") close++;
    else if (text[close] === "[") depth++;
    else if (text[close] === "]" && --depth === 0) break;
  }
  if (close >= text.length || text[close + 1] !== "(") return null;
  let end = close + 2;
  for (let parens = 0; end < text.length; end++) {
    const char = text[end];
    if (char === "\n") return null;
    if (char === "(") parens++;
    else if (char === ")" && parens-- === 0) break;
  }
  if (end >= text.length) return null;
  const destination = /^<?([^\s>]*)>?/.exec(text.slice(close + 2, end).trim());
  return { label: text.slice(at + 1, close), url: destination?.[1] ?? "", end: end + 1 };
}

/** A bare http(s) URL, without trailing punctuation or an unbalanced closing parenthesis. */
function matchBareUrl(text: string, at: number): string | null {
  const match = /^https?:\/\/[^\s<>"'`]+/i.exec(text.slice(at, at + 2048));
  if (!match) return null;
  let url = match[0];
  for (;;) {
    const last = url[url.length - 1] as string;
    const unbalanced = last === ")" && url.split("(").length <= url.split(")").length - 1;
    if (!/[.,;:!?*_]/.test(last) && !unbalanced) return url;
    url = url.slice(0, -1);
  }
}

/** Literal text to append, or nodes to emit, and where the scan continues. */
type TMatch = { text: string; end: number } | { nodes: TInline[]; end: number };

function matchLinkLike(text: string, at: number, depth: number, inLink: boolean): TMatch | null {
  const char = text[at];
  const rest = text.slice(at, at + 64);
  if (char === "!" && text[at + 1] === "[") {
    // Images are never shown: their alt text stays as plain text.
    const image = matchLink(text, at + 1);
    return image && { text: image.label, end: image.end };
  }
  if (char === "[") {
    const citation = /^\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\](?!\()/.exec(rest);
    if (citation) {
      const nodes = (citation[1] as string).split(",").map((n): TInline => ({ type: "citation", n: Number(n.trim()) }));
      return { nodes, end: at + citation[0].length };
    }
    const link = inLink ? null : matchLink(text, at);
    if (!link) return null;
    const href = safeUrl(link.url, LINK_PROTOCOLS);
    const children = parseInline(link.label, depth + 1, true);
    return { nodes: href ? [{ type: "link", href, children }] : children, end: link.end };
  }
  if (inLink) return null;
  if (char === "<") {
    const raw = /^<([a-z][a-z\d+.-]{1,31}:[^\s<>]{0,2048})>/i.exec(text.slice(at, at + 2100))?.[1];
    if (!raw) return null;
    const href = safeUrl(raw, LINK_PROTOCOLS);
    const end = at + raw.length + 2;
    return href ? { nodes: [{ type: "link", href, children: [{ type: "text", text: raw }] }], end } : { text: `<${raw}>`, end };
  }
  if ((char === "h" || char === "H") && !isWordChar(text[at - 1])) {
    const url = matchBareUrl(text, at);
    const href = url && safeUrl(url, LINK_PROTOCOLS);
    return url && href ? { nodes: [{ type: "link", href, children: [{ type: "text", text: url }] }], end: at + url.length } : null;
  }
  return null;
}

function matchAt(text: string, at: number, depth: number, inLink: boolean): TMatch | null {
  const char = text[at] as string;
  if (char === "\\" && ESCAPABLE.test(text[at + 1] ?? "")) return { text: text[at + 1] as string, end: at + 2 };
  if (char === "\n") return { nodes: [{ type: "break" }], end: at + 1 };
  if (char === "`") {
    const run = runLength(text, at, "`");
    const close = text.indexOf("`".repeat(run), at + run);
    if (close < 0) return { text: "`".repeat(run), end: at + run };
    return { nodes: [{ type: "code", text: text.slice(at + run, close).replace(/\n/g, " ") }], end: close + run };
  }
  if (char === "*" || char === "_") {
    const emphasis = matchEmphasis(text, at, depth);
    if (emphasis) return { nodes: [emphasis.node], end: emphasis.end };
    const run = runLength(text, at, char);
    return { text: char.repeat(run), end: at + run };
  }
  return matchLinkLike(text, at, depth, inLink);
}

export function parseInline(text: string, depth = 0, inLink = false): TInline[] {
  if (depth > MAX_DEPTH) return [{ type: "text", text: decodeEntities(text) }];
  const nodes: TInline[] = [];
  let buffer = "";
  let at = 0;
  while (at < text.length) {
    const match = matchAt(text, at, depth, inLink);
    if (!match) {
      buffer += text[at];
      at++;
      continue;
    }
    if ("text" in match) buffer += match.text;
    else {
      // "kostenlos [1]." reads as a footnote: the citation sticks to its word.
      if (match.nodes[0]?.type === "citation") buffer = buffer.replace(/ +$/, "");
      if (buffer) nodes.push({ type: "text", text: decodeEntities(buffer) });
      buffer = "";
      nodes.push(...match.nodes);
    }
    at = match.end;
  }
  if (buffer) nodes.push({ type: "text", text: decodeEntities(buffer) });
  return nodes;
}
