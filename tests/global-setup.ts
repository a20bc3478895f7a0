import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "../lib/db/embedded/start-embedded";
import { applyMigrations, listMigrations } from "../lib/db/migrate";
import { EMPTY_TEMPLATE_DIR, TEMPLATE_DIR, TEST_DB_ROOT, TEST_TMP_DIR } from "./helpers/paths";

/**
 * Builds two data directories once (ARCHITECTURE 12, "Test speed"):
 * - tests/.tmp/empty: a freshly initialised PGlite database, for tests that build a
 *   schema from scratch (the schema drift guard);
 * - tests/.tmp/template: the same with the app's migrations applied through the
 *   embedded worker; every integration test file copies it (helpers/test-database.ts).
 * They are rebuilt when the migrations, the embedded worker or the PGlite version
 * change, in a temporary directory first, so an interrupted build never leaves a
 * half-made template behind.
 */
export default async function setup(project: TestProject) {
  await mkdir(TEST_TMP_DIR, { recursive: true });
  await removeStaleDatabases();
  const stamp = await templateStamp();
  if (!(await isCurrent(EMPTY_TEMPLATE_DIR, stamp)) || !(await isCurrent(TEMPLATE_DIR, stamp))) {
    await buildTemplates(stamp);
  }
  project.provide("templateDir", TEMPLATE_DIR);
  project.provide("emptyTemplateDir", EMPTY_TEMPLATE_DIR);
}

async function isCurrent(dir: string, stamp: string): Promise<boolean> {
  const stampFile = path.join(dir, "stamp.txt");
  if (!existsSync(stampFile) || !existsSync(path.join(dir, "pgdata", "PG_VERSION"))) return false;
  return (await readFile(stampFile, "utf8")) === stamp;
}

async function buildTemplates(stamp: string) {
  const emptyBuild = `${EMPTY_TEMPLATE_DIR}.build-${process.pid}`;
  const migratedBuild = `${TEMPLATE_DIR}.build-${process.pid}`;
  await rm(emptyBuild, { recursive: true, force: true });
  await rm(migratedBuild, { recursive: true, force: true });

  await mkdir(emptyBuild, { recursive: true });
  const empty = await PGlite.create(path.join(emptyBuild, "pgdata"));
  await empty.close();
  await writeFile(path.join(emptyBuild, "stamp.txt"), stamp);

  await cp(emptyBuild, migratedBuild, { recursive: true });
  const database = await startEmbeddedDatabase({ dataDir: migratedBuild });
  try {
    await applyMigrations(database.poolConfig);
  } finally {
    await database.stop();
  }
  await rm(path.join(migratedBuild, "run"), { recursive: true, force: true });

  for (const [build, target] of [
    [emptyBuild, EMPTY_TEMPLATE_DIR],
    [migratedBuild, TEMPLATE_DIR],
  ] as const) {
    await rm(target, { recursive: true, force: true });
    await rename(build, target);
  }
}

async function templateStamp(): Promise<string> {
  const hash = createHash("sha256");
  for (const m of await listMigrations()) hash.update(`${m.name}:${m.checksum}\n`);
  hash.update(await readFile(path.resolve("lib/db/embedded/worker.mjs")));
  hash.update(await readFile(path.resolve("lib/db/embedded/extensions.mjs")));
  hash.update(await readFile(path.resolve("node_modules/@electric-sql/pglite/package.json")));
  hash.update(await readFile(path.resolve("node_modules/@electric-sql/pglite-pgvector/package.json")));
  return hash.digest("hex");
}

/** Copies left behind by crashed runs; a concurrent run's fresh copies are kept. */
async function removeStaleDatabases() {
  const entries = await readdir(TEST_DB_ROOT).catch(() => [] as string[]);
  const hourAgo = Date.now() - 60 * 60 * 1000;
  for (const entry of entries) {
    const dir = path.join(TEST_DB_ROOT, entry);
    const info = await stat(dir).catch(() => null);
    if (info && info.mtimeMs < hourAgo) await rm(dir, { recursive: true, force: true });
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDir: string;
    emptyTemplateDir: string;
  }
}
