import { randomBytes } from "node:crypto";
import { cp, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { env, setRuntimeEnv } from "@/lib/config/env";
import { openDatabase, type TOpenDatabase } from "@/lib/db/open-database";
import { resetRateLimiters } from "@/lib/rate-limit/rate-limit";
import { closeRedis } from "@/lib/redis/redis";
import { TEST_DB_ROOT } from "./paths";

export const TEST_BASE_URL = "http://localhost:3999";

/**
 * The environment every integration test file starts from. Variables the developer's
 * shell may carry (DATABASE_URL, REDIS_URL, SMTP_URL, Google) are blanked, so a test
 * file only talks to an external service when it asks for it explicitly.
 */
export const TEST_ENV: Record<string, string> = {
  NODE_ENV: "test",
  SEED_DEMO: "false",
  LOG_LEVEL: "error",
  NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123",
  ENCRYPTION_KEY: "0123456789abcdef".repeat(4),
  BASE_URL: TEST_BASE_URL,
  DATABASE_URL: "",
  REDIS_URL: "",
  SMTP_URL: "",
  GOOGLE_CLIENT_ID: "",
  GOOGLE_CLIENT_SECRET: "",
};

/** Copies the migrated template data directory (tests/global-setup.ts) to a fresh directory. */
export async function copyTemplate(label = "db"): Promise<string> {
  await mkdir(TEST_DB_ROOT, { recursive: true });
  const dir = path.join(TEST_DB_ROOT, `${label}-${randomBytes(4).toString("hex")}`);
  const skip = new Set(["db.lock", "run", "outbox", "stamp.txt"]);
  await cp(inject("templateDir"), dir, {
    recursive: true,
    filter: (source) => !skip.has(path.basename(source)) || path.dirname(source) !== inject("templateDir"),
  });
  return dir;
}

export type TTestDatabase = { readonly dataDir: string; readonly database: TOpenDatabase };

/**
 * A real embedded database for one test file: a copy of the template, opened through
 * the app's own connection path (openDatabase), closed and deleted after the file.
 * Rate limiters start fresh before every test unless `resetLimiters` is false.
 */
export function useTestDatabase(options: { env?: Record<string, string>; resetLimiters?: boolean } = {}): TTestDatabase {
  let dataDir = "";
  let database: TOpenDatabase | undefined;

  beforeAll(async () => {
    dataDir = await copyTemplate();
    setRuntimeEnv({ ...TEST_ENV, DATA_DIR: dataDir, ...options.env });
    database = await openDatabase(env());
  });

  afterAll(async () => {
    await database?.close();
    await closeRedis();
    resetRateLimiters();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  if (options.resetLimiters !== false) beforeEach(() => resetRateLimiters());

  return {
    get dataDir() {
      return dataDir;
    },
    get database() {
      if (!database) throw new Error("useTestDatabase: the database is opened in beforeAll");
      return database;
    },
  };
}
