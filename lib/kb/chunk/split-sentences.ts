/** Words that end with a period without ending the sentence ("z. B.", "ca.", "e.g."). */
const ABBREVIATIONS = new Set([
  "a", "b", "d", "e", "g", "h", "i", "u", "z", "abs", "bzw", "ca", "dr", "etc", "evtl", "ggf", "inkl", "max",
  "min", "mr", "mrs", "ms", "nr", "st", "str", "tel", "usw", "vgl", "vs", "zzgl", "ff", "no", "approx", "incl",
]);

const BOUNDARY = /[.!?…]+["'“”»)\]]*\s+/g;
const SENTENCE_START = /^["'„“«(\[]?[\p{Lu}\p{N}]/u;

/**
 * Splits text into sentences; each line is split on its own (lines are list items or
 * paragraphs). A boundary needs end punctuation followed by a capital or a digit, and is
 * ignored after known abbreviations and after ordinals ("am 1. Januar").
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split("\n")) {
    let start = 0;
    for (const match of line.matchAll(BOUNDARY)) {
      const end = match.index + match[0].length;
      if (!isBoundary(line, match.index, match[0], end)) continue;
      pushTrimmed(sentences, line.slice(start, end));
      start = end;
    }
    pushTrimmed(sentences, line.slice(start));
  }
  return sentences;
}

function isBoundary(line: string, at: number, punctuation: string, next: number): boolean {
  if (!SENTENCE_START.test(line.slice(next, next + 2))) return false;
  if (!punctuation.startsWith(".")) return true;
  const word = /([\p{L}\p{N}]+)$/u.exec(line.slice(Math.max(0, at - 12), at))?.[1] ?? "";
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  return !/^\d{1,2}$/.test(word);
}

function pushTrimmed(into: string[], text: string): void {
  const trimmed = text.trim();
  if (trimmed) into.push(trimmed);
}
