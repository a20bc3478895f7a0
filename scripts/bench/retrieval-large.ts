/**
 * The 100,000-chunk scale fixture of the retrieval bench (`--large`): a second tenant
 * ("Scale Tenant") whose bot holds synthetic chunks made of the help-centre vocabulary,
 * embedded with the offline embedder and indexed like real chunks of a large bot
 * (trigger-kept tsvector, the (bot_id, tsv) GIN index, the per-dimension HNSW index: every
 * chunk has ann = true and the bot is in "ann" vector-search mode).
 *
 * Building it is slow on PGlite (single-threaded WASM), so the finished data directory is
 * cached under bench/.cache/<key>/ (gitignored) and copied for each run; the key changes
 * with the generator, the chunk count, the embedder, the PGlite/pgvector versions and the
 * migrations, so a stale fixture is never reused. Inserting into an HNSW-indexed table runs
 * at ~160 rows/s here (ARCHITECTURE 5), so the build drops the HNSW and GIN indexes of its
 * own, private database, bulk-loads, and recreates them from their exact definitions
 * (pg_indexes.indexdef), reporting each build time.
 */
import { createHash, randomUUID } from "node:crypto";
import { cp, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import pgvector from "pgvector";
import { databaseConfig, db, Prisma } from "../../lib/db/client";
import { listMigrations } from "../../lib/db/migrate";
import { offlineEmbedder } from "../../lib/kb/embed/embedder";
import { OFFLINE_DIMENSIONS, OFFLINE_MODEL } from "../../lib/kb/embed/offline-embedder";
import { createTenant, openBenchDatabase } from "./retrieval-db";

export const LARGE_CHUNKS = 100_000;
const CHUNKS_PER_DOCUMENT = 100;
const INSERT_BATCH = 500;
/** Bump when the generated text, ids or build steps change. */
const GENERATOR_VERSION = "g2";
const SEED = 20261121;
/** HNSW builds much faster when the whole graph fits in maintenance_work_mem (default 64 MB). */
const INDEX_BUILD_MEMORY = "512MB";
const REBUILT_INDEXES = ["chunks_embedding_384_hnsw", "chunks_bot_tsv_gin"];

export type TCorpusPage = { lang: string; body: string };

export type TLargeMeta = {
  key: string;
  createdAt: string;
  chunks: number;
  documents: number;
  workspaceId: string;
  botId: string;
  sourceId: string;
  build: {
    embedMs: number;
    insertMs: number;
    insertRowsPerSec: number;
    indexes: { name: string; ms: number; maintenanceWorkMem: string }[];
    analyzeMs: number;
    totalMs: number;
  };
};

async function packageVersion(name: string): Promise<string> {
  const json = JSON.parse(await readFile(path.resolve("node_modules", name, "package.json"), "utf8")) as { version: string };
  return json.version;
}

export async function largeFixtureKey(): Promise<string> {
  const migrations = createHash("sha256")
    .update((await listMigrations()).map((m) => `${m.name}:${m.checksum}`).join("\n"))
    .digest("hex")
    .slice(0, 10);
  const pglite = await packageVersion("@electric-sql/pglite");
  const vector = await packageVersion("@electric-sql/pglite-pgvector");
  return `retrieval-large-${GENERATOR_VERSION}-n${LARGE_CHUNKS}-${OFFLINE_MODEL}-${OFFLINE_DIMENSIONS}-pglite${pglite}-vec${vector}-mig${migrations}`;
}

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every word occurrence of the pages of one language: drawing from it follows word frequency. */
function vocabulary(pages: TCorpusPage[], lang: string): string[] {
  const words = pages.filter((p) => p.lang === lang).flatMap((p) => p.body.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []);
  if (words.length === 0) throw new Error(`No ${lang} vocabulary in the corpus`);
  return words;
}

function sentenceText(next: () => number, words: string[], wordCount: number): string {
  const out: string[] = [];
  let sentence: string[] = [];
  let sentenceLength = 6 + Math.floor(next() * 11);
  for (let i = 0; i < wordCount; i++) {
    const word = words[Math.floor(next() * words.length)]!;
    sentence.push(sentence.length === 0 ? word[0]!.toUpperCase() + word.slice(1) : word);
    if (sentence.length >= sentenceLength || i === wordCount - 1) {
      out.push(`${sentence.join(" ")}.`);
      sentence = [];
      sentenceLength = 6 + Math.floor(next() * 11);
    }
  }
  return out.join(" ");
}

async function withClient<T>(run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const { max: _max, ...config } = databaseConfig();
  const pool = new pg.Pool({ ...config, max: 1 });
  const client = await pool.connect();
  try {
    return await run(client);
  } finally {
    client.release();
    await pool.end();
  }
}

/** Recreates an index from its definition in one transaction with more maintenance memory. */
async function buildIndex(definition: string): Promise<string> {
  return withClient(async (client) => {
    try {
      await client.query("BEGIN");
      await client.query(`SET LOCAL maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`);
      await client.query(definition);
      await client.query("COMMIT");
      return INDEX_BUILD_MEMORY;
    } catch (error) {
      await client.query("ROLLBACK");
      console.warn(`  index build with ${INDEX_BUILD_MEMORY} failed (${error instanceof Error ? error.message : String(error)}); retrying with the default`);
      await client.query(definition);
      return "default";
    }
  });
}

async function buildLargeFixture(dataDir: string, key: string, pages: TCorpusPage[]): Promise<TLargeMeta> {
  const started = performance.now();
  const database = await openBenchDatabase(dataDir);
  try {
    const tenant = await createTenant("Scale Tenant", "Scale bot");
    const embedder = offlineEmbedder();
    const source = await db().dataSource.create({
      data: { workspaceId: tenant.workspaceId, botId: tenant.botId, type: "file", name: `Synthetic ${LARGE_CHUNKS} chunks`, status: "processing" },
    });

    const definitions = await db().$queryRaw<{ indexname: string; indexdef: string }[]>`
      SELECT indexname, indexdef FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = 'chunks' AND indexname IN (${Prisma.join(REBUILT_INDEXES)})`;
    if (definitions.length !== REBUILT_INDEXES.length) throw new Error(`Expected indexes ${REBUILT_INDEXES.join(", ")} on chunks`);
    for (const { indexname } of definitions) await db().$executeRawUnsafe(`DROP INDEX "${indexname}"`);

    const languages = ["german", "english"] as const;
    const words = { german: vocabulary(pages, "de"), english: vocabulary(pages, "en") };
    const next = random(SEED);
    const documentCount = Math.ceil(LARGE_CHUNKS / CHUNKS_PER_DOCUMENT);
    const documents = Array.from({ length: documentCount }, (_, d) => {
      const language = languages[d % 2]!;
      return { id: randomUUID(), language, title: `Synthetic ${d + 1}: ${sentenceText(next, words[language], 3).replace(/\.$/, "")}` };
    });
    await db().document.createMany({
      data: documents.map((doc, d) => ({
        id: doc.id, workspaceId: tenant.workspaceId, botId: tenant.botId, sourceId: source.id, key: `synthetic-${d + 1}`,
        title: doc.title, url: `https://scale.example/docs/${d + 1}`, contentHash: "synthetic",
        chunkCount: Math.min(CHUNKS_PER_DOCUMENT, LARGE_CHUNKS - d * CHUNKS_PER_DOCUMENT),
      })),
    });

    let embedMs = 0;
    let insertMs = 0;
    let written = 0;
    let batch: Prisma.Sql[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const t = performance.now();
      await db().$executeRaw`
        INSERT INTO chunks (id, workspace_id, bot_id, source_id, document_id, ordinal, text, title_path, url, language, embedding_dims, embedding, ann)
        VALUES ${Prisma.join(batch)}`;
      insertMs += performance.now() - t;
      written += batch.length;
      batch = [];
      if (written % 10_000 === 0) console.log(`  ${written.toLocaleString("en")} chunks inserted (${(insertMs / 1000).toFixed(0)} s insert, ${(embedMs / 1000).toFixed(0)} s embed)`);
    };
    for (let i = 0; i < LARGE_CHUNKS; i++) {
      const d = Math.floor(i / CHUNKS_PER_DOCUMENT);
      const doc = documents[d]!;
      const ordinal = i % CHUNKS_PER_DOCUMENT;
      const titlePath = `${doc.title} › Section ${Math.floor(ordinal / 5) + 1}`;
      const text = sentenceText(next, words[doc.language], 40 + Math.floor(next() * 111));
      const t = performance.now();
      const [vector] = await embedder.embed([`${titlePath}\n${text}`]);
      embedMs += performance.now() - t;
      batch.push(
        Prisma.sql`(${randomUUID()}, ${tenant.workspaceId}, ${tenant.botId}, ${source.id}, ${doc.id}, ${ordinal}, ${text},
          ${titlePath}, ${`https://scale.example/docs/${d + 1}`}, ${doc.language}, ${embedder.dimensions}, ${pgvector.toSql(vector!)}::vector, true)`,
      );
      if (batch.length >= INSERT_BATCH) await flush();
    }
    await flush();

    const indexes: TLargeMeta["build"]["indexes"] = [];
    for (const { indexname, indexdef } of definitions) {
      console.log(`  building ${indexname} over ${written.toLocaleString("en")} rows (single-threaded WASM; the HNSW build takes minutes)…`);
      const t = performance.now();
      const memory = await buildIndex(indexdef);
      indexes.push({ name: indexname, ms: performance.now() - t, maintenanceWorkMem: memory });
      console.log(`  ${indexname}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    let t = performance.now();
    await withClient((client) => client.query("ANALYZE chunks"));
    const analyzeMs = performance.now() - t;
    t = performance.now();
    await db().dataSource.update({
      where: { id: source.id },
      data: { status: "ready", documentCount, chunkCount: written, failedCount: 0, lastRunAt: new Date() },
    });
    // A bot this size is searched through the HNSW graph: its chunks were inserted with
    // ann = true (inside the partial index), and the bot is in "ann" mode, as the promotion
    // job (lib/kb/vector-index.ts) leaves a bot past its threshold.
    await db().$executeRaw`UPDATE bots SET vector_search = 'ann' WHERE id = ${tenant.botId}`;

    return {
      key,
      createdAt: new Date().toISOString(),
      chunks: written,
      documents: documentCount,
      workspaceId: tenant.workspaceId,
      botId: tenant.botId,
      sourceId: source.id,
      build: { embedMs, insertMs, insertRowsPerSec: written / (insertMs / 1000), indexes, analyzeMs, totalMs: performance.now() - started },
    };
  } finally {
    await database.close();
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Returns a private copy of the cached fixture in `workDir` (building and caching it first
 * when missing or when `rebuild` is set), with the fixture's metadata.
 */
export async function prepareLargeFixture(options: { cacheRoot: string; workDir: string; pages: TCorpusPage[]; rebuild: boolean }) {
  const key = await largeFixtureKey();
  const cached = path.join(options.cacheRoot, key);
  let built = false;
  if (options.rebuild) await rm(cached, { recursive: true, force: true });
  if (!(await exists(path.join(cached, "meta.json")))) {
    console.log(`Building the ${LARGE_CHUNKS.toLocaleString("en")}-chunk fixture (cached afterwards as ${path.relative(process.cwd(), cached)})`);
    await mkdir(options.cacheRoot, { recursive: true });
    const partial = `${cached}.partial`;
    await rm(partial, { recursive: true, force: true });
    const meta = await buildLargeFixture(partial, key, options.pages);
    await writeFile(path.join(partial, "meta.json"), JSON.stringify(meta, null, 2));
    await rename(partial, cached);
    built = true;
  }
  const meta = JSON.parse(await readFile(path.join(cached, "meta.json"), "utf8")) as TLargeMeta;
  const t = performance.now();
  const skip = new Set(["db.lock", "run", "meta.json"]);
  await cp(cached, options.workDir, { recursive: true, filter: (src) => !(path.dirname(src) === cached && skip.has(path.basename(src))) });
  return { meta, built, copyMs: performance.now() - t, cacheDir: cached };
}
