import pg from "pg";
import { describe, expect, it } from "vitest";
import { createBot } from "@/lib/bots/bots";
import { db } from "@/lib/db/client";
import { claimPromotion } from "@/lib/kb/vector-index";
import { skipNotice, TEST_POSTGRES_URL } from "../../helpers/external-services";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { useNativeDatabase, waitForLockWaiters } from "../../helpers/native-database";
import { useTestDatabase } from "../../helpers/test-database";

useTestDatabase();

/**
 * PGlite runs one statement at a time, so two nodes can never really race there
 * (ARCHITECTURE 12). On the machine's native PostgreSQL (no pgvector: the chunks migration is
 * skipped, the bots.vector_search one is not), a gate session holds the bot row while two
 * nodes claim its promotion; once both wait on it, it lets go. Exactly one claim may win.
 */
const title = TEST_POSTGRES_URL
  ? "native PostgreSQL: racing promotions of a bot to the HNSW index"
  : skipNotice("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres", "native PostgreSQL promotion race");

describe.skipIf(!TEST_POSTGRES_URL)(title, () => {
  const native = useNativeDatabase({ prefix: "cw_vi", poolSize: 6 });

  it("two nodes claiming the same bot's promotion at once: exactly one wins", async () => {
    const { ctx } = await createOwnerWithWorkspace("Race Native");
    const bot = await createBot(ctx, { name: "Race" });
    const ref = { workspaceId: ctx.workspaceId, botId: bot.id };
    const gate = new pg.Client({ connectionString: native.url() });
    await gate.connect();
    try {
      await gate.query("BEGIN");
      await gate.query("SELECT id FROM bots WHERE id = $1 FOR UPDATE", [bot.id]);
      const claims = Promise.all([claimPromotion(ref), claimPromotion(ref), claimPromotion(ref)]);
      await waitForLockWaiters(gate, 3);
      await gate.query("COMMIT");
      expect((await claims).filter(Boolean)).toHaveLength(1);
    } finally {
      await gate.end();
    }
    expect((await db().bot.findUniqueOrThrow({ where: { id: bot.id } })).vectorSearch).toBe("building");
  });
});
