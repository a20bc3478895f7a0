import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { saveProviderCredential } from "@/lib/ai/credentials";
import { createBot } from "@/lib/bots/bots";
import { updateBotEmbedding } from "@/lib/bots/update-embedding";
import { db } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/queue";
import { parsePlainText } from "@/lib/kb/chunk/parse-plain";
import { offlineEmbedder } from "@/lib/kb/embed/embedder";
import { createDocumentIndexer } from "@/lib/kb/index-documents";
import { createSource, getSource } from "@/lib/kb/sources";
import { claimPromotion, promoteBot, promoteIfLarge, promotionsSettled, sweepVectorIndex, VECTOR_INDEX } from "@/lib/kb/vector-index";
import { startFakeOpenAI, type TFakeServer } from "../../fakes/openai-fake";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { runQueuedIngestJobs } from "../../helpers/ingest-jobs";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * Small bots are searched exactly and kept out of the HNSW graphs; a bot that reaches the
 * threshold is moved into them (lib/kb/vector-index.ts, decision 016). The threshold and the
 * batch size are made tiny here, so a few Q&A pairs (one chunk each) cross it and a move
 * takes several statements.
 */
useTestDatabase();

const DEFAULTS = { ...VECTOR_INDEX };
let fake: TFakeServer;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: "sk-ann" });
});

afterEach(async () => {
  await promotionsSettled();
  Object.assign(VECTOR_INDEX, DEFAULTS);
});

afterAll(async () => {
  await fake.close();
  await stopJobQueue();
});

function pairs(n: number, topic: string) {
  return Array.from({ length: n }, (_, i) => ({ question: `How long does ${topic} ${i} take?`, answer: `${topic} number ${i} takes ${i + 2} working days, guaranteed.` }));
}

async function botWithOwner(label: string) {
  const { ctx } = await createOwnerWithWorkspace(label);
  const bot = await createBot(ctx, { name: label });
  return { ctx, bot, ref: { workspaceId: ctx.workspaceId, botId: bot.id } };
}

async function vectorSearchOf(botId: string) {
  return (await db().bot.findUniqueOrThrow({ where: { id: botId }, select: { vectorSearch: true } })).vectorSearch;
}

/** The bot's chunks by `ann` flag. */
async function annCounts(botId: string) {
  const [row] = await db().$queryRaw<{ ann: number; exact: number }[]>`
    SELECT count(*) FILTER (WHERE ann)::int AS ann, count(*) FILTER (WHERE NOT ann)::int AS exact FROM chunks WHERE bot_id = ${botId}`;
  return row!;
}

/** Writes `n` one-chunk documents straight through the indexer (no queue). */
async function writeDocuments(ref: { workspaceId: string; botId: string }, label: string, n: number) {
  const source = await db().dataSource.create({ data: { workspaceId: ref.workspaceId, botId: ref.botId, type: "text", name: label, config: {} } });
  const indexer = createDocumentIndexer({ source: { id: source.id, ...ref }, embedder: offlineEmbedder(), knownHashes: new Map() });
  for (let i = 0; i < n; i++) await indexer.add(`${label}-${i}`, parsePlainText(`The ${label} part ${i} fits the K${i} cargo bike and ships in ${i + 1} days.`, { title: `${label} ${i}` }));
  await indexer.finish();
  return source;
}

