import pgvector from "pgvector";
import { z } from "zod";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { TWorkspaceContext } from "../workspaces/types";
import { offlineEmbedder, type TEmbedder } from "./embed/embedder";

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
const RRF_K = 60;

type TRow = { id: string; source_id: string; document_id: string; title_path: string; url: string | null; text: string };

export async function searchBot(
  ctx: Pick<TWorkspaceContext, "workspaceId">,
  botId: string,
  raw: unknown,
  options: { mode?: TSearchMode; embedder?: TEmbedder } = {},
): Promise<TSearchResult[]> {
  const input = ZSearchInput.parse(raw);
  const bot = await db().bot.findFirst({ where: { id: botId, workspaceId: ctx.workspaceId }, select: { id: true } });
  if (!bot) throw new AppError("not_found", "Bot not found.");
  const mode = options.mode ?? "hybrid";
  // One after the other: on the embedded database they would only queue behind each other,
  // and a slow full-text query must not starve the vector query's transaction.
  const text = mode === "vector" ? [] : await fullTextCandidates(ctx.workspaceId, bot.id, input.query);
  const vector = mode === "fulltext" ? [] : await vectorCandidates(ctx.workspaceId, bot.id, input.query, options.embedder ?? offlineEmbedder());
  return fuse([text, vector]).slice(0, input.k);
}

function fuse(lists: TRow[][]): TSearchResult[] {
  const scores = new Map<string, { row: TRow; score: number }>();
  for (const list of lists) {
    list.forEach((row, rank) => {
      const entry = scores.get(row.id) ?? { row, score: 0 };
      entry.score += 1 / (RRF_K + rank + 1);
      scores.set(row.id, entry);
    });
  }
  return [...scores.values()]
    .sort((a, b) => b.score - a.score)
    .map(({ row, score }) => ({
      chunkId: row.id, sourceId: row.source_id, documentId: row.document_id,
      title: row.title_path, url: row.url, text: row.text, score: Number(score.toFixed(6)),
    }));
}

async function fullTextCandidates(workspaceId: string, botId: string, query: string): Promise<TRow[]> {
  // plainto_tsquery gives AND semantics; visitors' questions need OR, so the operators are
  // swapped. Only the German and English configurations: "simple" keeps every stopword and
  // made nearly every chunk match. Ties break by document and position, never by random id.
  return db().$queryRaw<TRow[]>`
    WITH q AS (
      SELECT (
        coalesce(nullif(replace(plainto_tsquery('german', ${query})::text, '&', '|'), ''), '''''')::tsquery
        || coalesce(nullif(replace(plainto_tsquery('english', ${query})::text, '&', '|'), ''), '''''')::tsquery
      ) AS query
    )
    SELECT c.id, c.source_id, c.document_id, c.title_path, c.url, c.text
    FROM chunks c, q
    WHERE c.workspace_id = ${workspaceId} AND c.bot_id = ${botId} AND c.tsv @@ q.query
    ORDER BY ts_rank_cd(c.tsv, q.query) DESC, c.document_id, c.ordinal
    LIMIT ${CANDIDATES}`;
}

async function vectorCandidates(workspaceId: string, botId: string, query: string, embedder: TEmbedder): Promise<TRow[]> {
  const [vec] = await embedder.embed([query]);
  if (!vec || vec.every((x) => x === 0)) return [];
  const literal = pgvector.toSql(vec);
  if (embedder.dimensions !== 384) throw new Error(`No vector index for ${embedder.dimensions} dimensions yet`);
  // Iterative scans keep filtered HNSW queries from returning too few rows (ARCHITECTURE 5).
  return db().$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true)`;
    return tx.$queryRaw<TRow[]>`
      SELECT c.id, c.source_id, c.document_id, c.title_path, c.url, c.text
      FROM chunks c
      WHERE c.workspace_id = ${workspaceId} AND c.bot_id = ${botId} AND c.embedding_dims = 384 AND c.embedding IS NOT NULL
      ORDER BY c.embedding::vector(384) <=> ${literal}::vector(384), c.document_id, c.ordinal
      LIMIT ${CANDIDATES}`;
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
}
