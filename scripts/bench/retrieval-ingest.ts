/**
 * Ingestion of Markdown files for the retrieval bench. lib/kb/ingest-source.ts has no
 * source type holding many files (a `file` source is one uploaded file, read back from the
 * database and parsed by type), so this feeds the files to the same document indexer
 * ingestion uses (lib/kb/index-documents.ts: content hash, chunking, embedding in batches
 * of `maxBatch`, batched writes overlapping the next batch's preparation), then does the
 * same source bookkeeping (`recordSourceRun`).
 *
 * Also runnable on its own, on a fresh embedded database (decision 016):
 *   npx tsx scripts/bench/retrieval-ingest.ts                 cold + warm pass, like bench:retrieval
 *   npx tsx scripts/bench/retrieval-ingest.ts --rounds 4      then 4 rounds alternating the bot's
 *                                                             vector_search "exact" / "ann" (HNSW inserts)
 *   npx tsx scripts/bench/retrieval-ingest.ts --ann           every pass with HNSW inserts (the pre-016 path)
 *   npx tsx scripts/bench/retrieval-ingest.ts --threshold     vector query latency of one bot, exact scan vs
 *                                                             HNSW, at growing sizes, and the promotion's cost
 *     [--sizes 1000,2000,5000] [--explain: storage sizes and the exact plan]
 *     [--storage-main: embeddings kept inline (ALTER COLUMN … SET STORAGE main), an experiment]
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import pgvector from "pgvector";
import { db } from "../../lib/db/client";
import { parseMarkdown } from "../../lib/kb/chunk/parse-markdown";
import { offlineEmbedder, type TEmbedder } from "../../lib/kb/embed/embedder";
import { createDocumentIndexer } from "../../lib/kb/index-documents";
import { recordSourceRun } from "../../lib/kb/ingest-source";
import { deleteSource } from "../../lib/kb/sources";
import { promoteBot, VECTOR_INDEX } from "../../lib/kb/vector-index";
import { loadCorpus, type TPage } from "./retrieval-corpus";
import { createTenant, openBenchDatabase, type TTenant } from "./retrieval-db";
import { latencyOf } from "./retrieval-metrics";
import { fmt, ingestionRows } from "./retrieval-report";

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
  const { documentCount, chunkCount } = await recordSourceRun(source.id, 0, null);
  bookkeepingMs += performance.now() - t;
  const totalMs = performance.now() - started;
  // Checks outside the timed part: every file stored, and chunk_count agrees with the chunks.
  const [check] = await db().$queryRaw<{ chunks: number; zero: number }[]>`
    SELECT count(*)::int AS chunks, count(*) FILTER (WHERE embedding IS NULL)::int AS zero FROM chunks WHERE source_id = ${source.id}`;
  const zeroVectors = check!.zero;
  if (documentCount !== input.files.length || chunkCount !== check!.chunks) {
    throw new Error(`Ingestion stored ${documentCount} documents / ${check!.chunks} chunks, expected ${input.files.length} / ${chunkCount}`);
  }

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

// ---------------------------------------------------------------------------- standalone

type TMode = "exact" | "ann";

async function setMode(tenant: TTenant, mode: TMode) {
  await db().$executeRaw`UPDATE bots SET vector_search = ${mode} WHERE id = ${tenant.botId}`;
}

/** One pass into a fresh source, deleted and vacuumed afterwards unless `keep`. */
async function pass(tenant: TTenant, files: TMarkdownFile[], name: string, keep = false) {
  const run = await ingestMarkdownFiles({ workspaceId: tenant.workspaceId, botId: tenant.botId, name, files }, offlineEmbedder());
  if (!keep) {
    await deleteSource(tenant.ctx, tenant.botId, run.sourceId);
    await db().$executeRawUnsafe("VACUUM chunks");
  }
  return run.timings;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
};

