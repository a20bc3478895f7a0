import { env } from "../config/env";
import { db } from "../db/client";
import { parsePlainText, qaToDocument } from "./chunk/parse-plain";
import type { TParsedDocument } from "./chunk/types";
import { crawlSite } from "./crawl/crawl-site";
import { embedderForBot, loadBotEmbedding } from "./bot-embedder";
import type { TEmbedder } from "./embed/embedder";
import { createDocumentIndexer } from "./index-documents";
import { parseFile } from "./parse/parse-file";
import { analyzeChunksSoon } from "./lexeme-stats";
import { keepSourceAlive } from "./resume-interrupted-ingestion";
import { promoteIfLarge } from "./vector-index";
import { log } from "../log/logger";

/**
 * Indexes one source: parse → chunk → embed → write, in small batches of documents, each
 * written in one short statement (index-documents.ts; the embedded database runs one
 * transaction at a time; fetching, parsing and embedding happen outside, overlapping the
 * writes). While it runs, the source row shows a heartbeat (resume-interrupted-ingestion.ts).
 * Unchanged documents (same content hash and model) are skipped;
 * documents that are gone are removed; a failed page or file is recorded with its reason
 * while the rest continue. Safe to run again after a crash: it converges.
 */
type TSource = { id: string; workspaceId: string; botId: string; type: string; name: string; config: unknown };

export async function ingestSource(job: { workspaceId: string; sourceId: string }, embedderOverride?: TEmbedder) {
  const source = await db().dataSource.findFirst({ where: { id: job.sourceId, workspaceId: job.workspaceId } });
  if (!source) return { skipped: "source deleted" as const };
  let embedder: TEmbedder;
  try {
    // The bot's embedding model (provider key from the workspace); offline by default.
    embedder = embedderOverride ?? (await embedderForBot(await loadBotEmbedding(source.workspaceId, source.botId)));
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await db().dataSource.updateMany({ where: { id: source.id }, data: { status: "failed", error: reason, lastRunAt: new Date() } });
    return { documentCount: 0, chunkCount: 0, failed: 0 };
  }
  await db().dataSource.update({ where: { id: source.id }, data: { status: "processing", error: null } });
  const stopHeartbeat = keepSourceAlive(source);
  try {
    return await indexSource(source, embedder);
  } finally {
    stopHeartbeat();
  }
}

async function indexSource(source: TSource, embedder: TEmbedder) {
  const existing = await db().document.findMany({ where: { sourceId: source.id }, select: { id: true, key: true, contentHash: true } });
  const indexer = createDocumentIndexer({ source, embedder, knownHashes: new Map(existing.map((d) => [d.key, d.contentHash])) });
  let complete: boolean;
  try {
    complete = await collectDocuments(source, indexer.add, indexer.fail);
  } catch (error) {
    // Keep what was already read: a retry then skips it by content hash.
    await indexer.finish().catch(() => undefined);
    throw error;
  }
  await indexer.finish();
  const { written, failed, lastFailure } = indexer.stats;

  // Pages that are gone (or Q&A entries removed) disappear; an interrupted crawl keeps them.
  const gone = complete ? existing.filter((d) => !indexer.seen.has(d.key)).map((d) => d.id) : [];
  if (gone.length) await db().document.deleteMany({ where: { id: { in: gone }, sourceId: source.id } });

  const { documentCount, chunkCount } = await recordSourceRun(source.id, failed, lastFailure);
  // Full-text search reads lexeme frequencies from the planner statistics (lexeme-stats.ts).
  if (written > 0 || gone.length > 0) analyzeChunksSoon();
  // A bot that has grown past the threshold moves into the HNSW index in the background
  // (vector-index.ts); the source is ready already, and a crash is resumed by the sweep.
  if (written > 0) {
    void promoteIfLarge({ workspaceId: source.workspaceId, botId: source.botId }).catch((error: unknown) =>
      log.error("Moving a bot to the HNSW index failed", { botId: source.botId, error: String(error) }),
    );
  }
  return { documentCount, chunkCount, failed };
}

