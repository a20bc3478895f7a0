import { normalizeWhitespace } from "./estimate-tokens";
import { toUnit, type TUnit } from "./pack-units";
import { splitSentences } from "./split-sentences";
import type { TBlock } from "./types";

/** Paragraphs and list items as sentence units; each paragraph line and item starts a line. */
export function textUnits(block: TBlock): TUnit[] {
  if (block.kind === "paragraph") return lineUnits(normalizeWhitespace(block.text));
  if (block.kind === "list") return block.items.flatMap((item) => lineUnits(normalizeWhitespace(item), itemMarker(item)));
  if (block.kind === "table") return tableRowLines(block.header, block.rows).map((row) => toUnit(row, true));
  return [];
}

/**
 * Each row as "Header: value; Header: value" so a row retrieved on its own still says what
 * its values mean ("Code: E-42; Bedeutung: Feuchtigkeit im Steckverbinder").
 */
export function tableRowLines(header: string[], rows: string[][]): string[] {
  const names = header.map((h) => normalizeWhitespace(h).replace(/\n/g, " "));
  const lines: string[] = [];
  for (const row of rows) {
    const cells: string[] = [];
    row.forEach((raw, i) => {
      const value = normalizeWhitespace(raw).replace(/\n/g, " ");
      if (!value) return;
      const name = names[i];
      cells.push(name ? `${name}: ${value}` : value);
    });
    if (cells.length > 0) lines.push(cells.join("; "));
  }
  return lines;
}

/** Numbered steps keep their own number; other items get a dash. */
function itemMarker(item: string): string {
  return /^\s*\d+[.)]\s/.test(item) ? "" : "- ";
}

function lineUnits(text: string, prefix = ""): TUnit[] {
  const units: TUnit[] = [];
  for (const line of text.split("\n")) {
    splitSentences(line).forEach((sentence, i) => units.push(toUnit(i === 0 ? prefix + sentence : sentence, i === 0)));
  }
  return units;
}
