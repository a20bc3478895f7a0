import { createHash, randomBytes } from "node:crypto";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, listMigrations, MigrationError } from "@/lib/db/migrate";
import { closeSchemaDiff, diffDatamodels } from "@/lib/db/schema-diff";
import { diffCatalogs, readCatalog, type TCatalogIgnore } from "../helpers/catalog";
import { MIGRATIONS_SOURCE_DIR, SCHEMA_PATH, TEST_DB_ROOT } from "../helpers/paths";
import { startScratchDatabase, type TScratchDatabase } from "../helpers/scratch-database";

/**
 * Guard: prisma/migrations must build exactly the schema that schema.prisma describes
 * (ARCHITECTURE 5 and 12). One fresh database gets the migrations, another the SQL that
 * Prisma's schema engine generates from schema.prisma; their catalogs must agree except
 * for the explicit list of hand-written objects below.
 */
const HAND_WRITTEN: TCatalogIgnore = {
  // pgvector: created by migration 20261121000000_vector_extension; btree_gin by
  // 20261122072813_chunks_ann_vector_indexes. Neither is expressible in schema.prisma.
  extensions: ["vector", "btree_gin"],
  // Migration 20261121205618_knowledge_chunks_vector: the tsvector trigger, its function,
  // the GIN index and the per-dimension HNSW index.
  objects: [
    /^function chunks_tsv_update\(\): /,
    /^trigger chunks\.chunks_tsv: /,
    // 20261122072813_chunks_ann_vector_indexes replaced chunks_tsv_gin with a bot-scoped one.
    /^index chunks\.chunks_bot_tsv_gin: /,
    /^index chunks\.chunks_embedding_\d+_hnsw: /,
    // Migration 20261122010338_billing_ledger: the ledger's checks and append-only trigger.
    /^constraint ledger_entries\.ledger_entries_(amount_positive|two_accounts): /,
    /^constraint ledger_holds\.ledger_holds_amount_positive: /,
    /^constraint ledger_accounts\.ledger_accounts_held_not_negative: /,
    /^function ledger_entries_append_only\(\): /,
    /^trigger ledger_entries\.ledger_entries_append_only: /,
  ],
};
const IGNORE: TCatalogIgnore = { ...HAND_WRITTEN, tables: ["_prisma_migrations"] };

let schema: string;
let migrationsCatalog: string[];
let schemaCatalog: string[];

