import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * Unit and integration tests (ARCHITECTURE 11). Integration tests run on a real
 * embedded database: tests/global-setup.ts migrates a template data directory once and
 * every test file copies it (tests/helpers/test-database.ts). Each file runs in its own
 * forked process because the database connection, limiters and env live on globalThis.
 */
export default defineConfig({
  resolve: {
    alias: { "@": root },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/global-setup.ts"],
    pool: "forks",
    isolate: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
