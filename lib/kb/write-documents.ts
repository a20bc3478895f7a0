import { randomBytes, randomUUID } from "node:crypto";
import pgvector from "pgvector";
import { db } from "../db/client";
import type { TChunk, TParsedDocument } from "./chunk/types";

export type TDocumentToWrite = {
  key: string;
  doc: TParsedDocument;
  contentHash: string;
  chunks: TChunk[];
  /** One per chunk, in order. */
  vectors: number[][];
};

let sequence = 0;

/**
 * Document ids in creation order, like the cuid() Prisma gives rows it creates: search breaks
 * score ties by document id, so ties resolve the same way run after run (random ids made the
 * bench's recall drift by a few tenths of a point between runs).
 */
function documentId(): string {
  sequence = (sequence + 1) % 36 ** 4;
  return `d${Date.now().toString(36).padStart(9, "0")}${sequence.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}

/**
 * Writes documents with their chunks (text, title path, vector; the tsvector comes from the
 * chunks_tsv trigger) in ONE statement, so one round trip and one short implicit
 * transaction per batch: upsert the documents by (source, key), delete their earlier chunks,
 * insert the new ones. The CTE parts share one snapshot, so the DELETE only sees the chunks
 * that existed before the statement. Keys must be unique within a batch. Every row carries
 * the source's workspace and bot; the DELETE is limited to this source's documents.
 *
 * `chunks.ann` (in the HNSW index or not) is read from the bot's `vector_search` inside this
 * same statement (vector-index.ts): false while the bot is searched exactly, true once its
 * promotion to the HNSW index has begun. The bot row is locked FOR SHARE, so on a multi-session
 * server the promotion's `exact → building` update waits for writes that read "exact" to
 * commit (its batches then see their rows), and a write waiting on that update re-reads the
 * row and sees "building": no writer can miss the transition. (The embedded database runs
 * one statement at a time, so there the order is given anyway.)
 */
export async function writeDocuments(input: {
  source: { id: string; workspaceId: string; botId: string };
  dims: number;
  documents: TDocumentToWrite[];
}): Promise<void> {
  const { source, dims, documents } = input;
  if (documents.length === 0) return;
  const d = { ids: [] as string[], keys: [] as string[], titles: [] as string[], urls: [] as (string | null)[], hashes: [] as string[], counts: [] as number[] };
  const c = {
    ids: [] as string[], keys: [] as string[], ordinals: [] as number[], texts: [] as string[], titlePaths: [] as string[],
    urls: [] as (string | null)[], languages: [] as string[], vectors: [] as (string | null)[],
  };
  for (const document of documents) {
    const { key, doc, chunks, vectors } = document;
    d.ids.push(documentId());
    d.keys.push(key);
    d.titles.push(doc.title.slice(0, 300));
    d.urls.push(doc.url ?? null);
    d.hashes.push(document.contentHash);
    d.counts.push(chunks.length);
    chunks.forEach((chunk, i) => {
      c.ids.push(randomUUID());
      c.keys.push(key);
      c.ordinals.push(chunk.ordinal);
      c.texts.push(chunk.text);
      c.titlePaths.push(chunk.titlePath);
      c.urls.push(chunk.url ?? doc.url ?? null);
      c.languages.push(doc.language ?? "simple");
      // A passage with no content words embeds to the zero vector: full-text only.
      c.vectors.push(vectors[i]!.some((x) => x !== 0) ? pgvector.toSql(vectors[i]!) : null);
    });
  }
  await db().$executeRaw`
    WITH upserted AS (
      INSERT INTO documents (id, workspace_id, bot_id, source_id, key, title, url, content_hash, status, error, chunk_count, created_at, updated_at)
      SELECT d.id, ${source.workspaceId}, ${source.botId}, ${source.id}, d.key, d.title, d.url, d.content_hash, 'ready'::"DocumentStatus", NULL,
        d.chunk_count, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
      FROM unnest(${d.ids}::text[], ${d.keys}::text[], ${d.titles}::text[], ${d.urls}::text[], ${d.hashes}::text[], ${d.counts}::int[])
        AS d(id, key, title, url, content_hash, chunk_count)
      ON CONFLICT (source_id, key) DO UPDATE SET title = EXCLUDED.title, url = EXCLUDED.url, content_hash = EXCLUDED.content_hash,
        status = 'ready', error = NULL, chunk_count = EXCLUDED.chunk_count, updated_at = EXCLUDED.updated_at
      RETURNING id, key
    ),
    replaced AS (
      DELETE FROM chunks USING upserted WHERE chunks.document_id = upserted.id AND chunks.source_id = ${source.id}
    ),
    mode AS (
      SELECT vector_search <> 'exact' AS ann FROM bots WHERE id = ${source.botId} AND workspace_id = ${source.workspaceId} FOR SHARE
    )
    INSERT INTO chunks (id, workspace_id, bot_id, source_id, document_id, ordinal, text, title_path, url, language, embedding_dims, embedding, ann)
    SELECT c.id, ${source.workspaceId}, ${source.botId}, ${source.id}, upserted.id, c.ordinal, c.text, c.title_path, c.url, c.language, ${dims}::int, c.vector::vector,
      coalesce((SELECT ann FROM mode), false)
    FROM unnest(${c.ids}::text[], ${c.keys}::text[], ${c.ordinals}::int[], ${c.texts}::text[], ${c.titlePaths}::text[], ${c.urls}::text[],
      ${c.languages}::text[], ${c.vectors}::text[]) AS c(id, key, ordinal, text, title_path, url, language, vector)
    JOIN upserted ON upserted.key = c.key`;
}

/** A page or file that could not be indexed: its document shows the reason and has no chunks. */
export async function markDocumentFailed(input: { source: { id: string; workspaceId: string; botId: string }; key: string; title: string; url: string | undefined; reason: string }) {
  const { source, key, reason } = input;
  await db().$transaction([
    db().chunk.deleteMany({ where: { sourceId: source.id, document: { key } } }),
    db().document.upsert({
      where: { sourceId_key: { sourceId: source.id, key } },
      create: { workspaceId: source.workspaceId, botId: source.botId, sourceId: source.id, key, title: input.title.slice(0, 300), url: input.url ?? null, contentHash: "", status: "failed", error: reason },
      update: { status: "failed", error: reason, contentHash: "", chunkCount: 0 },
    }),
  ]);
}
