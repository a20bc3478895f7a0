import path from "node:path";
import pg from "pg";
import type { TEnv } from "../config/env";
import { configureDatabase, disconnectDatabase } from "./client";
import { startEmbeddedDatabase, type TEmbeddedDatabase } from "./embedded/start-embedded";
import { applyMigrations, type TMigrationResult } from "./migrate";

/**
 * The one connection path: embedded PGlite (worker thread + private socket) when
 * DATABASE_URL is unset, otherwise the external server. Both are reached through `pg`,
 * so route handlers, sockets, workers and the admin CLI run the same code.
 */
export type TOpenDatabase = {
  kind: "embedded" | "external";
  ownsEmbedded: boolean;
  migrations: TMigrationResult;
  close(): Promise<void>;
};

export class DatabaseSetupError extends Error {}

export async function openDatabase(
  env: Pick<TEnv, "DATABASE_URL" | "dataDir" | "DB_POOL_SIZE"> & Partial<Pick<TEnv, "EMBEDDED_SHARED_BUFFERS_MB">>,
  options: { migrate?: boolean } = {},
): Promise<TOpenDatabase> {
  let embedded: TEmbeddedDatabase | undefined;
  let connection: pg.ClientConfig;
  if (env.DATABASE_URL) {
    connection = { connectionString: env.DATABASE_URL };
    await checkExternalServer(connection);
  } else {
    embedded = await startEmbeddedDatabase({ dataDir: path.join(env.dataDir), sharedBuffersMb: env.EMBEDDED_SHARED_BUFFERS_MB });
    connection = embedded.poolConfig;
  }
  configureDatabase({ ...connection, max: env.DB_POOL_SIZE });

  let migrations: TMigrationResult = { applied: [], skipped: [] };
  try {
    if (options.migrate !== false) migrations = await applyMigrations(connection);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }

  return {
    kind: embedded ? "embedded" : "external",
    ownsEmbedded: embedded?.owned ?? false,
    migrations,
    async close() {
      await disconnectDatabase();
      await embedded?.stop();
    },
  };
}

async function checkExternalServer(connection: pg.ClientConfig): Promise<void> {
  const client = new pg.Client({ ...connection, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseSetupError(
      `Cannot connect to DATABASE_URL: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    const version = await client.query<{ server_version_num: string }>("SHOW server_version_num");
    if (Number(version.rows[0]!.server_version_num) < 150000) {
      throw new DatabaseSetupError("DATABASE_URL points to PostgreSQL older than 15; Chatwerk needs 15 or newer.");
    }
    const vector = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'");
    if (vector.rowCount === 0) {
      throw new DatabaseSetupError(
        "The PostgreSQL server at DATABASE_URL has no pgvector extension. Install it (Debian/Ubuntu: " +
          "apt install postgresql-<version>-pgvector; managed services: enable the 'vector' extension) " +
          "or unset DATABASE_URL to use the embedded database.",
      );
    }
    const btreeGin = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'btree_gin'");
    if (btreeGin.rowCount === 0) {
      throw new DatabaseSetupError(
        "The PostgreSQL server at DATABASE_URL has no btree_gin extension (part of PostgreSQL's contrib " +
          "modules; Debian/Ubuntu ship it with the server package, managed services list it as 'btree_gin').",
      );
    }
  } finally {
    await client.end();
  }
}
