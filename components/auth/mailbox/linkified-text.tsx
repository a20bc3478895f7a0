import type { ReactNode } from "react";

const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/g;
const TRAILING = /[.,;:!?)\]}'"»“”]+$/;

/** Splits plain text into strings and http(s) URLs; only those two ever become links. */
export function splitLinks(text: string): ({ text: string } | { url: string })[] {
  const parts: ({ text: string } | { url: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING, "");
    const start = match.index;
    if (!isHttpUrl(url)) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * Plain text with whitespace preserved and URLs as links. Text stays text: React escapes
 * every piece, and no HTML from the email is ever rendered.
 */
export function LinkifiedText({ text }: { text: string }) {
  const nodes: ReactNode[] = splitLinks(text).map((part, i) =>
    "url" in part ? (
      <a key={i} href={part.url} rel="noreferrer" className="break-all font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
        {part.url}
      </a>
    ) : (
      part.text
    ),
  );
  return <pre className="font-sans text-sm leading-6 whitespace-pre-wrap break-words text-slate-800">{nodes}</pre>;
}
