import pgvector from "pgvector";
import { z } from "zod";
import { db, Prisma } from "../db/client";
import { log } from "../log/logger";
import { embedderForBot, SUPPORTED_DIMENSIONS } from "./bot-embedder";
import { AppError } from "../errors/app-error";
import type { TWorkspaceContext } from "../workspaces/types";
import type { TEmbedder } from "./embed/embedder";
import { lexemeStats, PRUNE_MIN_BOT_CHUNKS, selectLexemes } from "./lexeme-stats";

/**
 * Hybrid retrieval: full-text (German or English configuration by the question's language,
 * OR semantics) and vector candidates (pgvector cosine), fused by a weighted sum of
 * normalised scores (`fusionFor`: `FUSION`, or `FUSION_IDENTIFIER` when the query names a
 * code or number; decision 011). Every search is two statements:
 *
 * 1. the bot lookup, which also proves the bot belongs to the caller's workspace and returns
 *    the bot's chunk count (for full-text pruning) and the query's lexemes (`ts_debug`);
 * 2. one statement with both candidate lists (`UNION ALL` of two sub-selects), both
 *    filtered by workspace and bot inside the SQL. No interactive transaction: the HNSW
 *    settings are applied by `set_config(…, true)` inside that statement, before its HNSW
 *    scan starts, and end with the statement's own implicit transaction.
 *
 * Vector search follows the bot's `vector_search` mode (lib/kb/vector-index.ts): "exact" and
 * "building" compare every chunk of the bot (no `ann` predicate, so the partial HNSW indexes
 * cannot be used); "ann" adds `c.ann`, which the partial index `WHERE embedding_dims = N AND
 * ann` needs, and scans the HNSW graph.
 */
export const ZSearchInput = z.object({
  query: z.string().trim().min(1, "Required").max(1000, "At most 1,000 characters"),
  k: z.coerce.number().int().min(1).max(50).default(8),
});

export type TSearchMode = "hybrid" | "fulltext" | "vector";
export type TSearchResult = { chunkId: string; sourceId: string; documentId: string; title: string; url: string | null; text: string; score: number };

/** HNSW candidate-list size; 100 instead of the default 40 (decision 011: recall@10 against exact 0.20 → 0.31 at 100k). */
export const EF_SEARCH = 100;

export type TFusion =
  /** Weighted reciprocal rank: Σ weight / (k + rank). */
  | { method: "rrf"; k: number; fulltextWeight: number; vectorWeight: number; candidates: number }
  /** Weighted score sum; each list's scores are divided by its best candidate's score. */
  | { method: "score"; fulltextWeight: number; vectorWeight: number; candidates: number };

/**
 * Fusion parameters and candidates fetched per side (at least `k`), for a query that names an
 * identifier (a service code, an order or model number: `namesIdentifier`). Full-text is the
 * only side that tells near-duplicate pages apart by such a token, so it weighs more here:
 * chosen as the best of the variants that, on pages differing only in a service code, rank
 * the page the query names first (`npm run bench:retrieval -- --tune`; decision 011).
 */
export const FUSION_IDENTIFIER: TFusion = { method: "score", fulltextWeight: 0.55, vectorWeight: 0.45, candidates: 10 };

/**
 * Fusion for every other query: tuned with `npm run bench:retrieval -- --tune`
 * (scripts/bench/retrieval-tune.ts) over weighted RRF and weighted score fusion with 10–50
 * candidates per side, chosen on the odd-numbered bench questions and reported on the even
 * ones (decision 011, "Fusion choice").
 */
export const FUSION: TFusion = { method: "score", fulltextWeight: 0.35, vectorWeight: 0.65, candidates: 10 };

/** A token with both letters and digits ("E42", "quokka37", "RX-300"), or a number of 4+ digits. */
const IDENTIFIER = /(?:^|[^\p{L}\p{N}])(?=[\p{L}\p{N}-]*\p{N})(?=[\p{L}\p{N}-]*\p{L})[\p{L}\p{N}][\p{L}\p{N}-]+|\d{4,}/u;

