import { describe, expect, it } from "vitest";
import { createBot } from "@/lib/bots/bots";
import { db } from "@/lib/db/client";
import { maintainEmbeddedDatabase } from "@/lib/db/embedded/maintenance";
import { createOwnerWithWorkspace } from "../helpers/factories";
import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

/** The statistics arrive about a second after the writes (PostgreSQL flushes them at most once a second). */
async function conversationStats(until: (s: { dead: number; vacuumed: boolean }) => boolean) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [row] = await db().$queryRaw<{ dead: number; vacuumed: boolean }[]>`
      SELECT n_dead_tup::int AS dead, last_vacuum IS NOT NULL AS vacuumed FROM pg_stat_user_tables WHERE relname = 'conversations'`;
    if (row && until(row)) return row;
    if (Date.now() > deadline) throw new Error(`Statistics never matched: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("embedded database maintenance (PGlite has no autovacuum)", () => {
  it("vacuums a table whose rows were updated many times, and leaves it alone afterwards", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Pflegeleicht");
    const bot = await createBot(ctx, { name: "Hilfe", languages: ["de"] });
    const session = await db().visitorSession.create({ data: { workspaceId: workspace.id, botId: bot.id, tokenHash: "maintenance" } });
    const conversation = await db().conversation.create({ data: { workspaceId: workspace.id, botId: bot.id, visitorSessionId: session.id, language: "de" } });
    // What every visitor message does to its conversation: a new row version, the old one dead.
    for (let i = 0; i < 300; i++) {
      await db().$executeRaw`UPDATE conversations SET message_count = message_count + 1, last_message_at = now() WHERE id = ${conversation.id}`;
    }
    // Some versions are pruned on the page as it goes; most stay until a VACUUM.
    expect((await conversationStats((s) => s.dead >= 200)).vacuumed).toBe(false);

    const steps = await maintainEmbeddedDatabase();
    const step = steps.find((s) => s.table === "public.conversations");
    expect(step).toMatchObject({ action: "vacuum" });
    expect(step!.dead).toBeGreaterThanOrEqual(200);
    expect(await conversationStats((s) => s.vacuumed && s.dead === 0)).toEqual({ dead: 0, vacuumed: true });
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({ messageCount: 300 });

    // Nothing left to do for that table on the next pass.
    expect((await maintainEmbeddedDatabase()).map((s) => s.table)).not.toContain("public.conversations");
  });
});
