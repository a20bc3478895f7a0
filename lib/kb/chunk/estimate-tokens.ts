/**
 * Model tokenizers differ per provider, and chunk sizes only need to be roughly right, so
 * tokens are estimated from words: German and English average about 1.3 tokens per word.
 */
export function estimateTokens(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return Math.ceil(words * 1.3);
}

/** Collapses runs of spaces and tabs inside each line, drops blank lines, trims. */
export function normalizeWhitespace(text: string): string {
  return text
    .split(/\n+/)
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line.length > 0)
    .join("\n");
}
