import { randomBytes } from "node:crypto";
import { cp, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "../../lib/db/embedded/extensions.mjs";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import pg from "pg";
import { inject } from "vitest";
import { TEST_DB_ROOT } from "./paths";

export type TScratchDatabase = {
  /** For pg.Client / applyMigrations, like the app's own connection path. */
  connection: pg.ClientConfig;
  query<R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
};

/**
 * A fresh, empty PostgreSQL (PGlite, pgvector available but not created) served over a
 * private Unix socket and reached only through `pg`, like the app reaches its database.
 * Starts from a copy of the empty template that tests/global-setup.ts initialised.
 */
export async function startScratchDatabase(label = "scratch"): Promise<TScratchDatabase> {
  await mkdir(TEST_DB_ROOT, { recursive: true });
  const dir = path.join(TEST_DB_ROOT, `${label}-${randomBytes(4).toString("hex")}`);
  await cp(path.join(inject("emptyTemplateDir"), "pgdata"), path.join(dir, "pgdata"), { recursive: true });
  const db = await PGlite.create(path.join(dir, "pgdata"), { extensions: PGLITE_EXTENSIONS });
  const server = new PGLiteSocketServer({ db, path: path.join(dir, ".s.PGSQL.5432"), maxConnections: 4 });
  await server.start();
  const connection: pg.ClientConfig = { host: dir, port: 5432, user: "postgres", database: "postgres" };
  const client = new pg.Client(connection);
  await client.connect();
  return {
    connection,
    async query(sql, params) {
      return (await client.query(sql, params)).rows;
    },
    async close() {
      await client.end();
      await server.stop();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