async function withScratch<T>(label: string, fn: (db: TScratchDatabase) => Promise<T>): Promise<T> {
  const db = await startScratchDatabase(label);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

function catalogFromMigrations(dir = MIGRATIONS_SOURCE_DIR, ignore = IGNORE) {
  return withScratch("migrations", async (db) => {
    await applyMigrations(db.connection, { dir });
    return readCatalog(db.query, ignore);
  });
}

async function catalogFromSchema(datamodel: string, ignore = IGNORE) {
  const sql = await diffDatamodels(null, datamodel);
  return withScratch("schema", async (db) => {
    // schema.prisma uses pgvector types; the extension itself is hand-written (see HAND_WRITTEN).
    await db.query("CREATE EXTENSION IF NOT EXISTS vector");
    await db.query(sql);
    return readCatalog(db.query, ignore);
  });
}

async function migrationsCopy(): Promise<string> {
  await mkdir(TEST_DB_ROOT, { recursive: true });
  const dir = path.join(TEST_DB_ROOT, `migrations-copy-${randomBytes(4).toString("hex")}`);
  await cp(MIGRATIONS_SOURCE_DIR, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  schema = await readFile(SCHEMA_PATH, "utf8");
  [migrationsCatalog, schemaCatalog] = await Promise.all([catalogFromMigrations(), catalogFromSchema(schema)]);
});

afterAll(async () => {
  await closeSchemaDiff();
});

describe("schema drift guard", () => {
  it("the migrations build exactly the schema in schema.prisma", () => {
    expect(diffCatalogs({ label: "migrations", lines: migrationsCatalog }, { label: "schema.prisma", lines: schemaCatalog })).toEqual([]);
  });

  it("compares a real catalog (every mapped table, its columns, keys and indexes)", () => {
    const tables = [...schema.matchAll(/@@map\("([a-z_]+)"\)/g)].map((m) => m[1]!);
    expect(tables.length).toBeGreaterThanOrEqual(9);
    for (const table of tables) expect(migrationsCatalog, table).toContain(`table ${table}: r`);
    expect(migrationsCatalog).toContain("column users.email: text NOT NULL");
    expect(migrationsCatalog).toContain("column users.token_version: integer NOT NULL DEFAULT 0");
    expect(migrationsCatalog).toContain("enum Role: owner,admin,operator");
    expect(migrationsCatalog.some((l) => l.startsWith("constraint memberships.memberships_workspace_id_fkey: FOREIGN KEY (workspace_id) REFERENCES workspaces(id) ON UPDATE CASCADE ON DELETE CASCADE"))).toBe(true);
    expect(migrationsCatalog.some((l) => l.startsWith("index users.users_email_key: CREATE UNIQUE INDEX"))).toBe(true);
  });

  it("broken twin: a column added to schema.prisma without a migration is reported", async () => {
    const changed = schema.replace(/(model User \{[\s\S]*?)(\n\s*@@map\("users"\))/, "$1\n  nickname String?$2");
    expect(changed).not.toBe(schema);
    const differences = diffCatalogs({ label: "migrations", lines: migrationsCatalog }, { label: "schema.prisma", lines: await catalogFromSchema(changed) });
    expect(differences).toEqual(["only in schema.prisma: column users.nickname: text NULL"]);
  });

  it("broken twin: a migrations folder missing its last migration is reported", async () => {
    const dir = await migrationsCopy();
    try {
      // The last migration that Prisma's schema knows about (later ones may hold only
      // hand-written objects, such as more HNSW indexes or a column's storage, which the
      // catalog diff ignores).
      const migrations = await listMigrations(dir);
      const withSchema = [];
      for (const m of migrations) {
        const sql = await readFile(path.join(dir, m.name, "migration.sql"), "utf8");
        // Prisma's generated steps are headed "-- CreateTable", "-- AlterTable", "-- CreateEnum"…
        if (/^-- (CreateTable|AlterTable|CreateEnum|AlterEnum)$/m.test(sql)) withSchema.push(m);
      }
      await rm(path.join(dir, withSchema.at(-1)!.name), { recursive: true });
      const differences = diffCatalogs({ label: "migrations", lines: await catalogFromMigrations(dir) }, { label: "schema.prisma", lines: schemaCatalog });
      expect(differences.length).toBeGreaterThan(0);
      expect(differences.every((d) => d.startsWith("only in schema.prisma: "))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("broken twin: without the hand-written list, every hand-written object is reported", async () => {
    const all = await catalogFromMigrations(MIGRATIONS_SOURCE_DIR, { tables: ["_prisma_migrations"] });
    const differences = diffCatalogs({ label: "migrations", lines: all }, { label: "schema.prisma", lines: schemaCatalog });
    const explained = (d: string) => HAND_WRITTEN.objects!.some((pattern) => pattern.test(d.replace(/^only in migrations: /, "")));
    for (const pattern of HAND_WRITTEN.objects!) {
      expect(differences.filter((d) => pattern.test(d.replace(/^only in migrations: /, ""))).length, String(pattern)).toBeGreaterThan(0);
    }
    // Nothing else differs: every difference is the extension or a listed hand-written object.
    const extensions = ["only in migrations: extension vector: ", "only in migrations: extension btree_gin: "];
    for (const line of extensions) expect(differences).toContain(line);
    expect(differences.filter((d) => !extensions.includes(d) && !explained(d))).toEqual([]);
    // One HNSW index per supported embedding size.
    expect(differences.filter((d) => /chunks_embedding_\d+_hnsw/.test(d))).toHaveLength(4);
  });

  it("the committed snapshot of the last migrated schema equals schema.prisma", async () => {
    const snapshot = await readFile(path.join(MIGRATIONS_SOURCE_DIR, "schema.snapshot.prisma"), "utf8");
    const sql = await diffDatamodels(snapshot, schema);
    expect(sql).toContain("This is an empty migration");
  });
});

describe("applyMigrations", () => {
  it("applies every migration once, in order, and records it for Prisma", async () => {
    const migrations = await listMigrations();
    await withScratch("idempotent", async (db) => {
      const first = await applyMigrations(db.connection);
      expect(first).toEqual({ applied: migrations.map((m) => m.name), skipped: [] });
      const second = await applyMigrations(db.connection);
      expect(second).toEqual({ applied: [], skipped: [] });

      const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
        `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(migrations.map((m) => [m.name, createHash("sha256").update(m.sql).digest("hex")]));
      expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
    });
  });

  it("refuses a migration that was changed after it was applied", async () => {
    const dir = await migrationsCopy();
    try {
      await withScratch("checksum", async (db) => {
        await applyMigrations(db.connection, { dir });
        const last = (await listMigrations(dir)).at(-1)!;
        await writeFile(path.join(dir, last.name, "migration.sql"), `${last.sql}\n-- edited afterwards\n`);

        const error = await applyMigrations(db.connection, { dir }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(MigrationError);
        expect((error as Error).message).toBe(
          `Migration ${last.name} was changed after it was applied. Restore it and add a new migration instead.`,
        );
        const [row] = await db.query<{ count: string }>(`SELECT count(*) FROM "_prisma_migrations"`);
        expect(Number(row!.count)).toBe((await listMigrations(dir)).length);
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("rolls a failing migration back completely and applies it once fixed", async () => {
    const dir = await migrationsCopy();
    try {
      await withScratch("rollback", async (db) => {
        await applyMigrations(db.connection, { dir });
        const name = "29991231235959_add_notes";
        await mkdir(path.join(dir, name));
        await writeFile(path.join(dir, name, "migration.sql"), `CREATE TABLE "notes" ("id" TEXT PRIMARY KEY);\nALTER TABLE "notes" ADD COLUMN "body" NO_SUCH_TYPE;\n`);

        await expect(applyMigrations(db.connection, { dir })).rejects.toThrow(new RegExp(`^Migration ${name} failed: `));
        expect(await db.query(`SELECT 1 FROM pg_class WHERE relname = 'notes'`)).toEqual([]);
        expect(await db.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [name])).toEqual([]);

        await writeFile(path.join(dir, name, "migration.sql"), `CREATE TABLE "notes" ("id" TEXT PRIMARY KEY, "body" TEXT);\n`);
        await expect(applyMigrations(db.connection, { dir })).resolves.toEqual({ applied: [name], skipped: [] });
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("skips migrations on request without recording them, so a later run applies them", async () => {
    await withScratch("skip", async (db) => {
      const vectorMigrations = (await listMigrations()).filter((m) => m.name.includes("vector")).map((m) => m.name);
      expect(vectorMigrations.length).toBeGreaterThan(0);
      const first = await applyMigrations(db.connection, { skip: (name) => name.includes("vector") });
      expect(first.skipped).toEqual(vectorMigrations);
      for (const name of vectorMigrations) expect(first.applied).not.toContain(name);
      expect(await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'vector'`)).toEqual([]);

      await expect(applyMigrations(db.connection)).resolves.toEqual({ applied: vectorMigrations, skipped: [] });
      expect(await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'vector'`)).toHaveLength(1);
    });
  });
});
