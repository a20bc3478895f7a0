import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TEST_TMP_DIR = path.join(REPO_ROOT, "tests", ".tmp");
export const TEMPLATE_DIR = path.join(TEST_TMP_DIR, "template");
/** Per-file copies of the template; short paths keep the Unix socket under its length limit. */
export const TEST_DB_ROOT = path.join(TEST_TMP_DIR, "db");
export const MIGRATIONS_SOURCE_DIR = path.join(REPO_ROOT, "prisma", "migrations");
export const SCHEMA_PATH = path.join(REPO_ROOT, "prisma", "schema.prisma");
/** A freshly initialised, empty PGlite data directory (no extensions created, no tables). */
export const EMPTY_TEMPLATE_DIR = path.join(TEST_TMP_DIR, "empty");
