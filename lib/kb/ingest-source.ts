import { createHash, randomUUID } from "node:crypto";
import pgvector from "pgvector";
import { db, Prisma } from "../db/client";
import { log } from "../log/logger";
import { chunkDocument } from "./chunk/chunk-document";
import { parsePlainText, qaToDocument } from "./chunk/parse-plain";
import type { TChunk, TParsedDocument } from "./chunk/types";
import { offlineEmbedder, type TEmbedder } from "./embed/embedder";

/**
 * Indexes one source: parse → chunk → embed → write, one short transaction per document
 * (the embedded database runs one transaction at a time; embedding happens outside).
 * Unchanged documents (same content hash and model) are skipped; documents that are gone
 * are removed. Safe to run again after a crash: it converges to the same state.
 */
type TDocInput = { key: string; doc: TParsedDocument };

function documentsOf(source: { type: string; name: string; config: unknown }): TDocInput[] {
  const config = source.config as { content?: string; pairs?: { question: string; answer: string }[] };
  if (source.type === "text") return [{ key: "text", doc: parsePlainText(config.content ?? "", { title: source.name }) }];
  if (source.type === "qa") {
    return (config.pairs ?? []).map((pair, i) => ({ key: `qa-${i}`, doc: qaToDocument([pair], { title: pair.question }) }));
  }
  throw new Error(`Source type ${source.type} is not supported yet`);
}

function hashOf(doc: TParsedDocument, model: string) {
  return createHash("sha256").update(model).update("\0").update(JSON.stringify(doc)).digest("hex");
}

export async function ingestSource(job: { workspaceId: string; sourceId: string }, embedder: TEmbedder = offlineEmbedder()) {
  const source = await db().dataSource.findFirst({ where: { id: job.sourceId, workspaceId: job.workspaceId } });
  if (!source) return { skipped: "source deleted" as const };
  await db().dataSource.update({ where: { id: source.id }, data: { status: "processing", error: null } });

  const inputs = documentsOf(source);
  const existing = await db().document.findMany({ where: { sourceId: source.id }, select: { id: true, key: true, contentHash: true } });
  const byKey = new Map(existing.map((d) => [d.key, d]));
  let failed = 0;

  for (const { key, doc } of inputs) {
    const contentHash = hashOf(doc, `${embedder.provider}:${embedder.model}:${embedder.dimensions}`);
    if (byKey.get(key)?.contentHash === contentHash) continue;
    try {
      const chunks = chunkDocument(doc);
      const vectors = await embedInBatches(embedder, chunks);
      await writeDocument({ source, key, doc, contentHash, chunks, vectors, dims: embedder.dimensions });
    } catch (error) {
      failed++;
      const reason = error instanceof Error ? error.message : String(error);
      log.warn("Document failed to index", { sourceId: source.id, key, reason });
      await db().document.upsert({
        where: { sourceId_key: { sourceId: source.id, key } },
        create: { workspaceId: source.workspaceId, botId: source.botId, sourceId: source.id, key, title: doc.title, contentHash: "", status: "failed", error: reason.slice(0, 500) },
        update: { status: "failed", error: reason.slice(0, 500) },
      });
    }
  }

  const keep = new Set(inputs.map((i) => i.key));
  const gone = existing.filter((d) => !keep.has(d.key)).map((d) => d.id);
  if (gone.length) await db().document.deleteMany({ where: { id: { in: gone }, sourceId: source.id } });

  const [documentCount, chunkCount] = await Promise.all([
    db().document.count({ where: { sourceId: source.id, status: "ready" } }),
    db().chunk.count({ where: { sourceId: source.id } }),
  ]);
  const allFailed = failed > 0 && documentCount === 0;
  await db().dataSource.updateMany({
    where: { id: source.id },
    data: {
      status: allFailed ? "failed" : "ready",
      error: allFailed ? "No document could be indexed; see the documents for reasons." : null,
      documentCount,
      chunkCount,
      failedCount: failed,
      lastRunAt: new Date(),
    },
  });
  return { documentCount, chunkCount, failed };
}

async function embedInBatches(embedder: TEmbedder, chunks: TChunk[]): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < chunks.length; i += embedder.maxBatch) {
    const batch = chunks.slice(i, i + embedder.maxBatch).map((c) => `${c.titlePath}\n${c.text}`);
    out.push(...(await embedder.embed(batch)));
  }
  return out;
}

async function writeDocument(input: {
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
        title: doc.title, url: doc.url ?? null, contentHash: input.contentHash, chunkCount: chunks.length,
      },
      update: { title: doc.title, url: doc.url ?? null, contentHash: input.contentHash, status: "ready", error: null, chunkCount: chunks.length },
    });
    await tx.chunk.deleteMany({ where: { documentId: document.id } });
    if (chunks.length === 0) return;
    const rows = chunks.map((c, i) =>
      Prisma.sql`(${randomUUID()}, ${source.workspaceId}, ${source.botId}, ${source.id}, ${document.id}, ${c.ordinal}, ${c.text},
        ${c.titlePath}, ${c.url ?? doc.url ?? null}, ${language}, ${input.dims}, ${pgvector.toSql(vectors[i]!)}::vector)`,
    );
    await tx.$executeRaw`
      INSERT INTO chunks (id, workspace_id, bot_id, source_id, document_id, ordinal, text, title_path, url, language, embedding_dims, embedding)
      VALUES ${Prisma.join(rows)}`;
  });
}
