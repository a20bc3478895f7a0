import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { log } from "../log/logger";
import { chunkDocument } from "./chunk/chunk-document";
import type { TChunk, TParsedDocument } from "./chunk/types";
import type { TEmbedder } from "./embed/embedder";
import { markDocumentFailed, writeDocuments, type TDocumentToWrite } from "./write-documents";

/**
 * A batch is written in one statement that holds the single-threaded embedded database for
 * its whole run (~1 ms per chunk for a bot searched exactly; ~3 ms with the HNSW insert of a
 * large bot, decision 016), so batches stay small: a chat or search query waits behind at
 * most one (~70 ms at most). Throughput hardly depends on the size once several documents
 * share a statement (decision 011).
 */
const MAX_BATCH_CHUNKS = 32;
const MAX_BATCH_DOCUMENTS = 16;

export type TSourceRef = { id: string; workspaceId: string; botId: string };

export type TIndexerStats = {
  written: number;
  failed: number;
  lastFailure: string | null;
  /** Main-thread time chunking and embedding; database time writing (runs alongside). */
  chunkMs: number;
  embedMs: number;
  writeMs: number;
};

export type TDocumentIndexer = {
  /** Chunks, embeds and writes the document (in batches); skipped when content and model are unchanged. */
  add(key: string, doc: TParsedDocument): Promise<void>;
  /** Records a page or file that could not be read, with its readable reason. */
  fail(key: string, title: string, url: string | undefined, error: unknown): Promise<void>;
  /** Writes what is still queued and waits for every write; rethrows a database error. */
  finish(): Promise<void>;
  /** Keys added or failed so far: a complete listing lets the caller remove the rest. */
  readonly seen: ReadonlySet<string>;
  readonly stats: Readonly<TIndexerStats>;
};

type TPending = Omit<TDocumentToWrite, "vectors">;

/**
 * Indexes the documents of one source as they arrive (crawler pages, Q&A pairs, files):
 * documents are collected into small batches, each batch is embedded in as few provider
 * calls as `maxBatch` allows and written in one statement (write-documents.ts). While the
 * database writes one batch, the next is chunked and embedded here: the embedded database
 * runs in its own thread, so the two overlap. A batch that fails to embed or write is retried
 * document by document, so one bad document fails alone with its reason.
 */
