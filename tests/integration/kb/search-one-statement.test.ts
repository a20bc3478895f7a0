import { randomBytes, randomUUID } from "node:crypto";
import pgvector from "pgvector";
import { beforeAll, describe, expect, it } from "vitest";
import { db, Prisma } from "@/lib/db/client";
import { offlineEmbedder } from "@/lib/kb/embed/embedder";
import { analyzeChunksNow } from "@/lib/kb/lexeme-stats";
import { candidatesStatement, searchBot, searchCandidates, type TCandidatesInput } from "@/lib/kb/search";
import type { TWorkspaceContext } from "@/lib/workspaces/types";
import { expectAppError } from "../../helpers/errors";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * Search reads each bot in its vector-search mode, with both candidate lists from one
 * statement (lib/kb/search.ts): "exact"/"building" bots compare every chunk, "ann" bots go
 * through the partial HNSW index, whose settings are applied inside that statement. Never
 * another workspace's or another bot's chunks, in any mode. Full-text pruning is per bot.
 */
useTestDatabase();

const embedder = offlineEmbedder();
const HNSW_INDEX = "chunks_embedding_384_hnsw";

type TBot = { id: string; ctx: Pick<TWorkspaceContext, "workspaceId">; chunkIds: string[]; sourceId: string };

/** A bot with the given chunks written directly (offline vectors, tsvector from the trigger). */
async function seedBot(
  ctx: Pick<TWorkspaceContext, "workspaceId">,
  texts: string[],
  options: { mode: "exact" | "building" | "ann"; language?: "german" | "english"; recordedChunks?: number },
): Promise<TBot> {
  const bot = await db().bot.create({
    data: { workspaceId: ctx.workspaceId, publicId: `bot_${randomBytes(8).toString("hex")}`, name: "Seeded", vectorSearch: options.mode },
  });
  const source = await db().dataSource.create({
    data: { workspaceId: ctx.workspaceId, botId: bot.id, type: "text", name: "Seeded", status: "ready", chunkCount: options.recordedChunks ?? texts.length },
  });
  const document = await db().document.create({
    data: { workspaceId: ctx.workspaceId, botId: bot.id, sourceId: source.id, key: "seeded", title: "Seeded", contentHash: "x", chunkCount: texts.length },
  });
  const vectors = await embedder.embed(texts);
  const ann = options.mode !== "exact";
  const ids = texts.map(() => randomUUID());
  for (let i = 0; i < texts.length; i += 100) {
    const rows = texts.slice(i, i + 100).map(
      (text, j) => Prisma.sql`(${ids[i + j]!}, ${ctx.workspaceId}, ${bot.id}, ${source.id}, ${document.id}, ${i + j}, ${text}, ${"Seeded"}, ${null},
        ${options.language ?? "german"}, 384, ${pgvector.toSql(vectors[i + j]!)}::vector, ${ann})`,
    );
    await db().$executeRaw`
      INSERT INTO chunks (id, workspace_id, bot_id, source_id, document_id, ordinal, text, title_path, url, language, embedding_dims, embedding, ann)
      VALUES ${Prisma.join(rows)}`;
  }
  return { id: bot.id, ctx, chunkIds: ids, sourceId: source.id };
}

async function setMode(bot: TBot, mode: "exact" | "building" | "ann") {
  await db().bot.update({ where: { id: bot.id }, data: { vectorSearch: mode } });
  await db().$executeRaw`UPDATE chunks SET ann = ${mode !== "exact"} WHERE bot_id = ${bot.id}`;
}

/**
 * Runs `work` in a transaction whose planner may not use sequential scans or sorts, so a
 * usable index is used even on a small test table (the bench shows the unforced plans at
 * 100,000 chunks). The HNSW settings under test are not touched here.
 */
async function withIndexesForced<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_sort', 'off', true)`;
    return work(tx);
  });
}

