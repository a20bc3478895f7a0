import { estimateTokens } from "./estimate-tokens";

/** A sentence, list item or table row; `newLine` starts a new line (a new block or item). */
export type TUnit = { text: string; tokens: number; newLine: boolean };

/**
 * Packs units in order into pieces of at most `maxTokens`. Text that fits stays one piece,
 * with no overlap. Only when it has to be split does each further piece start with the last
 * sentences of the previous one (up to `overlapTokens`), so an answer cut at a piece boundary
 * still carries its lead-in. Pieces are balanced (a 300-token section becomes 2 × 150, not
 * 220 + 80), and a single unit longer than the cap is cut into word windows.
 */
export function packUnits(units: TUnit[], maxTokens: number, overlapTokens: number): string[] {
  const all = units.flatMap((u) => cutOversized(u, maxTokens));
  const total = all.reduce((sum, u) => sum + u.tokens, 0);
  if (total <= maxTokens) return all.length > 0 ? [renderUnits(all)] : [];
  // Sentences do not break exactly at the target, so plan with 15 % headroom below the cap.
  const pieceCount = Math.ceil((total - overlapTokens) / Math.max(1, (maxTokens - overlapTokens) * 0.85));
  const freshTarget = total / pieceCount;
  const pieces: string[] = [];
  let current: TUnit[] = [];
  let currentTokens = 0;
  let freshTokens = 0;
  let remaining = total;
  for (const unit of all) {
    const overCap = currentTokens + unit.tokens > maxTokens;
    // A short remainder joins the current piece rather than becoming a stub of its own.
    const pastTarget = freshTokens + unit.tokens / 2 > freshTarget && remaining > freshTarget / 2;
    if (freshTokens > 0 && (overCap || pastTarget)) {
      pieces.push(renderUnits(current));
      current = overlapTail(current, Math.min(overlapTokens, maxTokens - unit.tokens));
      currentTokens = current.reduce((sum, u) => sum + u.tokens, 0);
      freshTokens = 0;
    }
    current.push(unit);
    currentTokens += unit.tokens;
    freshTokens += unit.tokens;
    remaining -= unit.tokens;
  }
  if (freshTokens > 0) pieces.push(renderUnits(current));
  return pieces;
}

function renderUnits(units: TUnit[]): string {
  return units.map((u, i) => (i === 0 ? u.text : `${u.newLine ? "\n" : " "}${u.text}`)).join("");
}

export function toUnit(text: string, newLine: boolean): TUnit {
  return { text, tokens: estimateTokens(text), newLine };
}

/** Whole sentences from the end of a piece; a sentence is never cut to fill the overlap. */
function overlapTail(units: TUnit[], budget: number): TUnit[] {
  const tail: TUnit[] = [];
  let tokens = 0;
  for (let i = units.length - 1; i >= 0; i--) {
    const unit = units[i]!;
    if (tokens + unit.tokens > budget) break;
    tail.unshift(unit);
    tokens += unit.tokens;
  }
  return tail;
}

function cutOversized(unit: TUnit, maxTokens: number): TUnit[] {
  if (unit.tokens <= maxTokens) return [unit];
  const words = unit.text.split(" ");
  const perPiece = Math.max(1, Math.floor(maxTokens / 1.3));
  const out: TUnit[] = [];
  for (let i = 0; i < words.length; i += perPiece) {
    out.push(toUnit(words.slice(i, i + perPiece).join(" "), i === 0 && unit.newLine));
  }
  return out;
}
