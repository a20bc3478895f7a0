/**
 * Bench: the embedded database path (decision 001). Same data, same queries, side by side:
 *  - in-process PGlite (queries on the main thread, no wire protocol),
 *  - PGlite in a worker behind the Unix socket, raw `pg`,
 *  - the same socket through Prisma (what the app uses).
 * Reports per-query latency (p50/p95), throughput with 20 concurrent callers, and the
 * main thread's worst event-loop delay during the concurrent run (what socket.io feels).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "../../lib/db/embedded/extensions.mjs";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { startEmbeddedDatabase } from "../../lib/db/embedded/start-embedded";
import { PrismaClient } from "../../lib/db/generated/client";
import { applyMigrations, listMigrations } from "../../lib/db/migrate";

type TRunner = (email: string) => Promise<unknown>;
export type TPathResult = { name: string; p50Ms: number; p95Ms: number; opsPerSec: number; maxLoopDelayMs: number };

const USERS = 2_000;
const SEQUENTIAL = 1_500;
const CONCURRENT_CALLERS = 20;
const CONCURRENT_EACH = 100;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** Largest gap between 1 ms timer ticks: how long the main thread was unavailable. */
function startTicker() {
  let last = performance.now();
  let max = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last);
    last = now;
  }, 1);
  return () => {
    clearInterval(timer);
    return max;
  };
}

async function concurrently(run: TRunner, emails: string[], each: number) {
  await Promise.all(
    Array.from({ length: CONCURRENT_CALLERS }, async (_, c) => {
      for (let i = 0; i < each; i++) await run(emails[(c * 131 + i) % USERS]!);
    }),
  );
}

async function measure(name: string, run: TRunner): Promise<TPathResult> {
  const emails = Array.from({ length: USERS }, (_, i) => `user${i}@bench.test`);
  // Warm up, including every pooled connection.
  await concurrently(run, emails, 10);
  const times: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const t0 = performance.now();
    await run(emails[(i * 7919) % USERS]!);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const stopTicker = startTicker();
  const t0 = performance.now();
  await concurrently(run, emails, CONCURRENT_EACH);
  const seconds = (performance.now() - t0) / 1000;
  const maxGap = stopTicker();
  return {
    name,
    p50Ms: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    opsPerSec: (CONCURRENT_CALLERS * CONCURRENT_EACH) / seconds,
    maxLoopDelayMs: maxGap,
  };
}

const SEED_SQL = `INSERT INTO users (id, email, name, locale, token_version, updated_at)
  SELECT 'u' || g, 'user' || g || '@bench.test', 'User ' || g, 'de', 0, now() FROM generate_series(0, ${USERS - 1}) g`;
const QUERY = "SELECT id, email, name, token_version FROM users WHERE email = $1";

export async function benchDatabasePath(): Promise<TPathResult[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "cw-bench-db-"));
  const results: TPathResult[] = [];
  try {
    // In-process PGlite with the same schema.
    const local = await PGlite.create(path.join(dir, "inproc"), { extensions: PGLITE_EXTENSIONS });
    for (const m of await listMigrations()) await local.exec(m.sql);
    await local.exec(SEED_SQL);
    results.push(await measure("PGlite in-process", (email) => local.query(QUERY, [email])));
    await local.close();

    // Worker + socket.
    const embedded = await startEmbeddedDatabase({ dataDir: path.join(dir, "worker") });
    await applyMigrations(embedded.poolConfig);
    const pool = new pg.Pool({ ...embedded.poolConfig, max: 10 });
    await pool.query(SEED_SQL);
    results.push(await measure("worker + socket, pg", (email) => pool.query(QUERY, [email])));
    const prisma = new PrismaClient({ adapter: new PrismaPg({ ...embedded.poolConfig, max: 10 }) });
    results.push(
      await measure("worker + socket, Prisma", (email) =>
        prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, tokenVersion: true } }),
      ),
    );
    await prisma.$disconnect();
    await pool.end();
    await embedded.stop();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}
