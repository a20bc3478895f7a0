import { db } from "../client";
import { log } from "../../log/logger";

/**
 * Vacuum and analyze for the embedded database. PGlite runs PostgreSQL in single-user mode,
 * where autovacuum never runs: without this, every visitor message leaves a dead version of
 * its conversation row (the counters move), job-queue rows pile up, and tables and indexes
 * only grow (docs/decisions/018-embedded-vacuum.md). An external server has autovacuum and
 * never runs this.
 *
 * The thresholds are autovacuum's defaults: a table is vacuumed when its dead rows exceed
 * 50 + 20 % of its live rows, and analysed when the rows changed since the last analyse exceed
 * 50 + 10 %. The counts come from the statistics the server keeps anyway (pg_stat_user_tables),
 * flushed about once a second. The embedded engine runs one statement at a time, so each
 * VACUUM holds up other queries while it runs; on tables of this app's size that is
 * milliseconds (the report logs each one).
 */
export const VACUUM_THRESHOLD = { base: 50, scale: 0.2 } as const;
export const ANALYZE_THRESHOLD = { base: 50, scale: 0.1 } as const;

export type TTableStats = { schema: string; table: string; live: number; dead: number; modifiedSinceAnalyze: number };
export type TMaintenanceStep = { table: string; action: "vacuum" | "analyze"; dead: number; ms: number };

/** What a table needs: "vacuum" (VACUUM ANALYZE), "analyze", or nothing. */
export function maintenanceFor(stats: Pick<TTableStats, "live" | "dead" | "modifiedSinceAnalyze">): "vacuum" | "analyze" | null {
  if (stats.dead > VACUUM_THRESHOLD.base + VACUUM_THRESHOLD.scale * stats.live) return "vacuum";
  if (stats.modifiedSinceAnalyze > ANALYZE_THRESHOLD.base + ANALYZE_THRESHOLD.scale * stats.live) return "analyze";
  return null;
}

async function tableStats(): Promise<TTableStats[]> {
  return db().$queryRaw<TTableStats[]>`
    SELECT schemaname AS schema, relname AS "table", n_live_tup::float8 AS live, n_dead_tup::float8 AS dead,
           n_mod_since_analyze::float8 AS "modifiedSinceAnalyze"
    FROM pg_stat_user_tables
    ORDER BY n_dead_tup DESC, relname`;
}

/** One pass: VACUUM (ANALYZE) or ANALYZE of every table over its threshold, one at a time. */
export async function maintainEmbeddedDatabase(): Promise<TMaintenanceStep[]> {
  const steps: TMaintenanceStep[] = [];
  for (const stats of await tableStats()) {
    const action = maintenanceFor(stats);
    if (!action) continue;
    const name = `${quoteIdentifier(stats.schema)}.${quoteIdentifier(stats.table)}`;
    const started = performance.now();
    try {
      await db().$executeRawUnsafe(action === "vacuum" ? `VACUUM (ANALYZE) ${name}` : `ANALYZE ${name}`);
    } catch (error) {
      // A table dropped since the statistics were read (a finished job-queue partition).
      log.warn("Embedded database maintenance skipped a table", { table: name, error: String(error).slice(0, 200) });
      continue;
    }
    steps.push({ table: `${stats.schema}.${stats.table}`, action, dead: stats.dead, ms: Math.round(performance.now() - started) });
  }
  if (steps.length) log.info("Embedded database maintenance", { steps });
  return steps;
}

/** A double-quoted identifier (the names come from the catalog, quoted all the same). */
function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