describe("exact search for small bots, HNSW for large ones", () => {
  it("writes a small bot's chunks outside the HNSW graph and promotes the bot once a finished source reaches the threshold", async () => {
    Object.assign(VECTOR_INDEX, { thresholdChunks: 20, batchChunks: 7 });
    const { ctx, bot } = await botWithOwner("Threshold Bikes");
    expect(await vectorSearchOf(bot.id)).toBe("exact");

    const first = await createSource(ctx, bot.id, { type: "qa", pairs: pairs(12, "Delivery") });
    await runQueuedIngestJobs();
    await promotionsSettled();
    expect(await getSource(ctx, bot.id, first.id)).toMatchObject({ status: "ready", documentCount: 12, chunkCount: 12 });
    expect(await vectorSearchOf(bot.id)).toBe("exact");
    expect(await annCounts(bot.id)).toEqual({ ann: 0, exact: 12 });

    // 12 + 10 ≥ 20: the finished source promotes the bot, in statements of at most 7 chunks.
    const second = await createSource(ctx, bot.id, { type: "qa", pairs: pairs(10, "Repair") });
    await runQueuedIngestJobs();
    await promotionsSettled();
    expect(await getSource(ctx, bot.id, second.id)).toMatchObject({ status: "ready", documentCount: 10, chunkCount: 10 });
    expect(await vectorSearchOf(bot.id)).toBe("ann");
    expect(await annCounts(bot.id)).toEqual({ ann: 22, exact: 0 });

    // From now on new chunks go straight into the graph.
    await createSource(ctx, bot.id, { type: "qa", pairs: pairs(3, "Warranty") });
    await runQueuedIngestJobs();
    expect(await annCounts(bot.id)).toEqual({ ann: 25, exact: 0 });
    // Idempotent: nothing left to do, and never back to exact.
    expect(await promoteIfLarge({ workspaceId: ctx.workspaceId, botId: bot.id })).toBe("ann");
    await db().dataSource.deleteMany({ where: { botId: bot.id } });
    expect(await promoteIfLarge({ workspaceId: ctx.workspaceId, botId: bot.id })).toBe("ann");
    expect(await sweepVectorIndex()).toBe(0);
  });

  it("resumes a promotion a crash left 'building', and the sweep promotes a bot nobody checked", async () => {
    Object.assign(VECTOR_INDEX, { thresholdChunks: 1000, batchChunks: 4 });
    const crashed = await botWithOwner("Crashed Bikes");
    await writeDocuments(crashed.ref, "crash", 15);
    // A crash mid-promotion: claimed, some chunks moved, the rest not.
    expect(await claimPromotion(crashed.ref)).toBe(true);
    await db().$executeRaw`UPDATE chunks SET ann = true WHERE id IN (SELECT id FROM chunks WHERE bot_id = ${crashed.bot.id} LIMIT 6)`;
    expect(await annCounts(crashed.bot.id)).toEqual({ ann: 6, exact: 9 });

    // A bot above the threshold that no finished source promoted (e.g. migrated with its chunks).
    const big = await botWithOwner("Big Bikes");
    await writeDocuments(big.ref, "big", 12);
    const small = await botWithOwner("Small Bikes");
    await writeDocuments(small.ref, "small", 3);
    VECTOR_INDEX.thresholdChunks = 10;

    expect(await sweepVectorIndex()).toBe(2);
    expect(await vectorSearchOf(crashed.bot.id)).toBe("ann");
    expect(await annCounts(crashed.bot.id)).toEqual({ ann: 15, exact: 0 });
    expect(await vectorSearchOf(big.bot.id)).toBe("ann");
    expect(await annCounts(big.bot.id)).toEqual({ ann: 12, exact: 0 });
    expect(await vectorSearchOf(small.bot.id)).toBe("exact");
    expect(await annCounts(small.bot.id)).toEqual({ ann: 0, exact: 3 });
    expect(await sweepVectorIndex()).toBe(0);
  });

  it("writers while a bot is 'building' write ann = true, also interleaved with the move", async () => {
    Object.assign(VECTOR_INDEX, { thresholdChunks: 10, batchChunks: 2 });
    const { ref, bot } = await botWithOwner("Building Bikes");
    await writeDocuments(ref, "before", 12);
    expect(await annCounts(bot.id)).toEqual({ ann: 0, exact: 12 });

    // The move runs in statements of 2 chunks; the writer's statements land between them.
    const promotion = promoteBot(ref);
    const written = writeDocuments(ref, "during", 10);
    expect(await promotion).toBe("ann");
    await written;
    expect(await annCounts(bot.id)).toEqual({ ann: 22, exact: 0 });

    // A bot held in 'building' (the move not yet done): its new chunks are ann already.
    const held = await botWithOwner("Held Bikes");
    expect(await claimPromotion(held.ref)).toBe(true);
    await writeDocuments(held.ref, "held", 4);
    expect(await annCounts(held.bot.id)).toEqual({ ann: 4, exact: 0 });
    expect(await vectorSearchOf(held.bot.id)).toBe("building");
    expect(await promoteBot(held.ref)).toBe("ann");
  });

  it("two promotions of the same bot at once: one claim wins, both end 'ann', every chunk moved once", async () => {
    Object.assign(VECTOR_INDEX, { thresholdChunks: 5, batchChunks: 3 });
    const { ref, bot } = await botWithOwner("Race Bikes");
    await writeDocuments(ref, "race", 8);
    expect(await Promise.all([claimPromotion(ref), claimPromotion(ref)])).toEqual(expect.arrayContaining([true, false]));
    await db().bot.update({ where: { id: bot.id }, data: { vectorSearch: "exact" } });

    // Two callers (a finished source and the sweep): one promotion runs.
    const [a, b] = await Promise.all([promoteIfLarge(ref), sweepVectorIndex()]);
    expect(a).toBe("ann");
    expect(b).toBeLessThanOrEqual(1);
    expect(await vectorSearchOf(bot.id)).toBe("ann");
    expect(await annCounts(bot.id)).toEqual({ ann: 8, exact: 0 });
  });

  it("a promoted bot whose embedding model changes is re-embedded into the new dimension's graph", async () => {
    Object.assign(VECTOR_INDEX, { thresholdChunks: 4, batchChunks: 3 });
    const { ctx, bot } = await botWithOwner("Reembed Bikes");
    const source = await createSource(ctx, bot.id, { type: "qa", pairs: pairs(6, "Shipping") });
    await runQueuedIngestJobs();
    await promotionsSettled();
    expect(await vectorSearchOf(bot.id)).toBe("ann");

    await saveProviderCredential(ctx.workspaceId, "openai", { apiKey: "sk-ann", baseUrl: fake.url });
    expect(await updateBotEmbedding(ctx, bot.id, { provider: "openai", model: "text-embedding-3-small", dimensions: 768 })).toEqual({ requeued: 1 });
    await runQueuedIngestJobs();
    await promotionsSettled();
    expect(await getSource(ctx, bot.id, source.id)).toMatchObject({ status: "ready", chunkCount: 6 });
    const chunks = await db().chunk.findMany({ where: { botId: bot.id }, select: { embeddingDims: true, ann: true } });
    expect(chunks).toHaveLength(6);
    expect(chunks.every((c) => c.embeddingDims === 768 && c.ann)).toBe(true);
    expect(await vectorSearchOf(bot.id)).toBe("ann");

    // The chunks are in the 768-dimension HNSW index: an index scan finds them all.
    const found = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      await tx.$executeRawUnsafe("SET LOCAL hnsw.iterative_scan = relaxed_order");
      const vector = `[${Array.from({ length: 768 }, (_, i) => (i === 0 ? 1 : 0)).join(",")}]`;
      const plan = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT id FROM chunks WHERE embedding_dims = 768 AND ann ORDER BY embedding::vector(768) <=> '${vector}'::vector(768) LIMIT 20`,
      );
      const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
        `SELECT id FROM chunks WHERE embedding_dims = 768 AND ann AND bot_id = '${bot.id}' ORDER BY embedding::vector(768) <=> '${vector}'::vector(768) LIMIT 20`,
      );
      return { plan: plan.map((r) => r["QUERY PLAN"]).join("\n"), rows };
    });
    expect(found.plan).toContain("chunks_embedding_768_hnsw");
    expect(found.rows).toHaveLength(6);
  });
});
