import type { TSearchResult } from "@/lib/kb/search";
import { estimateTokens } from "./tokens";
import type { TCitation } from "./types";

/**
 * The retrieved passages as one delimited, numbered block. The delimiters use the
 * mathematical white square brackets ⟦ ⟧, which help-centre text practically never holds;
 * they are removed from every piece of untrusted text (see `neutraliseDelimiters`), so a
 * passage cannot close the block or open a fake passage, whatever else it contains.
 */
export const KNOWLEDGE_OPEN = "⟦knowledge⟧";
export const KNOWLEDGE_CLOSE = "⟦/knowledge⟧";

const DELIMITER_CHARS = /[⟦⟧]/g;
// Below this a truncated passage is mostly its header and not worth sending.
const MIN_TRUNCATED_TOKENS = 30;

/** Turns the delimiter characters into ordinary brackets. */
export function neutraliseDelimiters(text: string): string {
  return text.replace(DELIMITER_CHARS, (ch) => (ch === "⟦" ? "[" : "]"));
}

export type TKnowledgeBlock = { block: string; citations: TCitation[] };

/**
 * Passages in rank order while they fit `budgetTokens`; the first one that does not fit is
 * cut at a word boundary instead of being dropped, so a tight budget still gets the best
 * passage. Repeated chunks (same id) are sent once. `prepare` masks text for external LLMs.
 */
export function buildKnowledgeBlock(chunks: TSearchResult[], budgetTokens: number, prepare: (text: string) => string): TKnowledgeBlock {
  const parts: string[] = [];
  const citations: TCitation[] = [];
  const seen = new Set<string>();
  let remaining = budgetTokens - estimateTokens(`${KNOWLEDGE_OPEN}\n${KNOWLEDGE_CLOSE}`);
  for (const chunk of chunks) {
    if (seen.has(chunk.chunkId)) continue;
    seen.add(chunk.chunkId);
    const n = citations.length + 1;
    const header = passageHeader(n, chunk, prepare);
    const text = neutraliseDelimiters(prepare(chunk.text)).trim();
    if (!text) continue;
    const full = `${header}\n${text}`;
    const cost = estimateTokens(full) + 1; // + the line break that joins it to the block
    const fits = cost <= remaining;
    const passage = fits ? full : truncatedPassage(header, text, remaining - 1);
    if (!passage) break;
    parts.push(passage);
    citations.push({ n, chunkId: chunk.chunkId, sourceId: chunk.sourceId, title: chunk.title, url: chunk.url });
    if (!fits) break;
    remaining -= cost;
  }
  if (parts.length === 0) parts.push("(no passages found)");
  return { block: [KNOWLEDGE_OPEN, ...parts, KNOWLEDGE_CLOSE].join("\n"), citations };
}

function passageHeader(n: number, chunk: TSearchResult, prepare: (text: string) => string): string {
  const title = neutraliseDelimiters(prepare(chunk.title)).replace(/\s+/g, " ").trim();
  const url = chunk.url ? ` (${neutraliseDelimiters(chunk.url).replace(/\s+/g, "")})` : "";
  return `⟦${n}⟧ ${title || "Untitled"}${url}`;
}

/** The passage cut to the longest word-boundary prefix within `budget`; "" when too small. */
function truncatedPassage(header: string, text: string, budget: number): string {
  if (budget < MIN_TRUNCATED_TOKENS) return "";
  const words = text.split(/(\s+)/);
  let low = 0;
  let high = words.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (estimateTokens(`${header}\n${words.slice(0, mid).join("")} …`) <= budget) low = mid;
    else high = mid - 1;
  }
  const prefix = words.slice(0, low).join("").trimEnd();
  return prefix ? `${header}\n${prefix} …` : "";
}
