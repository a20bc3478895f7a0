import { tableRowLines, textUnits } from "./block-units";
import { buildSections, type TSection } from "./build-sections";
import { estimateTokens } from "./estimate-tokens";
import { mergeSmallDrafts, type TDraft } from "./merge-small-drafts";
import { packUnits, toUnit, type TUnit } from "./pack-units";
import type { TBlock, TChunk, TChunkOptions, TParsedDocument } from "./types";

const DEFAULT_MAX_TOKENS = 220;
const DEFAULT_OVERLAP_TOKENS = 40;
const MIN_TOKENS = 25;
const TITLE_SEPARATOR = " › ";

/**
 * Cuts a document into passages that follow its structure (ARCHITECTURE 8):
 * - every heading starts a section; its paragraphs and lists are packed into one chunk;
 * - a question heading ("…?") with its answer, and every `qa` block, is one "Q: … A: …"
 *   chunk of its own: a FAQ entry is the ideal unit for retrieval and citation;
 * - tables become chunks of whole rows, each row repeating the header names;
 * - only text over `maxTokens` is split, at sentence boundaries, with `overlapTokens`;
 * - sections under ~25 tokens are merged with a neighbour under the same parent heading.
 */
export function chunkDocument(doc: TParsedDocument, opts: TChunkOptions = {}): TChunk[] {
  const maxTokens = Math.max(20, opts.maxTokens ?? DEFAULT_MAX_TOKENS);
  const overlapTokens = Math.min(Math.max(0, opts.overlapTokens ?? DEFAULT_OVERLAP_TOKENS), Math.floor(maxTokens / 2));
  const drafts = buildSections(doc).flatMap((section) => sectionDrafts(section, maxTokens, overlapTokens));
  return mergeSmallDrafts(drafts, MIN_TOKENS, maxTokens)
    .filter((draft) => draft.text.trim().length > 0)
    .map((draft, ordinal) => ({
      ordinal,
      text: draft.text,
      titlePath: draft.path.join(TITLE_SEPARATOR),
      ...(doc.url ? { url: doc.url } : {}),
      tokenCount: estimateTokens(draft.text),
    }));
}

function sectionDrafts(section: TSection, maxTokens: number, overlapTokens: number): TDraft[] {
  const { path } = section;
  const drafts: TDraft[] = [];
  if (section.isQuestion) {
    const question = path[path.length - 1]!;
    drafts.push(...qaDrafts(path, question, section.blocks.flatMap(textUnits), maxTokens, overlapTokens));
    for (const block of section.blocks) if (block.kind === "qa") drafts.push(...pairDrafts(path, block, maxTokens, overlapTokens));
    return drafts;
  }
  let run: TUnit[] = [];
  const flushRun = () => {
    for (const text of packUnits(run, maxTokens, overlapTokens)) drafts.push({ kind: "text", path, text });
    run = [];
  };
  for (const block of section.blocks) {
    if (block.kind === "paragraph" || block.kind === "list") {
      run.push(...textUnits(block));
      continue;
    }
    if (block.kind === "table") {
      const lead = takeLead(run);
      flushRun();
      drafts.push(...tableDrafts(path, block, lead, maxTokens));
      continue;
    }
    flushRun();
    drafts.push(...pairDrafts(path, block, maxTokens, overlapTokens));
  }
  flushRun();
  return drafts;
}

function pairDrafts(path: string[], pair: { question: string; answer: string }, maxTokens: number, overlapTokens: number): TDraft[] {
  return qaDrafts(path, pair.question, textUnits({ kind: "paragraph", text: pair.answer }), maxTokens, overlapTokens);
}

/** A long answer is split like any text, but every part repeats the question. */
function qaDrafts(path: string[], question: string, answer: TUnit[], maxTokens: number, overlapTokens: number): TDraft[] {
  const q = question.replace(/\s+/g, " ").trim();
  if (!q || answer.length === 0) return [];
  const prefix = `Q: ${q}\nA: `;
  const budget = Math.max(Math.ceil(maxTokens * 0.3), maxTokens - estimateTokens(prefix));
  return packUnits(answer, budget, overlapTokens).map((text) => ({ kind: "qa", path, text: prefix + text }));
}

/**
 * The sentence that introduces a table ("Mit Plus und Minus wählst du die Stufe:") belongs
 * with the rows it introduces, so it moves from the text before into the table chunks.
 */
function takeLead(run: TUnit[]): TUnit | undefined {
  const last = run[run.length - 1];
  if (!last || !last.text.endsWith(":") || last.tokens > 40) return undefined;
  run.pop();
  return last;
}

/** Rows are never cut or overlapped: each row line is self-contained already. */
function tableDrafts(path: string[], table: Extract<TBlock, { kind: "table" }>, lead: TUnit | undefined, maxTokens: number): TDraft[] {
  const rows = tableRowLines(table.header, table.rows).map((line) => toUnit(line, true));
  const budget = maxTokens - (lead?.tokens ?? 0);
  return packUnits(rows, budget, 0).map((text) => ({ kind: "table", path, text: lead ? `${lead.text}\n${text}` : text }));
}