export function namesIdentifier(query: string): boolean {
  return IDENTIFIER.test(query);
}

/** The fusion parameters for a query (FUSION_IDENTIFIER when it names an identifier). */
export function fusionFor(query: string): TFusion {
  return namesIdentifier(query) ? FUSION_IDENTIFIER : FUSION;
}

/**
 * A candidate row; `score` is ts_rank_cd for full-text and cosine similarity for vectors.
 * `cross` is the same chunk's score on the other side (similarity of a full-text candidate,
 * ts_rank_cd of a vector candidate; 0 when it does not match), null when that side is not
 * searched: fusion then knows both scores of every candidate.
 */
export type TCandidate = { id: string; source_id: string; document_id: string; title_path: string; url: string | null; text: string; score: number; cross?: number | null };
export type TCandidateLists = { fulltext: TCandidate[]; vector: TCandidate[] };

type TBotRow = {
  workspace_id: string;
  embedding_provider: string;
  embedding_model: string;
  embedding_dimensions: number;
  vector_search: string;
  chunks: number;
  german: string[];
  english: string[];
  german_stop: number;
  english_stop: number;
};

export async function searchBot(
  ctx: Pick<TWorkspaceContext, "workspaceId">,
  botId: string,
  raw: unknown,
  options: { mode?: TSearchMode; embedder?: TEmbedder } = {},
): Promise<TSearchResult[]> {
  const input = ZSearchInput.parse(raw);
  const lists = await searchCandidates(ctx, botId, input.query, { ...options, limit: input.k });
  const fusion = fusionFor(input.query);
  return fuse(lists, { ...fusion, candidates: Math.max(fusion.candidates, input.k) }).slice(0, input.k);
}

/**
 * Both candidate lists of a query (empty for the mode left out), best first; each holds
 * max(FUSION.candidates, limit) rows at most.
 */
export async function searchCandidates(
  ctx: Pick<TWorkspaceContext, "workspaceId">,
  botId: string,
  query: string,
  options: TSearchOptions = {},
): Promise<TCandidateLists> {
  const statement = await searchStatement(ctx, botId, query, options);
  const lists: TCandidateLists = { fulltext: [], vector: [] };
  if (!statement) return lists;
  const rows = await db().$queryRaw<(TCandidate & { list: "fulltext" | "vector" })[]>(statement);
  for (const { list, ...row } of rows) lists[list].push(row);
  // "relaxed_order" may return HNSW rows slightly out of order: sort them (stable) by similarity.
  lists.vector = lists.vector.map((row, i) => ({ row, i })).sort((a, b) => b.row.score - a.row.score || a.i - b.i).map(({ row }) => row);
  return lists;
}

export type TSearchOptions = { mode?: TSearchMode; embedder?: TEmbedder; limit?: number; candidates?: number };

/**
 * Everything before the candidates statement: statement 1 (bot, chunk count, lexemes), the
 * per-bot lexeme choice, the query's embedding. Returns statement 2 (null when there is
 * nothing to search); exported so the bench can EXPLAIN exactly what a search runs.
 */
