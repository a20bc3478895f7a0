import { randomUUID } from "node:crypto";
import pgvector from "pgvector";
import { db, Prisma } from "../db/client";
import type { TChunk, TParsedDocument } from "./chunk/types";

/**
 * Writes one document and its chunks (text, title path, vector) in one short transaction,
 * replacing the document's earlier chunks. Used by ingestion and the retrieval bench.
 */
export async function writeDocument(input: {
  source: { id: string; workspaceId: string; botId: string };
  key: string;
  doc: TParsedDocument;
  contentHash: string;
  chunks: TChunk[];
  vectors: number[][];
  dims: number;
}) {
  const { source, key, doc, chunks, vectors } = input;
  const language = doc.language ?? "simple";
  await db().$transaction(async (tx) => {
    const document = await tx.document.upsert({
      where: { sourceId_key: { sourceId: source.id, key } },
      create: {
        workspaceId: source.workspaceId, botId: source.botId, sourceId: source.id, key,
        title: doc.title.slice(0, 300), url: doc.url ?? null, contentHash: input.contentHash, chunkCount: chunks.length,
      },
      update: { title: doc.title.slice(0, 300), url: doc.url ?? null, contentHash: input.contentHash, status: "ready", error: null, chunkCount: chunks.length },
    });
    await tx.chunk.deleteMany({ where: { documentId: document.id } });
    if (chunks.length === 0) return;
    const rows = chunks.map((c, i) => {
      // A passage with no content words embeds to the zero vector: full-text only.
      const vector = vectors[i]!.some((x) => x !== 0) ? pgvector.toSql(vectors[i]!) : null;
      return Prisma.sql`(${randomUUID()}, ${source.workspaceId}, ${source.botId}, ${source.id}, ${document.id}, ${c.ordinal}, ${c.text},
        ${c.titlePath}, ${c.url ?? doc.url ?? null}, ${language}, ${input.dims}, ${vector}::vector)`;
    });
    await tx.$executeRaw`
      INSERT INTO chunks (id, workspace_id, bot_id, source_id, document_id, ordinal, text, title_path, url, language, embedding_dims, embedding)
      VALUES ${Prisma.join(rows)}`;
  });
}
