/**
 * Writes a new migration from the change between prisma/schema.prisma and the schema
 * as of the last migration (prisma/migrations/schema.snapshot.prisma), offline, with
 * Prisma's WebAssembly schema engine. Usage: npm run db:migration:create -- add_bots
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { closeSchemaDiff, diffDatamodels } from "../lib/db/schema-diff";

const name = (process.argv[2] ?? "").toLowerCase();
if (!/^[a-z][a-z0-9_]{2,60}$/.test(name)) {
  console.error("Usage: npm run db:migration:create -- <name>   (lowercase letters, digits, underscores)");
  process.exit(1);
}

const root = path.resolve("prisma");
const snapshotPath = path.join(root, "migrations", "schema.snapshot.prisma");
const schema = await readFile(path.join(root, "schema.prisma"), "utf8");
const previous = existsSync(snapshotPath) ? await readFile(snapshotPath, "utf8") : null;

const sql = await diffDatamodels(previous, schema);
await closeSchemaDiff();
if (!sql.trim() || sql.includes("This is an empty migration")) {
  console.log("schema.prisma has no changes since the last migration; nothing written.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(root, "migrations", `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, "migration.sql"), sql);
await writeFile(snapshotPath, schema);
console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
console.log("Review it, add hand-written objects (vector indexes, triggers) if needed, then run npm run db:migrate.");
