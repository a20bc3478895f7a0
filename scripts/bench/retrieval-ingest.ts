/**
 * Ingestion of Markdown files for the retrieval bench. lib/kb/ingest-source.ts has no
 * source type holding many files (a `file` source is one uploaded file, read back from the
 * database and parsed by type), so this feeds the files to the same document indexer
 * ingestion uses (lib/kb/index-documents.ts: content hash, chunking, embedding in batches
 * of `maxBatch`, batched writes overlapping the next batch's preparation), then does the
 * same source bookkeeping.
 */
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { db } from "../../lib/db/client";
import { parseMarkdown } from "../../lib/kb/chunk/parse-markdown";
import type { TEmbedder } from "../../lib/kb/embed/embedder";
import { createDocumentIndexer } from "../../lib/kb/index-documents";

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
  /** Database time of the batched writes; they run alongside reading, parsing and embedding, so stages add up to more than the total. */
  writeMs: number;
  /** Source row create + final counts/status update. */
  bookkeepingMs: number;
  docsPerSec: number;
  chunksPerSec: number;
};

/**
 * Creates one `file` source holding every file as a document (key = `file.key`) and indexes
 * it, timing each stage. Files are read one after another, like ingestSource reads pages.
 */
export async function ingestMarkdownFiles(
  input: { workspaceId: string; botId: string; name: string; files: TMarkdownFile[] },
  embedder: TEmbedder,
): Promise<{ sourceId: string; timings: TIngestTimings }> {
  const started = performance.now();
  let readMs = 0;
  let parseMs = 0;

  let t = performance.now();
  const source = await db().dataSource.create({
    data: {
      workspaceId: input.workspaceId, botId: input.botId, type: "file", name: input.name, status: "processing",
      config: { files: input.files.map((f) => f.key) },
    },
  });
  let bookkeepingMs = performance.now() - t;
  const indexer = createDocumentIndexer({ source, embedder, knownHashes: new Map() });

  for (const file of input.files) {
    t = performance.now();
    const markdown = await readFile(file.path, "utf8");
    readMs += performance.now() - t;

    t = performance.now();
    const doc = parseMarkdown(markdown, { title: file.key });
    parseMs += performance.now() - t;
    await indexer.add(file.key, doc);
  }
  await indexer.finish();
  const { stats } = indexer;
  if (stats.failed > 0) throw new Error(`${stats.failed} document(s) failed to index: ${stats.lastFailure}`);

  t = performance.now();
  const [documentCount, chunkCount, recordedChunks, zeroVectors] = await Promise.all([
    db().document.count({ where: { sourceId: source.id, status: "ready" } }),
    db().chunk.count({ where: { sourceId: source.id } }),
    db().document.aggregate({ where: { sourceId: source.id }, _sum: { chunkCount: true } }).then((r) => r._sum.chunkCount ?? 0),
    db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM chunks WHERE source_id = ${source.id} AND embedding IS NULL`.then((r) => r[0]!.n),
  ]);
  await db().dataSource.updateMany({
    where: { id: source.id },
    data: { status: "ready", error: null, documentCount, chunkCount, failedCount: 0, lastRunAt: new Date() },
  });
  bookkeepingMs += performance.now() - t;
  if (documentCount !== input.files.length || chunkCount !== recordedChunks) {
    throw new Error(`Ingestion stored ${documentCount} documents / ${chunkCount} chunks, expected ${input.files.length} / ${recordedChunks}`);
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
      parseChunkMs: parseMs + stats.chunkMs,
      embedMs: stats.embedMs,
      writeMs: stats.writeMs,
      bookkeepingMs,
      docsPerSec: documentCount / (totalMs / 1000),
      chunksPerSec: chunkCount / (totalMs / 1000),
    },
  };
}