export function createDocumentIndexer(input: { source: TSourceRef; embedder: TEmbedder; knownHashes: ReadonlyMap<string, string> }): TDocumentIndexer {
  const { source, embedder } = input;
  const model = `${embedder.provider}:${embedder.model}:${embedder.dimensions}`;
  const seen = new Set<string>();
  const stats: TIndexerStats = { written: 0, failed: 0, lastFailure: null, chunkMs: 0, embedMs: 0, writeMs: 0 };
  const pending: TPending[] = [];
  let pendingChunks = 0;
  /** The write in flight (at most one); never rejects (see `failure`). */
  let writing: Promise<void> = Promise.resolve();
  /** The first error that is not a document's own (the database is unreachable): ends the run. */
  let failure: unknown = null;
  const remember = (error: unknown) => {
    failure ??= error;
  };

  const fail = async (key: string, title: string, url: string | undefined, error: unknown) => {
    seen.add(key);
    stats.failed++;
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    stats.lastFailure = reason;
    log.warn("Document failed to index", { sourceId: source.id, key, reason });
    await markDocumentFailed({ source, key, title, url, reason });
  };

  const timedEmbed = async (documents: TPending[]) => {
    const started = performance.now();
    try {
      return await embedDocuments(embedder, documents);
    } finally {
      stats.embedMs += performance.now() - started;
    }
  };

  /** Embeds a batch; when that fails, each document on its own, recording the ones that fail. */
  const embedBatch = async (batch: TPending[]): Promise<TDocumentToWrite[]> => {
    try {
      const vectors = await timedEmbed(batch);
      return batch.map((d, i) => ({ ...d, vectors: vectors[i]! }));
    } catch (error) {
      if (batch.length === 1) {
        await fail(batch[0]!.key, batch[0]!.doc.title, batch[0]!.doc.url, error);
        return [];
      }
      const ok: TDocumentToWrite[] = [];
      for (const d of batch) ok.push(...(await embedBatch([d])));
      return ok;
    }
  };

  const timedWrite = async (documents: TDocumentToWrite[]) => {
    const started = performance.now();
    try {
      await writeDocuments({ source, dims: embedder.dimensions, documents });
    } finally {
      stats.writeMs += performance.now() - started;
    }
  };

  /** Writes a batch; when that fails, each document on its own, recording the ones that fail. */
  const write = async (documents: TDocumentToWrite[]): Promise<void> => {
    try {
      await timedWrite(documents);
      stats.written += documents.length;
    } catch (error) {
      if (documents.length === 1) await fail(documents[0]!.key, documents[0]!.doc.title, documents[0]!.doc.url, error);
      else for (const d of documents) await write([d]);
    }
  };

  /**
   * Moves queued documents to the database until none is left: takes up to one batch,
   * embeds it while the previous batch is still being written, then starts its write. Batches
   * grow only while the database is busy, so a slow crawl writes each page at once and a
   * fast producer gets full batches.
   */
  const drain = async () => {
    while (pending.length > 0 && !failure) {
      const batch: TPending[] = [];
      let chunks = 0;
      while (pending.length > 0 && batch.length < MAX_BATCH_DOCUMENTS && chunks < MAX_BATCH_CHUNKS) {
        const next = pending.shift()!;
        batch.push(next);
        chunks += next.chunks.length;
      }
      pendingChunks -= chunks;
      const ready = await embedBatch(batch);
      await writing;
      if (ready.length > 0) writing = write(ready).catch(remember);
    }
  };
  let draining: Promise<void> | null = null;
  const startDrain = (): Promise<void> => {
    draining ??= drain()
      .catch(remember)
      .finally(() => {
        draining = null;
        // A document queued while this drain was ending must not wait for the next one.
        if (pending.length > 0 && !failure) void startDrain();
      });
    return draining;
  };
  const rethrow = () => {
    if (failure) throw failure as Error;
  };

  return {
    seen,
    stats,
    fail,
    async add(key, doc) {
      rethrow();
      seen.add(key);
      const contentHash = createHash("sha256").update(model).update("\0").update(JSON.stringify(doc)).digest("hex");
      if (input.knownHashes.get(key) === contentHash) return;
      const started = performance.now();
      let chunks: TChunk[];
      try {
        chunks = chunkDocument(doc);
      } catch (error) {
        return fail(key, doc.title, doc.url, error);
      } finally {
        stats.chunkMs += performance.now() - started;
      }
      if (chunks.length === 0) return fail(key, doc.title, doc.url, new Error("No text to index"));
      pending.push({ key, doc, contentHash, chunks });
      pendingChunks += chunks.length;
      const drained = startDrain();
      // Back-pressure: a producer faster than the database waits once two batches are queued.
      if (pendingChunks >= 2 * MAX_BATCH_CHUNKS || pending.length >= 2 * MAX_BATCH_DOCUMENTS) await drained;
      rethrow();
    },
    async finish() {
      while (draining) await draining;
      await writing;
      rethrow();
    },
  };
}

/** One vector list per document; the chunks of all documents share calls of up to `maxBatch` texts. */
async function embedDocuments(embedder: TEmbedder, documents: TPending[]): Promise<number[][][]> {
  const texts = documents.flatMap((d) => d.chunks.map((c) => `${c.titlePath}\n${c.text}`));
  const vectors: number[][] = [];
  for (let i = 0; i < texts.length; i += embedder.maxBatch) vectors.push(...(await embedder.embed(texts.slice(i, i + embedder.maxBatch))));
  let offset = 0;
  return documents.map((d) => vectors.slice(offset, (offset += d.chunks.length)));
}
