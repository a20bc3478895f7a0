import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect } from "vitest";
import { configureDatabase, databaseConfig, disconnectDatabase } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { TEST_POSTGRES_URL } from "./external-services";

/**
 * A throwaway database on the machine's native PostgreSQL (TEST_POSTGRES_URL) for the races
 * PGlite cannot show (ARCHITECTURE 12: it runs one transaction at a time). Before the suite:
 * created, given every migration but the vector ones (native PostgreSQL here has no pgvector),
 * and the app's pool pointed at it; after: the pool put back to the embedded database when
 * there was one, and the database dropped. Call inside a `describe.skipIf(!TEST_POSTGRES_URL)`.
 */
export function useNativeDatabase(options: { prefix: string; poolSize: number; beforeConnect?: (url: string) => Promise<void> | void }): { url: () => string } {
  const databaseName = `${options.prefix}_${randomBytes(6).toString("hex")}`;
  let databaseUrl = "";
  let admin: pg.Client | undefined;
  let embedded: pg.PoolConfig | undefined;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${databaseName}`);
    const url = new URL(TEST_POSTGRES_URL!);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.href;
    const result = await applyMigrations({ connectionString: databaseUrl }, { skip: (name) => name.includes("vector") });
    for (const name of result.skipped) expect(name).toContain("vector");
    await options.beforeConnect?.(databaseUrl);
    embedded = embeddedConfig();
    await disconnectDatabase();
    configureDatabase({ connectionString: databaseUrl, max: options.poolSize });
  });

  afterAll(async () => {
    await disconnectDatabase();
    if (embedded) configureDatabase(embedded);
    await admin?.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin?.end();
  });

  return { url: () => databaseUrl };
}

/** The embedded database's pool settings, when this test file has one (useTestDatabase). */
function embeddedConfig(): pg.PoolConfig | undefined {
  try {
    return databaseConfig();
  } catch {
    return undefined;
  }
}

/**
 * Waits until `expected` sessions of the current database wait on a lock (the racers queued
 * behind a gate), failing after 10 s with what every session was doing. Activity statistics
 * are a snapshot per transaction, and a gate is inside one, so each look clears it first.
 */
export async function waitForLockWaiters(client: pg.Client, expected: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await client.query("SELECT pg_stat_clear_snapshot()");
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
    if (Number(rows[0]!.n) >= expected) return;
    if (Date.now() > deadline) {
      const activity = await client.query("SELECT pid, state, wait_event_type, wait_event, left(query, 120) AS query FROM pg_stat_activity WHERE datname = current_database()");
      throw new Error(`Expected ${expected} transactions waiting on a lock, saw ${rows[0]!.n}: ${JSON.stringify(activity.rows)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
