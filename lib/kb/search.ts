import pgvector from "pgvector";
import { z } from "zod";
import { db, Prisma } from "../db/client";
import { log } from "../log/logger";
import { embedderForBot, SUPPORTED_DIMENSIONS } from "./bot-embedder";
import { AppError } from "../errors/app-error";
import type { TWorkspaceContext } from "../workspaces/types";
import type { TEmbedder } from "./embed/embedder";
import { lexemeStats, selectLexemes } from "./lexeme-stats";

/**
 * Hybrid retrieval: full-text (German and English configurations, OR semantics)
 * and vector candidates (pgvector cosine over the per-dimension HNSW index), fused by
 * reciprocal rank. Both queries filter by workspace and bot inside the SQL.
 */
export const ZSearchInput = z.object({
  query: z.string().trim().min(1, "Required").max(1000, "At most 1,000 characters"),
  k: z.coerce.number().int().min(1).max(50).default(8),
});

export type TSearchMode = "hybrid" | "fulltext" | "vector";
export type TSearchResult = { chunkId: string; sourceId: string; documentId: string; title: string; url: string | null; text: string; score: number };

const CANDIDATES = 50;
const EF_SEARCH = 100;

/**
 * Fusion parameters (weighted reciprocal rank). Tuned with `npm run bench:retrieval -- --tune`
 * on the odd-numbered questions of the bench and checked on the even ones (decision 009).
 */
export const FUSION = { k: 1, fulltextWeight: 0.7, vectorWeight: 1 };

/** A candidate row; `score` is ts_rank_cd for full-text and cosine similarity for vectors. */
export type TCandidate = { id: string; source_id: string; document_id: string; title_path: string; url: string | null; text: string; score: number };

export async function searchBot(
  ctx: Pick<TWorkspaceContext, "workspaceId">,
  botId: string,
  raw: unknown,
  options: { mode?: TSearchMode; embedder?: TEmbedder } = {},
): Promise<TSearchResult[]> {
  const input = ZSearchInput.parse(raw);
  const lists = await searchCandidates(ctx, botId, input.query, options);
  return fuse(lists).slice(0, input.k);
}

/** Both candidate lists of a query (empty for the mode left out), best first. */
export async function searchCandidates(
  ctx: Pick<TWorkspaceContext, "workspaceId">,
  botId: string,
  query: string,
  options: { mode?: TSearchMode; embedder?: TEmbedder } = {},
): Promise<{ fulltext: TCandidate[]; vector: TCandidate[] }> {
  const mode = options.mode ?? "hybrid";
  // The one lookup that also proves the bot belongs to the caller's workspace.
  const bot = await db().bot.findFirst({
    where: { id: botId, workspaceId: ctx.workspaceId },
    select: { workspaceId: true, embeddingProvider: true, embeddingModel: true, embeddingDimensions: true },
  });
  if (!bot) throw new AppError("not_found", "Bot not found.");
  let embedder = options.embedder;
  if (!embedder && mode !== "fulltext") {
    try {
      embedder = await embedderForBot(bot);
    } catch (error) {
      // Without a usable embedding provider the search still answers from full-text.
      log.warn("No embedder for the bot; searching full-text only", { botId, error: String(error).slice(0, 200) });
    }
  }
  // One after the other: on the embedded database they would only queue behind each other,
  // and a slow full-text query must not starve the vector query's transaction.
  const fulltext = mode === "vector" ? [] : await fullTextCandidates(ctx.workspaceId, botId, query);
  const vector = mode === "fulltext" || !embedder ? [] : await vectorCandidates(ctx.workspaceId, botId, query, embedder);
  return { fulltext, vector };
}

/** Weighted reciprocal-rank fusion; ties keep the order of first appearance. */
export function fuse(lists: { fulltext: TCandidate[]; vector: TCandidate[] }, params = FUSION): TSearchResult[] {
  const scores = new Map<string, { row: TCandidate; score: number }>();
  const add = (list: TCandidate[], weight: number) =>
    list.forEach((row, rank) => {
      const entry = scores.get(row.id) ?? { row, score: 0 };
      entry.score += weight / (params.k + rank + 1);
      scores.set(row.id, entry);
    });
  add(lists.vector, params.vectorWeight);
  add(lists.fulltext, params.fulltextWeight);
  return [...scores.values()]
    .sort((a, b) => b.score - a.score)
    .map(({ row, score }) => ({
      chunkId: row.id, sourceId: row.source_id, documentId: row.document_id,
      title: row.title_path, url: row.url, text: row.text, score: Number(score.toFixed(6)),
    }));
}

