import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

/**
 * Offline schema diffing with Prisma's WebAssembly schema engine. The npm package is
 * built for bundlers, so its wasm module is instantiated by hand here. Diffing two
 * datamodels never opens a database connection; the adapter is required by the
 * constructor only.
 */
type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
};

let enginePromise: Promise<Engine> | undefined;

async function loadEngine(): Promise<Engine> {
  const require = createRequire(import.meta.url);
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bindings = (await import(pathToFileURL(bgPath).href)) as Record<string, unknown> & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
    SchemaEngine: { new: (opts: unknown, log: (msg: string) => void, adapter: object) => Promise<Engine> };
  };
  const bytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, {
    "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  // The engine opens a connection even for datamodel-to-datamodel diffs, so it gets a
  // throwaway in-memory PGlite of its own, reached over a private Unix socket.
  const scratch = await startScratchPglite();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(scratch.poolConfig));
  const instanceEngine = await bindings.SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
  return Object.assign(instanceEngine, { close: scratch.close });
}

async function startScratchPglite() {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const dir = await mkdtemp(path.join(tmpdir(), "cw-diff-"));
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, path: path.join(dir, ".s.PGSQL.5432"), maxConnections: 4 });
  await server.start();
  return {
    poolConfig: { host: dir, port: 5432, user: "postgres", database: "postgres", max: 2 },
    close: async () => {
      await server.stop();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Releases the scratch database; call once when a script is done diffing. */
export async function closeSchemaDiff(): Promise<void> {
  if (!enginePromise) return;
  const e = (await enginePromise) as Engine & { close?: () => Promise<void> };
  enginePromise = undefined;
  await e.close?.();
}

function engine(): Promise<Engine> {
  enginePromise ??= loadEngine();
  return enginePromise;
}

const noFilter = { externalTables: [], externalEnums: [] };

/** SQL that turns a database built from `from` (or an empty one) into `to`. */
export async function diffDatamodels(from: string | null, to: string): Promise<string> {
  const target = (content: string) => ({
    tag: "schemaDatamodel",
    files: [{ path: "schema.prisma", content }],
  });
  const result = await (await engine()).diff({
    from: from === null ? { tag: "empty" } : target(from),
    to: target(to),
    script: true,
    exitCode: null,
    filters: noFilter,
  });
  return result.stdout ?? "";
}