/** Cold and warm pass like bench:retrieval, then `rounds` rounds alternating exact / ann writes. */
async function throughputRun(pages: TPage[], options: { ann: boolean; rounds: number }) {
  const files = pages.map((p) => ({ key: p.key, path: p.path }));
  const tenant = await createTenant("Ingest Bench", "Ingest bot");
  if (options.ann) await setMode(tenant, "ann");
  const label = options.ann ? "ann (HNSW inserts)" : "exact (no HNSW inserts)";
  const cold = await pass(tenant, files, "cold");
  const warm = await pass(tenant, files, "warm");
  console.log(`Ingestion of ${pages.length} files, bot ${label}`);
  console.table(ingestionRows([{ label: "1 (cold)", timings: cold }, { label: "2 (warm)", timings: warm }]));
  if (options.rounds > 0) {
    const byMode: Record<TMode, number[]> = { exact: [], ann: [] };
    const writeMs: Record<TMode, number[]> = { exact: [], ann: [] };
    for (let round = 0; round < options.rounds; round++) {
      for (const mode of (round % 2 ? ["ann", "exact"] : ["exact", "ann"]) as TMode[]) {
        await setMode(tenant, mode);
        const t = await pass(tenant, files, `round ${round} ${mode}`);
        byMode[mode].push(t.docsPerSec);
        writeMs[mode].push(t.writeMs);
      }
    }
    console.log(`${options.rounds} rounds, paths alternated, each pass into a fresh source deleted and vacuumed afterwards:`);
    console.table(
      (["exact", "ann"] as TMode[]).map((mode) => ({
        mode,
        "docs/s median": fmt(median(byMode[mode]), 1),
        "docs/s range": `${fmt(Math.min(...byMode[mode]), 1)}–${fmt(Math.max(...byMode[mode]), 1)}`,
        "db write ms median": fmt(median(writeMs[mode]), 0),
      })),
    );
  }
}