/**
 * Ends a run: status, error and counts in ONE statement. The counts come from the source's
 * documents (`documents.chunk_count`, found through the (source_id, key) unique index); the
 * chunks table has no index on source_id, and counting chunks there read every tenant's
 * chunks (915 ms per source at 100,000 chunks). A run where every document failed and none
 * is left is `failed` with the last reason.
 */
export async function recordSourceRun(sourceId: string, failed: number, lastFailure: string | null): Promise<{ documentCount: number; chunkCount: number }> {
  const [row] = await db().$queryRaw<{ documentCount: number; chunkCount: number }[]>`
    UPDATE data_sources s SET
      status = CASE WHEN ${failed}::int > 0 AND d.documents = 0 THEN 'failed'::"SourceStatus" ELSE 'ready'::"SourceStatus" END,
      error = CASE WHEN ${failed}::int > 0 AND d.documents = 0 THEN ${(lastFailure ?? "No document could be indexed.").slice(0, 500)} END,
      document_count = d.documents, chunk_count = d.chunks, failed_count = ${failed}::int,
      last_run_at = now() AT TIME ZONE 'UTC', updated_at = now() AT TIME ZONE 'UTC'
    FROM (
      SELECT count(*) FILTER (WHERE status = 'ready')::int AS documents, coalesce(sum(chunk_count), 0)::int AS chunks
      FROM documents WHERE source_id = ${sourceId}
    ) d
    WHERE s.id = ${sourceId}
    RETURNING d.documents AS "documentCount", d.chunks AS "chunkCount"`;
  return row ?? { documentCount: 0, chunkCount: 0 };
}

type TIndex = (key: string, doc: TParsedDocument) => Promise<void>;
type TFail = (key: string, title: string, url: string | undefined, error: unknown) => Promise<void>;

/** Feeds every document of the source to `index`; returns false when the listing is incomplete. */
async function collectDocuments(source: TSource, index: TIndex, fail: TFail): Promise<boolean> {
  const config = source.config as {
    content?: string;
    pairs?: { question: string; answer: string }[];
    url?: string;
    maxPages?: number;
    maxDepth?: number;
    ownSite?: boolean;
    include?: string[];
    exclude?: string[];
  };
  switch (source.type) {
    case "text":
      await index("text", parsePlainText(config.content ?? "", { title: source.name }));
      return true;
    case "qa":
      for (const [i, pair] of (config.pairs ?? []).entries()) await index(`qa-${i}`, qaToDocument([pair], { title: pair.question }));
      return true;
    case "file": {
      const file = await db().sourceFile.findUnique({ where: { sourceId: source.id } });
      if (!file) {
        await fail("file", source.name, undefined, new Error("The uploaded file is missing."));
        return true;
      }
      try {
        const doc = await parseFile({ bytes: new Uint8Array(file.bytes), filename: file.filename, contentType: file.contentType });
        await index("file", { ...doc, title: doc.title || file.filename });
      } catch (error) {
        await fail("file", file.filename, undefined, error);
      }
      return true;
    }
    case "url": {
      const config_ = env();
      const summary = await crawlSite({
        startUrl: config.url!,
        maxPages: config.maxPages,
        maxDepth: config.maxDepth,
        include: config.include,
        exclude: config.exclude,
        // Sources the server itself created for our own public site (the demo bot) may fetch
        // BASE_URL's host; no API or dashboard input can set `ownSite`.
        allowHosts: config.ownSite === true && sameOrigin(config.url!, config_.baseUrl) ? [...config_.FETCH_ALLOW_HOSTS, new URL(config_.baseUrl).host] : config_.FETCH_ALLOW_HOSTS,
        userAgent: `ChatwerkBot/1.0 (+${config_.baseUrl})`,
        onPage: async (page) => {
          if (page.status === "ok" && page.document) await index(page.url, page.document);
          // A page that answers 404/410 is gone: not a failure, and its document is removed.
          else if (page.status === "failed" && !/^HTTP (404|410)\b/.test(page.reason ?? "")) {
            await fail(page.url, page.url, page.url, new Error(page.reason ?? "Failed"));
          }
        },
      });
      return summary.pages > 0 || summary.failed > 0;
    }
    default:
      throw new Error(`Unknown source type ${source.type}`);
  }
}

function sameOrigin(a: string, b: string) {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
