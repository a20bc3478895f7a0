import { splitSentences } from "@/lib/kb/chunk/split-sentences";
import { contentTerms } from "./terms";

/** A sentence of a passage, exactly as written there (list markers included). */
export type TUnit = { text: string; line: number; listItem: boolean; terms: ReadonlySet<string> };

/**
 * A passage split into sentences. FAQ chunks ("Q: …\nA: …", see lib/kb/chunk) keep their
 * question apart: it says what the passage is about, the answer units say the answer.
 */
export type TPassageUnits = { faqQuestion: string | null; units: TUnit[] };

const FAQ = /^Q: (.+)\nA: ([\s\S]*)$/;
const LIST_ITEM = /^(?:[-*•] |\d+[.)] )/;

export function passageUnits(text: string): TPassageUnits {
  const faq = FAQ.exec(text.trim());
  const body = faq ? faq[2]! : text;
  const units: TUnit[] = [];
  body.split("\n").forEach((raw, line) => {
    const trimmed = raw.trim();
    if (!trimmed) return;
    const listItem = LIST_ITEM.test(trimmed);
    for (const sentence of splitSentences(trimmed)) {
      units.push({ text: sentence, line, listItem, terms: new Set(contentTerms(sentence)) });
    }
  });
  return { faqQuestion: faq ? faq[1]!.trim() : null, units };
}

/**
 * Selected units in source order: sentences of one source line stay on one line; different
 * lines (paragraphs, list items, table rows) keep their line breaks, which Markdown renders
 * as a space inside prose and as separate items in a list.
 */
export function renderUnits(units: TUnit[]): string {
  let out = "";
  let lastLine = -1;
  for (const unit of units) {
    if (out) out += unit.line === lastLine ? " " : "\n";
    out += clip(unit.text);
    lastLine = unit.line;
  }
  return out;
}

// Text without sentence punctuation (PDF extracts, long table rows) would otherwise be
// quoted whole.
const MAX_UNIT_CHARS = 400;

function clip(text: string): string {
  if (text.length <= MAX_UNIT_CHARS) return text;
  const cut = text.lastIndexOf(" ", MAX_UNIT_CHARS);
  return `${text.slice(0, cut > MAX_UNIT_CHARS / 2 ? cut : MAX_UNIT_CHARS).trimEnd()} …`;
}
