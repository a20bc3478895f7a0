import { db } from "../db/client";
import { log } from "../log/logger";

/**
 * How common each lexeme is in the chunk index, read from the statistics that ANALYZE keeps
 * for the tsvector column anyway (pg_stats.most_common_elems / most_common_elem_freqs:
 * the share of rows containing the lexeme). Full-text search of a large bot (≥ 20,000
 * chunks) uses it to drop lexemes that occur almost everywhere before it ORs the rest: such
 * lexemes add nothing to the ranking, and at 100,000 chunks they turned one search into a
 * ranking of most of the bot. The statistics are table-wide, so they are never applied to a
 * small bot: another tenant's big bot would otherwise make its words "common" and prune
 * them (decision 011).
 *
 * The embedded database has no autovacuum, so ingestion calls `analyzeChunksSoon()` when it
 * finishes a source; on an external server autovacuum refreshes the statistics as well.
 */
export type TLexemeStats = {
  /** Rows in the chunks table as of the last ANALYZE (pg_class.reltuples); 0 = never analysed. */
  rows: number;
  /** Share of rows containing each tracked lexeme. */
  freq: Map<string, number>;
  /** Lexemes not tracked are rarer than this share. */
  floor: number;
};

const CACHE_MS = 5 * 60_000;
const ANALYZE_DEBOUNCE_MS = 30_000;

type TState = { stats?: { value: TLexemeStats; at: number }; loading?: Promise<TLexemeStats>; analyzeTimer?: NodeJS.Timeout; analyzing?: Promise<void> };
const state: TState = ((globalThis as { __chatwerkLexemeStats?: TState }).__chatwerkLexemeStats ??= {});

export async function lexemeStats(): Promise<TLexemeStats> {
  if (state.stats && Date.now() - state.stats.at < CACHE_MS) return state.stats.value;
  state.loading ??= loadStats().finally(() => (state.loading = undefined));
  return state.loading;
}

async function loadStats(): Promise<TLexemeStats> {
  const rows = await db().$queryRaw<{ elems: string[] | null; freqs: number[] | null; reltuples: number }[]>`
    SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs::float8[] AS freqs, c.reltuples::float8 AS reltuples
    FROM pg_class c
    LEFT JOIN pg_stats s ON s.tablename = 'chunks' AND s.attname = 'tsv' AND s.schemaname = current_schema()
    WHERE c.relname = 'chunks' AND c.relnamespace = current_schema()::regnamespace`;
  const row = rows[0];
  const freq = new Map<string, number>();
  const elems = row?.elems ?? [];
  const freqs = row?.freqs ?? [];
  elems.forEach((lexeme, i) => freq.set(lexeme, freqs[i] ?? 0));
  // The element frequency array ends with min, max and the frequency of nulls (pg_stats docs).
  const floor = freqs.length >= 3 ? freqs[freqs.length - 3]! : 0;
  const value = { rows: Math.max(0, row?.reltuples ?? 0), freq, floor };
  state.stats = { value, at: Date.now() };
  return value;
}

/** Refresh the statistics shortly after ingestion finished (debounced; one at a time). */
export function analyzeChunksSoon() {
  if (state.analyzeTimer) return;
  state.analyzeTimer = setTimeout(() => {
    state.analyzeTimer = undefined;
    void analyzeChunksNow().catch((error) => log.warn("ANALYZE chunks failed", { error: String(error) }));
  }, ANALYZE_DEBOUNCE_MS);
  state.analyzeTimer.unref?.();
}

export async function analyzeChunksNow() {
  state.analyzing ??= (async () => {
    await db().$executeRawUnsafe("ANALYZE chunks");
    state.stats = undefined;
  })().finally(() => (state.analyzing = undefined));
  return state.analyzing;
}

/** Stop a pending ANALYZE and forget cached statistics (shutdown, switching databases). */
export function resetLexemeStats() {
  if (state.analyzeTimer) clearTimeout(state.analyzeTimer);
  state.analyzeTimer = undefined;
  state.stats = undefined;
}

/**
 * Bots with fewer chunks than this are never pruned: the bot-scoped GIN index
 * (`chunks_bot_tsv_gin` on (bot_id, tsv)) keeps their OR query inside their own few
 * thousand rows, however common the words are elsewhere in the table (decision 011).
 */
export const PRUNE_MIN_BOT_CHUNKS = 20_000;

/**
 * The query lexemes worth ORing for one bot. A bot under `minBotChunks` keeps every lexeme
 * (its OR query ranks at most its own rows). A larger bot keeps its rarest lexemes, as long
 * as together they are expected to match at most `budget` of the table: a lexeme's
 * table-wide share is an upper bound of its matches in one bot. Lexemes untracked by
 * ANALYZE count as `floor / 2`. Without statistics every lexeme is kept. When even the
 * rarest lexeme alone is over the budget, the answer is `{ mode: "and" }`: all lexemes must
 * match, which stays selective.
 */
export function selectLexemes(
  lexemes: string[],
  botChunks: number,
  stats: TLexemeStats | null,
  options = { budget: 0.03, minBotChunks: PRUNE_MIN_BOT_CHUNKS },
): { mode: "or" | "and"; lexemes: string[] } {
  const unique = [...new Set(lexemes)];
  if (botChunks < options.minBotChunks || !stats || stats.rows === 0 || stats.freq.size === 0) return { mode: "or", lexemes: unique };
  const share = (l: string) => stats.freq.get(l) ?? stats.floor / 2;
  const ranked = unique.map((l) => ({ l, s: share(l) })).sort((a, b) => a.s - b.s || a.l.localeCompare(b.l));
  const kept: string[] = [];
  let total = 0;
  for (const { l, s } of ranked) {
    if (total + s > options.budget) break;
    kept.push(l);
    total += s;
  }
  if (kept.length === 0) return { mode: "and", lexemes: unique };
  return { mode: "or", lexemes: kept };
}