async function plan(tx: Prisma.TransactionClient, statement: Prisma.Sql): Promise<string> {
  const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${statement}`);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

async function vectorInput(bot: TBot, query: string, ann: boolean, limit: number, hnsw?: TCandidatesInput["hnsw"]): Promise<TCandidatesInput> {
  const [vec] = await embedder.embed([query]);
  return { workspaceId: bot.ctx.workspaceId, botId: bot.id, tsquery: null, vector: { literal: pgvector.toSql(vec!), dims: 384, ann }, limit, hnsw };
}

const HELP = [
  "Sie können jedes Rad innerhalb von 14 Tagen nach der Lieferung zurückgeben.",
  "Ein Techniker kommt innerhalb von 48 Stunden zu Ihnen nach Hause.",
  "Die Lieferung nach Österreich dauert drei bis fünf Werktage.",
  "Das Abo lässt sich jederzeit zum Monatsende kündigen.",
  "Für Geschäftskunden ist die Zahlung auf Rechnung möglich.",
  "Die Garantie auf den Rahmen beträgt zehn Jahre.",
  "Reifenpannen melden Sie bitte direkt in der App.",
  "Das Lager in Leipzig öffnet werktags um acht Uhr.",
];
const helpTexts = (n: number) => Array.from({ length: n }, (_, i) => `${HELP[i % HELP.length]} Hinweis ${i + 1}.`);
const SECRET = Array.from({ length: 40 }, (_, i) => `Das geheime Passwort für das Lager lautet Pelikan ${i + 1}.`);

let target: TBot;
let otherWorkspaceBot: TBot;
let sameWorkspaceBot: TBot;

beforeAll(async () => {
  const a = await createOwnerWithWorkspace("Other Tenant");
  const b = await createOwnerWithWorkspace("Target Tenant");
  otherWorkspaceBot = await seedBot(a.ctx, SECRET, { mode: "ann" });
  sameWorkspaceBot = await seedBot(b.ctx, SECRET, { mode: "ann" });
  target = await seedBot(b.ctx, helpTexts(30), { mode: "exact" });
});

describe("tenant and bot isolation of the one-statement search", () => {
  for (const vectorMode of ["exact", "building", "ann"] as const) {
    it(`returns only the bot's own chunks in every search mode (bot in "${vectorMode}" vector mode)`, async () => {
      await setMode(target, vectorMode);
      const own = new Set(target.chunkIds);
      for (const mode of ["hybrid", "fulltext", "vector"] as const) {
        const lists = await searchCandidates(target.ctx, target.id, "geheime Passwort Lager Pelikan", { mode, limit: 50 });
        for (const row of [...lists.fulltext, ...lists.vector]) expect(own.has(row.id), `${vectorMode}/${mode}: ${row.text}`).toBe(true);
        if (mode !== "fulltext") {
          // Every one of the bot's 30 chunks, however far: the other bots' 80 nearer chunks
          // share the HNSW graph, and iterative scanning goes past them.
          expect(lists.vector, `${vectorMode}/${mode}`).toHaveLength(30);
        }
        if (mode !== "vector") expect(lists.fulltext.length, `${vectorMode}/${mode}`).toBeGreaterThan(0); // "Lager"
        const results = await searchBot(target.ctx, target.id, { query: "Pelikan", k: 50 }, { mode });
        expect(results.every((r) => own.has(r.chunkId) && !r.text.includes("Pelikan")), `${vectorMode}/${mode}`).toBe(true);
      }
      if (vectorMode === "ann") {
        // The same through the HNSW graph for certain (on this small table the planner would
        // rather sort): the graph holds the other bots' nearer chunks, the filter keeps them out.
        const input = await vectorInput(target, "geheime Passwort Lager Pelikan", true, 50);
        const rows = await withIndexesForced(async (tx) => {
          expect(await plan(tx, candidatesStatement(input)!)).toContain(HNSW_INDEX);
          return tx.$queryRaw<{ id: string }[]>(candidatesStatement(input)!);
        });
        expect(rows).toHaveLength(30);
        expect(rows.every((r) => own.has(r.id))).toBe(true);
      }
    });
  }

  it("cannot address a bot of another workspace", async () => {
    await expectAppError(searchBot(otherWorkspaceBot.ctx, target.id, { query: "Lager" }), "not_found");
    await expectAppError(searchCandidates(target.ctx, otherWorkspaceBot.id, "Pelikan"), "not_found");
  });
});

