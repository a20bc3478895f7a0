import { db } from "../db/client";
import { log } from "../log/logger";

/**
 * Which bots' chunks live in the HNSW graphs (decision 016).
 *
 * Inserting a chunk into an HNSW graph was ~93 % of ingestion's database time, and a bot
 * with a few thousand chunks is searched exactly (every chunk of the bot compared) about as
 * fast as through the graph, with perfect recall. So a bot starts "exact": its chunks are
 * written with `ann = false` and stay out of the partial HNSW indexes (`WHERE embedding_dims
 * = N AND ann`). Once it holds `thresholdChunks` chunks it is promoted:
 *
 *   exact ──(conditional UPDATE, one winner)──▶ building ──(every chunk ann)──▶ ann
 *
 * - `building`: writers already write `ann = true` (write-documents.ts reads the state in the
 *   INSERT itself), and this job moves the older chunks in batches of about `batchChunks`,
 *   one short statement each (the embedded database runs one statement at a time; a chat
 *   query waits behind at most one batch). Search stays exact until the state is `ann`.
 * - Restart-safe and idempotent: every step is a conditional UPDATE of rows not yet moved;
 *   a bot left `building` by a crash or shutdown is resumed by `sweepVectorIndex` (at worker
 *   start and every few minutes). Two nodes resuming the same bot only repeat no-op updates.
 * - Never back to `exact` automatically (hysteresis): a bot that shrinks below the threshold
 *   (a source deleted, then re-added) would otherwise pay a full re-insert into the graph
 *   every time it crosses the line again, and exact search of a bot just under the threshold
 *   costs about what the graph does. Chunks in the graph cost searches of other bots nothing.
 * - A bot whose embedding model changes keeps its state: its sources are re-ingested and the
 *   new chunks are written with `ann` from the state, in the new dimension's graph.
 * - Bots migrated with `ann = true` chunks (20261122072813_chunks_ann_vector_indexes) start
 *   `exact`: search is exact over all of a bot's chunks whatever their flag, so a small one
 *   stays correct and fast; a large one is promoted by the first sweep, with nothing to move.
 */
export const VECTOR_INDEX = {
  /**
   * Measured on the embedded database (`npx tsx scripts/bench/retrieval-ingest.ts --threshold
   * --storage-main`, decision 016): with the embedding stored inline (migration
   * 20261122084500_chunks_vector_inline) exact search at ~2,400 chunks took 9 / 15 ms p50 / p95
   * against HNSW's 5 / 13 ms, whose recall@10 there was already down to 0.96. With the
   * embedding in TOAST (before that migration) exact search cost ~10 µs per chunk, 27 ms p50
   * at 2,400.
   */
  thresholdChunks: 2000,
  /**
   * Chunks moved into the graph per statement. A move costs 3–6 ms per chunk (the HNSW insert
   * plus new GIN and btree entries: the update is not HOT), so one statement holds the
   * embedded database for ~0.3–0.6 s; a chat query waits behind at most one.
   */
  batchChunks: 100,
};

export type TVectorSearch = "exact" | "building" | "ann";
type TBotRef = { workspaceId: string; botId: string };

const g = globalThis as unknown as { __chatwerkPromotions?: Map<string, Promise<TVectorSearch | null>>; __chatwerkPromotionChecks?: Set<Promise<unknown>> };
const running = () => (g.__chatwerkPromotions ??= new Map());
const checks = () => (g.__chatwerkPromotionChecks ??= new Set());

/** The bot's state and chunk count (from documents.chunk_count: far fewer rows than chunks). */
async function botState(bot: TBotRef): Promise<{ state: TVectorSearch; chunks: number } | null> {
  const [row] = await db().$queryRaw<{ state: TVectorSearch; chunks: number }[]>`
    SELECT b.vector_search AS state,
      (SELECT coalesce(sum(d.chunk_count), 0)::int FROM documents d WHERE d.workspace_id = b.workspace_id AND d.bot_id = b.id) AS chunks
    FROM bots b WHERE b.id = ${bot.botId} AND b.workspace_id = ${bot.workspaceId}`;
  return row ?? null;
}

/**
 * After a source finished: promotes the bot when it is still exact and has reached the
 * threshold. Resolves to the bot's state afterwards (null: the bot is gone).
 */
export function promoteIfLarge(bot: TBotRef): Promise<TVectorSearch | null> {
  const check = checkAndPromote(bot);
  checks().add(check);
  void check.catch(() => undefined).finally(() => checks().delete(check));
  return check;
}

async function checkAndPromote(bot: TBotRef): Promise<TVectorSearch | null> {
  const current = await botState(bot);
  if (!current) return null;
  if (current.state !== "exact" || current.chunks < VECTOR_INDEX.thresholdChunks) return current.state;
  return promoteBot(bot);
}

/**
 * Moves the bot into the HNSW graphs: claims `exact → building` (or resumes `building`),
 * moves its chunks, sets `ann`. Resolves to the final state, or to the state another
 * node left when it won the claim; null when the bot is gone. Runs once per bot in this
 * process at a time (a second call gets the running one).
 */
