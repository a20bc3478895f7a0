/**
 * Last line of defence on what the bot says, whatever the model (or a planted instruction
 * in a knowledge page) made of the prompt:
 * - an answer that repeats 8 or more consecutive words of our rules or the owner's
 *   instructions is a leak of the instructions and is replaced by the fallback;
 * - links are kept only to hosts the owner vouches for (allowed widget domains and their
 *   subdomains, the hosts of the bot's own knowledge sources, our own origin); any other
 *   link keeps its text and loses its target.
 */
import { domainMatches } from "../net/domain-match";

const WINDOW = 8;

const words = (text: string) => text.toLowerCase().normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? [];

/** Every run of WINDOW consecutive words of the secret texts (skipping texts shorter than that). */
export function secretShingles(secrets: string[]): Set<string> {
  const out = new Set<string>();
  for (const secret of secrets) {
    const w = words(secret);
    for (let i = 0; i + WINDOW <= w.length; i++) out.add(w.slice(i, i + WINDOW).join(" "));
  }
  return out;
}

export function leaksSecret(answer: string, shingles: Set<string>): boolean {
  if (shingles.size === 0) return false;
  const w = words(answer);
  for (let i = 0; i + WINDOW <= w.length; i++) if (shingles.has(w.slice(i, i + WINDOW).join(" "))) return true;
  return false;
}

/** A host is allowed when it is one of `allowed` or a subdomain of one. */
export function hostAllowed(host: string, allowed: Iterable<string>): boolean {
  return [...allowed].some((a) => domainMatches(host, `*.${a}`));
}

const MARKDOWN_LINK = /\[([^\]\n]{0,300})\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>()\]]+/gi;

/** Removes links to hosts outside `allowed`; returns the text and how many were removed. */
export function filterLinks(text: string, allowed: Iterable<string>, removedLabel: string): { text: string; removed: number } {
  const hosts = [...allowed];
  let removed = 0;
  const ok = (raw: string) => {
    if (/^(mailto|tel):/i.test(raw)) return true;
    try {
      const url = new URL(raw.startsWith("www.") ? `https://${raw}` : raw);
      return (url.protocol === "https:" || url.protocol === "http:") && hostAllowed(url.hostname, hosts);
    } catch {
      return false;
    }
  };
  const placeholders: string[] = [];
  let out = text.replace(MARKDOWN_LINK, (whole, label: string, target: string) => {
    if (ok(target)) {
      placeholders.push(whole);
      return `\u0000${placeholders.length - 1}\u0000`;
    }
    removed++;
    return label;
  });
  out = out.replace(BARE_URL, (url) => {
    const trimmed = url.replace(/[.,;:!?]+$/, "");
    if (ok(trimmed)) return url;
    removed++;
    return removedLabel + url.slice(trimmed.length);
  });
  out = out.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => placeholders[Number(i)]!);
  return { text: out, removed };
}