describe("vector search by the bot's mode", () => {
  it("exact mode returns the true nearest neighbours and never plans the HNSW index", async () => {
    await setMode(target, "exact");
    // Even with ann = true on its chunks (as right after the migration) an "exact" bot is
    // searched without the ann predicate: the partial index cannot serve it.
    await db().$executeRaw`UPDATE chunks SET ann = true WHERE bot_id = ${target.id}`;
    const query = "Wie lange dauert die Lieferung nach Österreich?";
    const [q] = await embedder.embed([query]);
    const rows = await db().$queryRaw<{ id: string; text: string }[]>`SELECT id, text FROM chunks WHERE bot_id = ${target.id} ORDER BY ordinal`;
    const vectors = await embedder.embed(rows.map((r) => r.text));
    const cosine = (x: number[], y: number[]) => {
      let dot = 0, nx = 0, ny = 0;
      x.forEach((v, i) => ((dot += v * y[i]!), (nx += v * v), (ny += y[i]! * y[i]!)));
      return dot / Math.sqrt(nx * ny);
    };
    const truth = new Map(rows.map((r, i) => [r.id, cosine(q!, vectors[i]!)]));
    const best = [...truth.values()].sort((x, y) => y - x).slice(0, 10);
    const { vector } = await searchCandidates(target.ctx, target.id, query, { mode: "vector", candidates: 10 });
    // Rank by rank, the scores of the ten truly nearest chunks (near-ties may swap places
    // between float4 in the database and float8 here, so ids are checked through their scores).
    expect(vector).toHaveLength(10);
    vector.forEach((r, i) => {
      expect(r.score).toBeCloseTo(best[i]!, 5);
      expect(truth.get(r.id)).toBeCloseTo(r.score, 5);
    });

    const explained = await withIndexesForced(async (tx) => plan(tx, candidatesStatement(await vectorInput(target, query, false, 10))!));
    expect(explained).not.toMatch(/_hnsw/);
    expect(explained).not.toMatch(/set_config/);
    await setMode(target, "exact");
  });

  it("ann mode plans the partial HNSW index, with the settings applied by a one-time filter before the scan", async () => {
    const explained = await withIndexesForced(async (tx) => plan(tx, candidatesStatement(await vectorInput(sameWorkspaceBot, "Passwort Lager", true, 10))!));
    expect(explained).toContain(`Index Scan using ${HNSW_INDEX}`);
    expect(explained).toMatch(/One-Time Filter/);
    const lines = explained.split("\n");
    const gate = lines.findIndex((l) => l.includes("One-Time Filter"));
    const scan = lines.findIndex((l) => l.includes(HNSW_INDEX));
    expect(gate).toBeGreaterThanOrEqual(0);
    expect(scan).toBeGreaterThan(gate);
  });

  it("the full-text part uses the bot-scoped GIN index", async () => {
    const statement = candidatesStatement({ workspaceId: target.ctx.workspaceId, botId: target.id, tsquery: "'lager' | 'liefer'", vector: null, limit: 20 })!;
    // On a 30-row bot the (workspace_id, bot_id) btree plus a filter costs the same, so it is
    // dropped for this EXPLAIN (inside the transaction, rolled back); the bench shows the
    // unforced plan at 100,000 chunks.
    const rollback = new Error("rollback");
    let explained = "";
    await withIndexesForced(async (tx) => {
      await tx.$executeRawUnsafe("DROP INDEX chunks_workspace_id_bot_id_idx");
      explained = await plan(tx, statement);
      throw rollback;
    }).catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
    expect(await db().$queryRaw<unknown[]>`SELECT 1 FROM pg_indexes WHERE indexname = 'chunks_workspace_id_bot_id_idx'`).toHaveLength(1);
    expect(explained).toMatch(/Bitmap Index Scan on chunks_bot_tsv_gin .*\n\s+Index Cond: \(\(bot_id = '[^']+'::text\) AND \(tsv @@/);
  });
});

describe("HNSW settings inside the one statement", () => {
  let graph: TBot;
  beforeAll(async () => {
    const { ctx } = await createOwnerWithWorkspace("Graph Tenant");
    graph = await seedBot(ctx, helpTexts(120), { mode: "ann" });
  });

  const count = async (hnsw: TCandidatesInput["hnsw"], limit: number) => {
    const input = await vectorInput(graph, "Lieferung nach Österreich", true, limit, hnsw);
    return withIndexesForced(async (tx) => {
      expect(await plan(tx, candidatesStatement(input)!)).toContain(HNSW_INDEX);
      return (await tx.$queryRaw<unknown[]>(candidatesStatement(input)!)).length;
    });
  };

  it("hnsw.ef_search takes effect: without iterative scans the scan returns at most ef_search rows", async () => {
    const ten = await count({ efSearch: 10, iterativeScan: "off" }, 100);
    const hundred = await count({ efSearch: 100, iterativeScan: "off" }, 100);
    // The default (40) would give the same count both times.
    expect(ten).toBeLessThanOrEqual(10);
    expect(hundred).toBeGreaterThan(40);
  });

  it("hnsw.iterative_scan takes effect: with it the scan goes on past ef_search rows", async () => {
    expect(await count({ efSearch: 10, iterativeScan: "relaxed_order" }, 100)).toBe(100);
  });

  it("the settings end with the statement (no interactive transaction, nothing left on the shared session)", async () => {
    const lists = await searchCandidates(graph.ctx, graph.id, "Lieferung nach Österreich", { mode: "hybrid", limit: 50 });
    expect(lists.vector).toHaveLength(50);
    const [after] = await db().$queryRaw<{ ef: string | null; iterative: string | null }[]>`
      SELECT current_setting('hnsw.ef_search', true) AS ef, current_setting('hnsw.iterative_scan', true) AS iterative`;
    expect(after).toEqual({ ef: "40", iterative: "off" });
  });
});

describe("full-text pruning is decided per bot", () => {
  it("a small bot keeps words another bot makes common; a bot over 20,000 chunks drops them", async () => {
    const c = await createOwnerWithWorkspace("Big Tenant");
    const d = await createOwnerWithWorkspace("Small Tenant");
    // "Fahrrad" in every chunk of the big bot: common in the whole table after ANALYZE.
    const big = await seedBot(c.ctx, Array.from({ length: 150 }, (_, i) => `Das Fahrrad Modell ${i + 1} hat einen Rahmen aus Stahl.`), {
      mode: "exact",
      recordedChunks: 25_000,
    });
    const small = await seedBot(d.ctx, ["Das Fahrrad steht im Keller.", "Die Lieferung dauert drei Tage."], { mode: "exact" });
    await analyzeChunksNow();
    const [share] = await db().$queryRaw<{ f: number | null }[]>`
      SELECT (most_common_elem_freqs[array_position(most_common_elems::text::text[], 'fahrrad')])::float8 AS f
      FROM pg_stats WHERE tablename = 'chunks' AND attname = 'tsv' AND schemaname = current_schema()`;
    expect(share?.f ?? 0).toBeGreaterThan(0.03);

    const smallHits = await searchCandidates(small.ctx, small.id, "Fahrrad Lieferung", { mode: "fulltext" });
    expect(smallHits.fulltext.map((r) => r.text).sort()).toEqual(["Das Fahrrad steht im Keller.", "Die Lieferung dauert drei Tage."]);
    // The big bot (25,000 chunks by its sources' counters) ORs only the rare "liefer": none of its chunks has it.
    const bigHits = await searchCandidates(big.ctx, big.id, "Fahrrad Lieferung", { mode: "fulltext" });
    expect(bigHits.fulltext).toEqual([]);
    await db().dataSource.update({ where: { id: big.sourceId }, data: { chunkCount: 150 } });
    const unpruned = await searchCandidates(big.ctx, big.id, "Fahrrad Lieferung", { mode: "fulltext", limit: 200 });
    expect(unpruned.fulltext).toHaveLength(150);
  });
});