export function promoteBot(bot: TBotRef): Promise<TVectorSearch | null> {
  const inFlight = running().get(bot.botId);
  if (inFlight) return inFlight;
  const promotion = runPromotion(bot).finally(() => running().delete(bot.botId));
  running().set(bot.botId, promotion);
  return promotion;
}

/** Waits for every check and promotion running in this process (tests, benches). */
export async function promotionsSettled(): Promise<void> {
  while (checks().size > 0 || running().size > 0) await Promise.allSettled([...checks(), ...running().values()]);
}

/**
 * `exact → building`, conditional: of two nodes (or a sweep and a finished source) racing
 * for the same bot exactly one gets true. From here on writers write `ann = true`.
 */
export async function claimPromotion(bot: TBotRef): Promise<boolean> {
  const claimed = await db().$executeRaw`
    UPDATE bots SET vector_search = 'building' WHERE id = ${bot.botId} AND workspace_id = ${bot.workspaceId} AND vector_search = 'exact'`;
  return claimed === 1;
}

async function runPromotion(bot: TBotRef): Promise<TVectorSearch | null> {
  if (!(await claimPromotion(bot))) {
    const state = (await botState(bot))?.state ?? null;
    // 'building' without a claim here: left by a crash, or another node is on it. Resuming is
    // safe either way (every step only moves rows not yet moved).
    if (state !== "building") return state;
  }
  const started = Date.now();
  const moved = await moveChunks(bot);
  // A safety net: writers read the state in their INSERT (after the claim they write
  // ann = true), so normally there is nothing left here.
  const stragglers = await sweepStragglers(bot);
  const done = await db().$executeRaw`
    UPDATE bots SET vector_search = 'ann' WHERE id = ${bot.botId} AND workspace_id = ${bot.workspaceId} AND vector_search = 'building'`;
  // Once more after the switch: search now reads only ann chunks of this bot.
  const late = await sweepStragglers(bot);
  log.info("Bot moved to the HNSW index", { botId: bot.botId, chunks: moved + stragglers + late, ms: Date.now() - started });
  return done === 1 ? "ann" : ((await botState(bot))?.state ?? null);
}

/**
 * Sets `ann` on the bot's chunks, a few documents per statement (documents are read once;
 * chunks are found through their document_id index, so the work stays linear in the bot's
 * size). A document larger than one batch is moved in several statements.
 */
async function moveChunks(bot: TBotRef): Promise<number> {
  const documents = await db().$queryRaw<{ id: string; chunk_count: number }[]>`
    SELECT id, chunk_count FROM documents
    WHERE workspace_id = ${bot.workspaceId} AND bot_id = ${bot.botId} AND chunk_count > 0 ORDER BY id`;
  let moved = 0;
  let batch: string[] = [];
  let chunks = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const ids = batch;
    batch = [];
    chunks = 0;
    moved += await untilNoneLeft(
      () => db().$executeRaw`
        UPDATE chunks SET ann = true WHERE id IN (
          SELECT id FROM chunks WHERE document_id = ANY(${ids}::text[]) AND bot_id = ${bot.botId} AND NOT ann LIMIT ${VECTOR_INDEX.batchChunks})`,
    );
  };
  for (const document of documents) {
    if (chunks > 0 && chunks + document.chunk_count > VECTOR_INDEX.batchChunks) await flush();
    batch.push(document.id);
    chunks += document.chunk_count;
  }
  await flush();
  return moved;
}

/** Every chunk of the bot not in the graph yet, in batches; normally one statement that finds none. */
function sweepStragglers(bot: TBotRef): Promise<number> {
  return untilNoneLeft(
    () => db().$executeRaw`
      UPDATE chunks SET ann = true WHERE id IN (
        SELECT id FROM chunks WHERE workspace_id = ${bot.workspaceId} AND bot_id = ${bot.botId} AND NOT ann LIMIT ${VECTOR_INDEX.batchChunks})`,
  );
}

async function untilNoneLeft(step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await step();
    total += n;
    if (n < VECTOR_INDEX.batchChunks) return total;
  }
}

/**
 * The periodic check (server/workers.ts): resumes bots left `building` (a crash, a shutdown)
 * and promotes exact bots at or above the threshold that no finished source promoted (bots
 * migrated with their chunks, a promotion that failed). One bot after another. Returns how
 * many bots it promoted or resumed.
 */
export async function sweepVectorIndex(): Promise<number> {
  const bots = await db().$queryRaw<{ workspace_id: string; id: string }[]>`
    SELECT workspace_id, id FROM bots WHERE vector_search = 'building'
    UNION
    SELECT d.workspace_id, d.bot_id FROM documents d
      JOIN bots b ON b.id = d.bot_id AND b.workspace_id = d.workspace_id AND b.vector_search = 'exact'
    GROUP BY d.workspace_id, d.bot_id HAVING sum(d.chunk_count) >= ${VECTOR_INDEX.thresholdChunks}`;
  let promoted = 0;
  for (const bot of bots) {
    try {
      if ((await promoteBot({ workspaceId: bot.workspace_id, botId: bot.id })) === "ann") promoted++;
    } catch (error) {
      // Left 'building' (searched exactly, written ann): the next sweep resumes it.
      log.error("Moving a bot to the HNSW index failed", { botId: bot.id, error: String(error) });
    }
  }
  return promoted;
}