async function fullTextCandidates(workspaceId: string, botId: string, query: string): Promise<TCandidate[]> {
  const lexemes = await queryLexemes(query);
  if (lexemes.length === 0) return [];
  const chosen = selectLexemes(lexemes, await lexemeStats());
  const tsquery = chosen.lexemes.map(quoteLexeme).join(chosen.mode === "or" ? " | " : " & ");
  // Ties break by document and position, never by random id.
  return db().$queryRaw<TCandidate[]>`
    SELECT c.id, c.source_id, c.document_id, c.title_path, c.url, c.text, ts_rank_cd(c.tsv, ${tsquery}::tsquery)::float8 AS score
    FROM chunks c
    WHERE c.workspace_id = ${workspaceId} AND c.bot_id = ${botId} AND c.tsv @@ ${tsquery}::tsquery
    ORDER BY score DESC, c.document_id, c.ordinal
    LIMIT ${CANDIDATES}`;
}

/**
 * The query's lexemes under the configuration of its language: the one whose stopword list
 * covers more of its words (German, English, or both when that is a tie). Under the other
 * language's configuration a German question yields junk lexemes ("ich", unstemmed
 * "abgeben") that match nothing yet crowd out real words when rare lexemes are preferred.
 */
export async function queryLexemes(query: string): Promise<string[]> {
  const [row] = await db().$queryRaw<{ german: string[]; english: string[]; german_stop: number; english_stop: number }[]>`
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
    LEFT JOIN LATERAL unnest(t.e_lex) AS el ON true`;
  if (!row) return [];
  if (row.german_stop > row.english_stop) return row.german;
  if (row.english_stop > row.german_stop) return row.english;
  return [...new Set([...row.german, ...row.english])];
}

/** A lexeme as a quoted tsquery operand: taken literally, no further normalisation. */
function quoteLexeme(lexeme: string) {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

async function vectorCandidates(workspaceId: string, botId: string, query: string, embedder: TEmbedder): Promise<TCandidate[]> {
  const dims = embedder.dimensions;
  if (!(SUPPORTED_DIMENSIONS as readonly number[]).includes(dims)) throw new Error(`No vector index for ${dims} dimensions`);
  const [vec] = await embedder.embed([query]);
  if (!vec || vec.every((x) => x === 0)) return [];
  const literal = pgvector.toSql(vec);
  // The cast's size must be part of the SQL text (a type modifier is no parameter); it is one
  // of SUPPORTED_DIMENSIONS, each with its own partial HNSW index.
  const type = Prisma.raw(`vector(${dims})`);
  // Iterative scans keep filtered HNSW queries from returning too few rows (ARCHITECTURE 5).
  // ef_search 100 instead of 40: at 100,000 chunks recall@10 against exact search rose from
  // 0.20 to 0.31 at about the same p95 (decision 011). "relaxed_order" may return rows
  // slightly out of order, so they are sorted by similarity here.
  const rows = await db().$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true), set_config('hnsw.ef_search', ${String(EF_SEARCH)}, true)`;
      return tx.$queryRaw<TCandidate[]>`
        SELECT c.id, c.source_id, c.document_id, c.title_path, c.url, c.text, 1 - (c.embedding::${type} <=> ${literal}::${type}) AS score
        FROM chunks c
        WHERE c.workspace_id = ${workspaceId} AND c.bot_id = ${botId} AND c.embedding_dims = ${dims} AND c.embedding IS NOT NULL
        ORDER BY c.embedding::${type} <=> ${literal}::${type}, c.document_id, c.ordinal
        LIMIT ${CANDIDATES}`;
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
  return rows.map((row, i) => ({ row, i })).sort((a, b) => b.row.score - a.row.score || a.i - b.i).map(({ row }) => row);
}
