/**
 * Ingestion of Markdown files for the retrieval bench. lib/kb/ingest-source.ts has no
 * source type holding many files (a `file` source is one uploaded file, read back from the
 * database and parsed by type), so this mirrors its per-document path with the
 * same building blocks: parseMarkdown → chunkDocument → embedder in batches of `maxBatch`
 * with `${titlePath}\n${text}` → `writeDocument` (lib/kb/write-document.ts, shared with
 * ingestion), then the same source bookkeeping.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { db } from "../../lib/db/client";
import { chunkDocument } from "../../lib/kb/chunk/chunk-document";
import { parseMarkdown } from "../../lib/kb/chunk/parse-markdown";
import type { TChunk, TParsedDocument } from "../../lib/kb/chunk/types";
import type { TEmbedder } from "../../lib/kb/embed/embedder";
import { writeDocument } from "../../lib/kb/write-document";

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