export async function searchStatement(
  ctx: Pick<TWorkspaceContext, "workspaceId">,
  botId: string,
  query: string,
  options: TSearchOptions = {},
): Promise<Prisma.Sql | null> {
  const mode = options.mode ?? "hybrid";
  const limit = Math.max(options.candidates ?? FUSION.candidates, FUSION_IDENTIFIER.candidates, options.limit ?? 0);
  const bot = await lookUpBot(ctx.workspaceId, botId, mode === "vector" ? "" : query);

  let embedder = options.embedder;
  if (!embedder && mode !== "fulltext") {
    try {
      embedder = await embedderForBot({
        workspaceId: bot.workspace_id, embeddingProvider: bot.embedding_provider,
        embeddingModel: bot.embedding_model, embeddingDimensions: bot.embedding_dimensions,
      });
    } catch (error) {
      // Without a usable embedding provider the search still answers from full-text.
      log.warn("No embedder for the bot; searching full-text only", { botId, error: String(error).slice(0, 200) });
    }
  }

  let tsquery: string | null = null;
  if (mode !== "vector") {
    const lexemes = languageLexemes(bot);
    if (lexemes.length > 0) {
      // Pruning by the table-wide statistics only for large bots (decision 011, per-bot pruning).
      const stats = bot.chunks >= PRUNE_MIN_BOT_CHUNKS ? await lexemeStats() : null;
      const chosen = selectLexemes(lexemes, bot.chunks, stats);
      tsquery = chosen.lexemes.map(quoteLexeme).join(chosen.mode === "or" ? " | " : " & ");
    }
  }

  let vector: TCandidatesInput["vector"] = null;
  if (mode !== "fulltext" && embedder) {
    const dims = embedder.dimensions;
    if (!(SUPPORTED_DIMENSIONS as readonly number[]).includes(dims)) throw new Error(`No vector index for ${dims} dimensions`);
    const [vec] = await embedder.embed([query]);
    // "building" bots are still searched exactly: their chunks are not all in the graph yet.
    if (vec && vec.some((x) => x !== 0)) vector = { literal: pgvector.toSql(vec), dims, ann: bot.vector_search === "ann" };
  }

  return candidatesStatement({ workspaceId: ctx.workspaceId, botId, tsquery, vector, limit });
}

/**
 * Statement 1: the bot (only within the caller's workspace), its chunk count from its
 * sources' counters (a handful of rows; refreshed when a source finishes), and the query's
 * lexemes under the German and English configurations, with how many of its words each
 * configuration's stopword list covers.
 */
async function lookUpBot(workspaceId: string, botId: string, query: string): Promise<TBotRow> {
  const [bot] = await db().$queryRaw<TBotRow[]>`
    SELECT b.workspace_id, b.embedding_provider, b.embedding_model, b.embedding_dimensions, b.vector_search,
           (SELECT coalesce(sum(s.chunk_count), 0) FROM data_sources s WHERE s.workspace_id = b.workspace_id AND s.bot_id = b.id)::int AS chunks,
           l.german, l.english, l.german_stop, l.english_stop
    FROM bots b
    CROSS JOIN (
      SELECT coalesce(array_agg(DISTINCT gl) FILTER (WHERE gl IS NOT NULL), '{}') AS german,
             coalesce(array_agg(DISTINCT el) FILTER (WHERE el IS NOT NULL), '{}') AS english,
             count(DISTINCT n) FILTER (WHERE cardinality(g_lex) = 0)::int AS german_stop,
             count(DISTINCT n) FILTER (WHERE cardinality(e_lex) = 0)::int AS english_stop
      FROM (
        SELECT n, g.lexemes AS g_lex, e.lexemes AS e_lex
        FROM ts_debug('german', ${query}) WITH ORDINALITY AS g(alias, description, token, dictionaries, dictionary, lexemes, n)
        JOIN ts_debug('english', ${query}) WITH ORDINALITY AS e(alias, description, token, dictionaries, dictionary, lexemes, n) USING (n)
        WHERE g.lexemes IS NOT NULL
      ) t
      LEFT JOIN LATERAL unnest(t.g_lex) AS gl ON true
      LEFT JOIN LATERAL unnest(t.e_lex) AS el ON true
    ) l
    WHERE b.id = ${botId} AND b.workspace_id = ${workspaceId}`;
  if (!bot) throw new AppError("not_found", "Bot not found.");
  return bot;
}

/**
 * The query's lexemes under the configuration of its language: the one whose stopword list
 * covers more of its words (German, English, or both when that is a tie). Under the other
 * language's configuration a German question yields junk lexemes ("ich", unstemmed
 * "abgeben") that match nothing yet crowd out real words when rare lexemes are preferred.
 */
