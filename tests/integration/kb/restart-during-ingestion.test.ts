import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { createBot } from "@/lib/bots/bots";
import { env, setRuntimeEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { openDatabase, type TOpenDatabase } from "@/lib/db/open-database";
import { QUEUES, stopJobQueue } from "@/lib/jobs/queue";
import { chunkDocument } from "@/lib/kb/chunk/chunk-document";
import { htmlToBlocks } from "@/lib/kb/parse/parse-html";
import { searchBot } from "@/lib/kb/search";
import { createSource } from "@/lib/kb/sources";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { REPO_ROOT } from "../../helpers/paths";
import { copyTemplate, TEST_ENV } from "../../helpers/test-database";

/**
 * Issue 3 "restart during ingestion": a website source is ingested by the real workers
 * (server/workers.ts, pg-boss) in a separate process that owns the embedded database. The
 * process is killed (SIGKILL, no shutdown code runs) while the crawl is half done, a new
 * process starts on the same data directory, and the source must end `ready` with exactly
 * the site's documents and chunks: none lost, none twice, nothing left processing or active,
 * and the documents indexed before the crash are kept, not written again.
 */
const PAGES = 40;
/** Pages from this number on are held back until the first worker process is dead. */
const HELD_FROM = 12;
const WORDS = ["shipping", "returns", "warranty", "invoices", "batteries", "brakes", "tyres", "lights", "locks", "saddles"];

function pageHtml(n: number): string {
  const topic = WORDS[n % WORDS.length]!;
  return `<!doctype html><html lang="en"><head><title>Guide ${n}</title></head><body>
<nav><a href="/">Home</a> <a href="/guide-${(n + 1) % PAGES}">Next</a></nav>
<main><h1>Guide ${n}: ${topic} for the K${n} cargo bike</h1>
<h2>Overview</h2>
<p>This guide explains ${topic} for owners of the K${n} cargo bike. The service code of this guide is quokka${n}; quote it when you contact the workshop about ${topic}.</p>
<h2>Step by step</h2>
<p>First check the ${topic} section of your manual, then open the app and choose the K${n} model. Our team answers requests about ${topic} within ${n + 2} hours on working days.</p>
<ul><li>Keep the receipt of the K${n}.</li><li>Photograph the part before you send it.</li></ul>
</main><footer>© Fixture Bikes</footer></body></html>`;
}

function indexHtml(): string {
  const links = Array.from({ length: PAGES }, (_, n) => `<a href="/guide-${n}">Guide ${n}</a>`).join(" ");
  return `<!doctype html><html lang="en"><head><title>Fixture Bikes help</title></head><body>
<nav>${links}</nav>
<main><h1>Fixture Bikes help centre</h1><p>Guides for every cargo bike we build, from shipping to saddles.</p></main></body></html>`;
}

type TSite = { origin: string; release(): void; close(): Promise<void> };

/** The site to crawl; guides from HELD_FROM on wait for `release()`, so the crash lands mid-crawl. */
async function startSite(): Promise<TSite> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = http.createServer((req, res) => {
    const send = (status: number, body: string, type = "text/html; charset=utf-8") => {
      if (!res.destroyed) res.writeHead(status, { "content-type": type }).end(body);
    };
    const url = req.url ?? "/";
    if (url === "/robots.txt") return send(200, "User-agent: *\nAllow: /\n", "text/plain");
    if (url === "/") return send(200, indexHtml());
    const n = /^\/guide-(\d+)$/.exec(url)?.[1];
    if (n === undefined || Number(n) >= PAGES) return send(404, "<h1>Not found</h1>");
    if (Number(n) < HELD_FROM) return send(200, pageHtml(Number(n)));
    void released.then(() => send(200, pageHtml(Number(n))));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    release,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type TWorkerProcess = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function startWorkerProcess(dataDir: string): TWorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "tests/integration/kb/ingest-worker-process.ts")], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...TEST_ENV, DATA_DIR: dataDir, FETCH_ALLOW_HOSTS: "127.0.0.1", LOG_LEVEL: "info" },
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number, diagnostics = () => ""): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}\n${diagnostics()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts a worker process and joins its database (as the admin CLI would) once it is ready. */
async function startAndJoin(dataDir: string): Promise<{ worker: TWorkerProcess; database: TOpenDatabase }> {
  const worker = startWorkerProcess(dataDir);
  let exitCode: number | null | undefined;
  void worker.exited.then((code) => (exitCode = code));
  await until("the worker process", async () => exitCode === undefined && worker.output().includes("worker-ready"), 60_000, () => `exit ${exitCode}\n${worker.output()}`);
  if (exitCode !== undefined) throw new Error(`worker exited with ${exitCode}:\n${worker.output()}`);
  const database = await openDatabase(env(), { migrate: false });
  expect(database).toMatchObject({ kind: "embedded", ownsEmbedded: false });
  return { worker, database };
}

type TIngestJobRow = { id: string; state: string; retry_count: number; source_id: string };

function jobsOf(sourceId: string) {
  return db().$queryRaw<TIngestJobRow[]>`
    SELECT id::text AS id, state::text AS state, retry_count, data->>'sourceId' AS source_id
    FROM pgboss.job WHERE name = ${QUEUES.ingestSource} AND data->>'sourceId' = ${sourceId}`;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

describe("restart during ingestion", () => {
  it("a source whose worker process is killed mid-crawl is resumed after the restart and ends ready with exactly its documents", async () => {
    const site = await startSite();
    cleanups.push(() => site.close());
    const dataDir = await copyTemplate("restart");
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    setRuntimeEnv({ ...TEST_ENV, DATA_DIR: dataDir, FETCH_ALLOW_HOSTS: "127.0.0.1" });

    // The owner adds the website while no worker runs (this process owns the database).
    const owner = await openDatabase(env());
    const { ctx } = await createOwnerWithWorkspace("Restart Bikes");
    const bot = await createBot(ctx, { name: "Bikes" });
    const source = await createSource(ctx, bot.id, { type: "url", url: `${site.origin}/`, maxPages: 100, maxDepth: 2 });
    await stopJobQueue();
    await owner.close();

    // What the finished source must hold: the index page and every guide, each chunked once.
    const urls = [`${site.origin}/`, ...Array.from({ length: PAGES }, (_, n) => `${site.origin}/guide-${n}`)];
    const expectedChunks = urls
      .map((url, i) => chunkDocument(htmlToBlocks(i === 0 ? indexHtml() : pageHtml(i - 1), { url })).length)
      .reduce((a, b) => a + b, 0);

    // First worker process: crawls until the held-back pages, then dies without any shutdown code.
    const first = await startAndJoin(dataDir);
    cleanups.push(async () => first.worker.child.kill("SIGKILL"));
    const writtenBeforeCrash = await until(
      "the pages before the held-back ones to be indexed",
      async () => {
        const docs = await db().document.findMany({ where: { sourceId: source.id }, select: { id: true, key: true, updatedAt: true, contentHash: true }, orderBy: { key: "asc" } });
        return docs.length >= HELD_FROM + 1 && docs;
      },
      60_000,
      first.worker.output,
    );
    expect(writtenBeforeCrash.length).toBe(HELD_FROM + 1);
    expect((await db().dataSource.findUniqueOrThrow({ where: { id: source.id } })).status).toBe("processing");
    expect((await jobsOf(source.id)).map((j) => j.state)).toEqual(["active"]);
    first.worker.child.kill("SIGKILL");
    expect(await first.worker.exited).toBeNull();
    await first.database.close();
    site.release();

    // Second worker process on the same data directory (the database recovers from the crash).
    const second = await startAndJoin(dataDir);
    cleanups.push(async () => second.worker.child.kill("SIGKILL"));
    const finished = await until(
      "the source to be ready after the restart",
      async () => {
        const row = await db().dataSource.findUniqueOrThrow({ where: { id: source.id } });
        return row.status === "ready" && row;
      },
      60_000,
      () => second.worker.output(),
    );
    expect(finished).toMatchObject({ error: null, documentCount: urls.length, chunkCount: expectedChunks, failedCount: 0 });

    const documents = await db().document.findMany({ where: { sourceId: source.id }, orderBy: { key: "asc" } });
    expect(documents.map((d) => d.key).sort()).toEqual([...urls].sort());
    expect(documents.every((d) => d.status === "ready" && d.contentHash.length === 64 && d.error === null)).toBe(true);
    // The documents indexed before the crash were skipped by content hash, not written again.
    const kept = new Map(documents.map((d) => [d.key, d]));
    for (const before of writtenBeforeCrash) {
      expect(kept.get(before.key)).toMatchObject({ id: before.id, updatedAt: before.updatedAt, contentHash: before.contentHash });
    }

    // Exactly the expected chunks: none lost, none twice, each document's ordinals 0..n-1.
    const perDocument = await db().$queryRaw<{ document_id: string; n: number; distinct_ordinals: number; max_ordinal: number }[]>`
      SELECT document_id, count(*)::int AS n, count(DISTINCT ordinal)::int AS distinct_ordinals, max(ordinal)::int AS max_ordinal
      FROM chunks WHERE workspace_id = ${ctx.workspaceId} AND source_id = ${source.id} GROUP BY document_id`;
    expect(perDocument).toHaveLength(urls.length);
    for (const row of perDocument) {
      const document = documents.find((d) => d.id === row.document_id)!;
      expect(row).toEqual({ document_id: document.id, n: document.chunkCount, distinct_ordinals: document.chunkCount, max_ordinal: document.chunkCount - 1 });
    }
    expect(perDocument.reduce((sum, row) => sum + row.n, 0)).toBe(expectedChunks);
    const texts = await db().chunk.findMany({ where: { sourceId: source.id }, select: { text: true, titlePath: true } });
    const fingerprints = texts.map((c) => createHash("sha256").update(c.titlePath).update("\0").update(c.text).digest("hex"));
    expect(new Set(fingerprints).size).toBe(texts.length);

    // The queue: the interrupted job was retried and completed; nothing waits or runs.
    const jobs = await jobsOf(source.id);
    expect(jobs.map((j) => j.state)).toEqual(["completed"]);
    expect(jobs[0]!.retry_count).toBe(1);
    expect(second.worker.output()).toMatch(/interrupted/i);

    // A page indexed only after the restart is found.
    const hits = await searchBot(ctx, bot.id, { query: "service code quokka37", k: 3 });
    expect(hits.map((h) => h.url)).toContain(`${site.origin}/guide-37`);

    second.worker.child.kill("SIGTERM");
    expect(await second.worker.exited).toBe(0);
    await second.database.close();
  }, 180_000);
});
