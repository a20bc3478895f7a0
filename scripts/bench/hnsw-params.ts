/**
 * `tsx scripts/bench/hnsw-params.ts [m:ef_construction ...]`: the experiment behind the HNSW
 * parameters of the chunk index (docs/decisions/011). For each pair, on private copies of
 * the cached 100,000-chunk fixture (`npm run bench:retrieval -- --large` builds it) and of a
 * fresh database: rebuild the 384-dimension HNSW index with those parameters, then measure
 * ANN recall@10 of the large bot's vector query against the exact answer (index scans off),
 * p50/p95 of that query, and ingestion of the 66 corpus files (fresh, and into the 100k graph)
 * by bots in "ann" vector-search mode, whose chunks go into the HNSW graph.
 * Slow (each 100k build takes minutes); not part of `npm run bench`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pgvector from "pgvector";
import { db } from "../../lib/db/client";
import { offlineEmbedder } from "../../lib/kb/embed/embedder";
import { loadCorpus } from "./retrieval-corpus";
import { createTenant, openBenchDatabase } from "./retrieval-db";
import { ingestMarkdownFiles } from "./retrieval-ingest";
import { prepareLargeFixture } from "./retrieval-large";
import { latencyOf } from "./retrieval-metrics";

const CACHE_ROOT = path.resolve("bench/.cache");

async function rebuildHnsw(m: number, ef: number) {
  await db().$executeRawUnsafe("DROP INDEX IF EXISTS chunks_embedding_384_hnsw");
  const t = performance.now();
  await db().$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL maintenance_work_mem = '512MB'");
      await tx.$executeRawUnsafe(
        `CREATE INDEX chunks_embedding_384_hnsw ON chunks USING hnsw ((embedding::vector(384)) vector_cosine_ops) WITH (m = ${m}, ef_construction = ${ef}) WHERE embedding_dims = 384 AND ann`,
      );
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
  return performance.now() - t;
}

async function topIds(workspaceId: string, botId: string, vec: number[], exact: boolean) {
  const literal = pgvector.toSql(vec);
  return db().$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe("SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true)");
      if (exact) await tx.$executeRawUnsafe("SET LOCAL enable_indexscan = off");
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT c.id FROM chunks c
        WHERE c.workspace_id = ${workspaceId} AND c.bot_id = ${botId} AND c.embedding_dims = 384 AND c.embedding IS NOT NULL AND c.ann
        ORDER BY c.embedding::vector(384) <=> ${literal}::vector(384)
        LIMIT 10`;
      return rows.map((r) => r.id);
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}

/** A tenant whose bot is in "ann" mode, so the corpus it ingests goes into the HNSW graph (the cost measured here). */
async function annTenant(workspace: string, bot: string) {
  const tenant = await createTenant(workspace, bot);
  await db().$executeRaw`UPDATE bots SET vector_search = 'ann' WHERE id = ${tenant.botId}`;
  return tenant;
}

async function main() {
  const args = process.argv.slice(2);
  const pairs = (args.length ? args : ["16:64", "12:32", "8:24"]).map((p) => p.split(":").map(Number) as [number, number]);
  const { pages, questions } = await loadCorpus();
  const files = pages.map((p) => ({ key: p.key, path: p.path }));
  const embedder = offlineEmbedder();
  const vectors = await embedder.embed(questions.map((q) => q.question));
  const rows: Record<string, string>[] = [];
  for (const [m, ef] of pairs) {
    const freshDir = await mkdtemp(path.join(tmpdir(), "cw-hnsw-fresh-"));
    let fresh = 0;
    {
      const database = await openBenchDatabase(freshDir);
      try {
        await rebuildHnsw(m, ef);
        const tenant = await annTenant("Fresh", "Fresh bot");
        await ingestMarkdownFiles({ workspaceId: tenant.workspaceId, botId: tenant.botId, name: "Warm-up", files }, embedder);
        const second = await annTenant("Fresh two", "Fresh bot two");
        fresh = (await ingestMarkdownFiles({ workspaceId: second.workspaceId, botId: second.botId, name: "Corpus", files }, embedder)).timings.docsPerSec;
      } finally {
        await database.close();
        await rm(freshDir, { recursive: true, force: true });
      }
    }
    const dir = await mkdtemp(path.join(tmpdir(), "cw-hnsw-"));
    try {
      const fixture = await prepareLargeFixture({ cacheRoot: CACHE_ROOT, workDir: dir, pages, rebuild: false });
      const database = await openBenchDatabase(dir);
      try {
        const buildMs = await rebuildHnsw(m, ef);
        const { workspaceId, botId } = fixture.meta;
        let hits = 0;
        const samples: number[] = [];
        for (const vec of vectors) {
          const t = performance.now();
          const ann = await topIds(workspaceId, botId, vec, false);
          samples.push(performance.now() - t);
          const exact = new Set(await topIds(workspaceId, botId, vec, true));
          hits += ann.filter((id) => exact.has(id)).length;
        }
        const latency = latencyOf(samples.sort((a, b) => a - b));
        const tenant = await annTenant("Ingest", "Ingest bot");
        const atScale = (await ingestMarkdownFiles({ workspaceId: tenant.workspaceId, botId: tenant.botId, name: "Corpus", files }, embedder)).timings.docsPerSec;
        const row = {
          "m:ef_construction": `${m}:${ef}`,
          "100k build s": (buildMs / 1000).toFixed(1),
          "ANN recall@10": (hits / (vectors.length * 10)).toFixed(3),
          "vector p50 ms": latency.p50Ms.toFixed(1),
          "vector p95 ms": latency.p95Ms.toFixed(1),
          "ingest docs/s fresh (2nd pass)": fresh.toFixed(1),
          "ingest docs/s at 100k": atScale.toFixed(1),
        };
        console.log(JSON.stringify(row));
        rows.push(row);
      } finally {
        await database.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  console.table(rows);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
