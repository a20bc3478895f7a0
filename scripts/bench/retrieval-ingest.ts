/**
 * Ingestion of Markdown files for the retrieval bench. lib/kb/ingest-source.ts has no
 * source type holding many files (a `file` source is one uploaded file, read back from the
 * database and parsed by type), so this mirrors its per-document path with the
 * same building blocks: parseMarkdown → chunkDocument → embedder in batches of `maxBatch`
 * with `${titlePath}\n${text}` → one short transaction per document with the same document
 * upsert, chunk delete and multi-row chunk INSERT as `writeDocument` (which is not exported),
 * then the same source bookkeeping. Keep it in step with ingest-source.ts when that changes.
 */
import { createHash, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import pgvector from "pgvector";
import { db, Prisma } from "../../lib/db/client";
import { chunkDocument } from "../../lib/kb/chunk/chunk-document";
import { parseMarkdown } from "../../lib/kb/chunk/parse-markdown";
import type { TChunk, TParsedDocument } from "../../lib/kb/chunk/types";
import type { TEmbedder } from "../../lib/kb/embed/embedder";

export type TMarkdownFile = { key: string; path: string };

export type TIngestTimings = {
  documents: number;
  chunks: number;
  /** Chunks whose embedding is the zero vector (no content words): stored without a vector, found by full-text only. */
  zeroVectors: number;
  totalMs: number;
  readMs: number;
  parseChunkMs: number;
  embedMs: number;
  writeMs: number;
  /** Source row create + final counts/status update. */
  bookkeepingMs: number;
  docsPerSec: number;
  chunksPerSec: number;
};

/** Same as ingest-source.ts `hashOf`. */
function hashOf(doc: TParsedDocument, model: string) {
  return createHash("sha256").update(model).update("\0").update(JSON.stringify(doc)).digest("hex");
}

/** Same as ingest-source.ts `embedInBatches`. */
async function embedInBatches(embedder: TEmbedder, chunks: TChunk[]): Promise<number[][]> {
  const out: number[][] = [];
  for (let i = 0; i < chunks.length; i += embedder.maxBatch) {
    const batch = chunks.slice(i, i + embedder.maxBatch).map((c) => `${c.titlePath}\n${c.text}`);
    out.push(...(await embedder.embed(batch)));
  }
  return out;
}

/**
 * Same statements as ingest-source.ts `writeDocument` (as of the working tree this bench was
 * written against: titles cut at 300 characters, zero vectors stored as NULL).
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

/**
 * Creates one `file` source holding every file as a document (key = `file.key`) and indexes
 * it, timing each stage. Files are processed one after another, like ingestSource.
 */
export async function ingestMarkdownFiles(
  input: { workspaceId: string; botId: string; name: string; files: TMarkdownFile[] },
  embedder: TEmbedder,
): Promise<{ sourceId: string; timings: TIngestTimings }> {
  const started = performance.now();
  let readMs = 0;
  let parseChunkMs = 0;
  let embedMs = 0;
  let writeMs = 0;
  let chunkTotal = 0;
  let zeroVectors = 0;

  let t = performance.now();
  const source = await db().dataSource.create({
    data: {
      workspaceId: input.workspaceId, botId: input.botId, type: "file", name: input.name, status: "processing",
      config: { files: input.files.map((f) => f.key) },
    },
  });
  let bookkeepingMs = performance.now() - t;
  const model = `${embedder.provider}:${embedder.model}:${embedder.dimensions}`;

  for (const file of input.files) {
    t = performance.now();
    const markdown = await readFile(file.path, "utf8");
    readMs += performance.now() - t;

    t = performance.now();
    const doc = parseMarkdown(markdown, { title: file.key });
    const contentHash = hashOf(doc, model);
    const chunks = chunkDocument(doc);
    parseChunkMs += performance.now() - t;

    t = performance.now();
    const vectors = await embedInBatches(embedder, chunks);
    embedMs += performance.now() - t;
    zeroVectors += vectors.filter((v) => v.every((x) => x === 0)).length;

    t = performance.now();
    await writeDocument({ source, key: file.key, doc, contentHash, chunks, vectors, dims: embedder.dimensions });
    writeMs += performance.now() - t;
    chunkTotal += chunks.length;
  }

  t = performance.now();
  const [documentCount, chunkCount] = await Promise.all([
    db().document.count({ where: { sourceId: source.id, status: "ready" } }),
    db().chunk.count({ where: { sourceId: source.id } }),
  ]);
  await db().dataSource.updateMany({
    where: { id: source.id },
    data: { status: "ready", error: null, documentCount, chunkCount, failedCount: 0, lastRunAt: new Date() },
  });
  bookkeepingMs += performance.now() - t;
  if (documentCount !== input.files.length || chunkCount !== chunkTotal) {
    throw new Error(`Ingestion stored ${documentCount} documents / ${chunkCount} chunks, expected ${input.files.length} / ${chunkTotal}`);
  }

  const totalMs = performance.now() - started;
  return {
    sourceId: source.id,
    timings: {
      documents: documentCount,
      chunks: chunkCount,
      zeroVectors,
      totalMs,
      readMs,
      parseChunkMs,
      embedMs,
      writeMs,
      bookkeepingMs,
      docsPerSec: documentCount / (totalMs / 1000),
      chunksPerSec: chunkCount / (totalMs / 1000),
    },
  };
}