function languageLexemes(row: Pick<TBotRow, "german" | "english" | "german_stop" | "english_stop">): string[] {
  if (row.german_stop > row.english_stop) return row.german;
  if (row.english_stop > row.german_stop) return row.english;
  return [...new Set([...row.german, ...row.english])];
}

/** A lexeme as a quoted tsquery operand: taken literally, no further normalisation. */
function quoteLexeme(lexeme: string) {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

export type TCandidatesInput = {
  workspaceId: string;
  botId: string;
  /** null: no full-text part. */
  tsquery: string | null;
  /** null: no vector part. `ann`: search the bot's chunks through the HNSW index. */
  vector: { literal: string; dims: number; ann: boolean } | null;
  limit: number;
  /** HNSW settings applied inside the statement (tests override them to prove they take effect). */
  hnsw?: { efSearch: number; iterativeScan: "off" | "relaxed_order" | "strict_order" };
};

/**
 * Statement 2: both candidate lists in one statement, each row tagged with its list.
 *
 * Full-text: `tsv @@ query` with `bot_id` in the same GIN index (`chunks_bot_tsv_gin`),
 * ranked by ts_rank_cd; ties break by document and position, never by random id.
 *
 * Vector: ordered by cosine distance, ties by document and position. The vector type's size
 * and the dimension filter are literals (one of SUPPORTED_DIMENSIONS, checked by the caller):
 * a type modifier is no parameter, and the partial index predicate `embedding_dims = N AND
 * ann` is only provable from constants. In "ann" mode the HNSW settings are applied in the
 * same statement by an uncorrelated sub-select in the WHERE clause: Postgres evaluates it
 * once as an init plan of a one-time filter before it reads the first row of the index scan,
 * and pgvector reads the settings when that scan starts (tests/integration/kb/search-one-
 * statement.test.ts proves both settings take effect and end with the statement).
 * Iterative scans keep bot-filtered HNSW queries from returning too few rows (ARCHITECTURE 5).
 */
export function candidatesStatement(input: TCandidatesInput): Prisma.Sql | null {
  const { workspaceId, botId, tsquery, vector, limit } = input;
  const parts: Prisma.Sql[] = [];
  const type = vector ? Prisma.raw(`vector(${vector.dims})`) : Prisma.empty;
  const dims = vector ? Prisma.raw(String(vector.dims)) : Prisma.empty;
  if (vector && !(SUPPORTED_DIMENSIONS as readonly number[]).includes(vector.dims)) throw new Error(`No vector index for ${vector.dims} dimensions`);
  // Each side ranks in an inner select that carries only the sort keys; the outer select
  // fetches the `limit` winners by primary key and computes their cross score, so neither
  // the text nor the other side's score is computed for every matching row.
  if (tsquery) {
    // Chunks of another dimension (e.g. during a re-embedding) or without a vector count as 0.
    const similarity = vector
      ? Prisma.sql`coalesce(CASE WHEN c.embedding_dims = ${dims} THEN 1 - (c.embedding::${type} <=> ${vector.literal}::${type}) END, 0)::float8`
      : Prisma.sql`NULL::float8`;
    parts.push(Prisma.sql`(
      SELECT 'fulltext' AS list, c.id, c.source_id, c.document_id, c.title_path, c.url, c.text, f.score, ${similarity} AS cross
      FROM (
        SELECT c.id, c.document_id, c.ordinal, ts_rank_cd(c.tsv, ${tsquery}::tsquery)::float8 AS score
        FROM chunks c
        WHERE c.workspace_id = ${workspaceId} AND c.bot_id = ${botId} AND c.tsv @@ ${tsquery}::tsquery
        ORDER BY score DESC, c.document_id, c.ordinal
        LIMIT ${limit}
      ) f
      JOIN chunks c ON c.id = f.id
      ORDER BY f.score DESC, f.document_id, f.ordinal)`);
  }
  if (vector) {
    const rank = tsquery ? Prisma.sql`coalesce(ts_rank_cd(c.tsv, ${tsquery}::tsquery), 0)::float8` : Prisma.sql`NULL::float8`;
    const hnsw = input.hnsw ?? { efSearch: EF_SEARCH, iterativeScan: "relaxed_order" };
    const annFilter = vector.ann
      ? Prisma.sql`AND c.ann
          AND (SELECT set_config('hnsw.iterative_scan', ${hnsw.iterativeScan}, true) || set_config('hnsw.ef_search', ${String(hnsw.efSearch)}, true)) IS NOT NULL`
      : Prisma.empty;
    parts.push(Prisma.sql`(
      SELECT 'vector' AS list, c.id, c.source_id, c.document_id, c.title_path, c.url, c.text, (1 - v.distance)::float8 AS score, ${rank} AS cross
      FROM (
        SELECT c.id, c.document_id, c.ordinal, c.embedding::${type} <=> ${vector.literal}::${type} AS distance
        FROM chunks c
        WHERE c.workspace_id = ${workspaceId} AND c.bot_id = ${botId} AND c.embedding_dims = ${dims} AND c.embedding IS NOT NULL ${annFilter}
        ORDER BY distance, c.document_id, c.ordinal
        LIMIT ${limit}
      ) v
      JOIN chunks c ON c.id = v.id
      ORDER BY v.distance, v.document_id, v.ordinal)`);
  }
  if (parts.length === 0) return null;
  return Prisma.join(parts, "\nUNION ALL\n", "", "");
}

/**
 * Fuses the two candidate lists (each truncated to `params.candidates`).
 *
 * "score": over the union of both lists, w_ft · ft / best_ft + w_vec · vec / best_vec, where
 * best is the top score of that side's list and a chunk's score on a side is its list score,
 * or its `cross` score when it came only through the other list (0 when unknown; negative
 * similarities count as 0). Knowing both scores matters on near-duplicate pages that only an
 * identifier tells apart: the full-text match may be just outside the vector list, and
 * scoring it 0 there would sink it below pages that merely share the other words.
 *
 * "rrf": the weighted sum of weight / (k + rank) over the lists a chunk appears in.
 *
 * Ties keep the order of first appearance, vector list first.
 */
export function fuse(lists: TCandidateLists, params: TFusion = FUSION): TSearchResult[] {
  const vector = lists.vector.slice(0, params.candidates);
  const fulltext = lists.fulltext.slice(0, params.candidates);
  const entries = new Map<string, { row: TCandidate; vec: number; ft: number; score: number }>();
  const entry = (row: TCandidate) => {
    let e = entries.get(row.id);
    if (!e) entries.set(row.id, (e = { row, vec: 0, ft: 0, score: 0 }));
    return e;
  };
  if (params.method === "rrf") {
    vector.forEach((row, rank) => (entry(row).score += params.vectorWeight / (params.k + rank + 1)));
    fulltext.forEach((row, rank) => (entry(row).score += params.fulltextWeight / (params.k + rank + 1)));
  } else {
    const positive = (x: number | null | undefined) => Math.max(0, x ?? 0);
    for (const row of vector) {
      const e = entry(row);
      e.vec = positive(row.score);
      e.ft = Math.max(e.ft, positive(row.cross));
    }
    for (const row of fulltext) {
      const e = entry(row);
      e.ft = positive(row.score);
      e.vec = Math.max(e.vec, positive(row.cross));
    }
    const bestVec = Math.max(0, ...vector.map((r) => r.score));
    const bestFt = Math.max(0, ...fulltext.map((r) => r.score));
    for (const e of entries.values()) {
      e.score = (bestVec > 0 ? (params.vectorWeight * Math.min(e.vec, bestVec)) / bestVec : 0) + (bestFt > 0 ? (params.fulltextWeight * Math.min(e.ft, bestFt)) / bestFt : 0);
    }
  }
  return [...entries.values()]
    .sort((a, b) => b.score - a.score)
    .map(({ row, score }) => ({
      chunkId: row.id, sourceId: row.source_id, documentId: row.document_id,
      title: row.title_path, url: row.url, text: row.text, score: Number(score.toFixed(6)),
    }));
}