/** Vector query of one bot as search does it: exact (every chunk of the bot) or HNSW (`AND c.ann`). */
async function vectorQuery(tenant: TTenant, vector: number[], mode: TMode): Promise<string[]> {
  const literal = pgvector.toSql(vector);
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true), set_config('hnsw.ef_search', '100', true)`;
    const rows =
      mode === "ann"
        ? await tx.$queryRaw<{ id: string }[]>`
          SELECT c.id FROM chunks c
          WHERE c.workspace_id = ${tenant.workspaceId} AND c.bot_id = ${tenant.botId} AND c.embedding_dims = 384 AND c.embedding IS NOT NULL AND c.ann
          ORDER BY c.embedding::vector(384) <=> ${literal}::vector(384) LIMIT 50`
        : await tx.$queryRaw<{ id: string }[]>`
          SELECT c.id FROM chunks c
          WHERE c.workspace_id = ${tenant.workspaceId} AND c.bot_id = ${tenant.botId} AND c.embedding_dims = 384 AND c.embedding IS NOT NULL
          ORDER BY c.embedding::vector(384) <=> ${literal}::vector(384) LIMIT 50`;
    return rows.map((r) => r.id);
  });
}

/**
 * The threshold measurement (decision 016): one bot grows by copies of the corpus (each copy's
 * titles differ, so its vectors do too); at each size the 125 questions' vector queries are
 * timed exactly, then the bot is promoted (timed: the cost of moving it into the graph) and
 * the same queries run through HNSW, with recall@10 against the exact lists. The bot is
 * demoted again (ann = false) before it grows further, so later copies are written exactly.
 */
async function thresholdRun(pages: TPage[], questions: { question: string }[], sizes: number[]) {
  const tenant = await createTenant("Threshold Bench", "Threshold bot");
  const embedder = offlineEmbedder();
  const queryVectors = (await embedder.embed(questions.map((q) => q.question))).filter((v) => v.some((x) => x !== 0));
  const rows = [];
  let chunks = 0;
  let copy = 0;
  for (const size of sizes) {
    while (chunks < size) {
      const n = copy++;
      const source = await db().dataSource.create({
        data: { workspaceId: tenant.workspaceId, botId: tenant.botId, type: "file", name: `copy ${n}`, status: "processing", config: {} },
      });
      const indexer = createDocumentIndexer({ source, embedder, knownHashes: new Map() });
      for (const page of pages) {
        const doc = parseMarkdown(await readFile(page.path, "utf8"), { title: page.key });
        // A different title per copy: every chunk's embedded text (title path + text) differs.
        await indexer.add(`copy-${n}/${page.key}`, { ...doc, title: `${doc.title} · Ausgabe ${n} edition` });
      }
      await indexer.finish();
      chunks += (await recordSourceRun(source.id, indexer.stats.failed, indexer.stats.lastFailure)).chunkCount;
    }
    await db().$executeRawUnsafe("VACUUM ANALYZE chunks");
    const time = async (mode: TMode) => {
      for (const v of queryVectors.slice(0, 10)) await vectorQuery(tenant, v, mode);
      const samples: number[] = [];
      const lists: string[][] = [];
      for (let rep = 0; rep < 2; rep++) {
        for (const v of queryVectors) {
          const t = performance.now();
          const ids = await vectorQuery(tenant, v, mode);
          samples.push(performance.now() - t);
          if (rep === 0) lists.push(ids);
        }
      }
      return { latency: latencyOf(samples), lists };
    };
    const exact = await time("exact");
    if (process.argv.includes("--explain")) {
      const [storage] = await db().$queryRaw<{ heap: string; toast: string }[]>`
        SELECT pg_size_pretty(pg_relation_size(c.oid)) AS heap, pg_size_pretty(pg_relation_size(c.reltoastrelid)) AS toast FROM pg_class c WHERE c.relname = 'chunks'`;
      const literal = pgvector.toSql(queryVectors[0]!);
      const plan = await db().$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN (ANALYZE, BUFFERS) SELECT c.id FROM chunks c WHERE c.workspace_id = '${tenant.workspaceId}' AND c.bot_id = '${tenant.botId}' AND c.embedding_dims = 384 AND c.embedding IS NOT NULL ORDER BY c.embedding::vector(384) <=> '${literal}'::vector(384) LIMIT 50`,
      );
      console.log(`chunks heap ${storage!.heap}, toast ${storage!.toast}\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
    }
    const t = performance.now();
    await promoteBot({ workspaceId: tenant.workspaceId, botId: tenant.botId });
    const promoteMs = performance.now() - t;
    const ann = await time("ann");
    const recall10 =
      exact.lists.reduce((sum, list, i) => {
        const top = new Set(list.slice(0, 10));
        return sum + ann.lists[i]!.slice(0, 10).filter((id) => top.has(id)).length / Math.max(1, top.size);
      }, 0) / exact.lists.length;
    rows.push({
      chunks,
      "exact p50 / p95 ms": `${fmt(exact.latency.p50Ms, 1)} / ${fmt(exact.latency.p95Ms, 1)}`,
      "HNSW p50 / p95 ms": `${fmt(ann.latency.p50Ms, 1)} / ${fmt(ann.latency.p95Ms, 1)}`,
      "HNSW recall@10": fmt(recall10, 3),
      "promotion s": fmt(promoteMs / 1000, 1),
      "promotion ms/chunk": fmt(promoteMs / chunks, 2),
    });
    console.log(rows.at(-1));
    // Back to exact for the next size (a bench-only step; the product never demotes).
    await db().$executeRaw`UPDATE chunks SET ann = false WHERE bot_id = ${tenant.botId}`;
    await db().$executeRaw`UPDATE bots SET vector_search = 'exact' WHERE id = ${tenant.botId}`;
    await db().$executeRawUnsafe("VACUUM chunks");
  }
  console.log(`Vector query latency of one bot (${queryVectors.length} questions × 2, offline embedder, 384 dims), batch ${VECTOR_INDEX.batchChunks} chunks per promotion statement:`);
  console.table(rows);
}

async function main(argv: string[]) {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const { pages, questions } = await loadCorpus();
  const dir = await mkdtemp(path.join(tmpdir(), "cw-bench-ingest-"));
  const database = await openBenchDatabase(dir);
  try {
    // An experiment for decision 016: embeddings kept inline in the heap row instead of TOAST.
    if (argv.includes("--storage-main")) await db().$executeRawUnsafe("ALTER TABLE chunks ALTER COLUMN embedding SET STORAGE main");
    if (argv.includes("--threshold")) {
      const sizes = (arg("--sizes") ?? "1000,2000,5000").split(",").map(Number);
      await thresholdRun(pages, questions, sizes);
    } else {
      await throughputRun(pages, { ann: argv.includes("--ann"), rounds: Number(arg("--rounds") ?? 0) });
    }
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2))
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
