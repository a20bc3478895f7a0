import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import { createBot } from "@/lib/bots/bots";
import { storeVisitorMessage } from "@/lib/chat/messages";
import { db } from "@/lib/db/client";
import { acceptConversation } from "@/lib/live-chat/accept-conversation";
import { moveUnansweredOffers, offerConversation } from "@/lib/live-chat/offer-conversation";
import { reassignAbsentOperatorsChats } from "@/lib/live-chat/reassign-absent";
import { skipNotice, TEST_POSTGRES_URL } from "../../helpers/external-services";
import { addMember, createOwnerWithWorkspace } from "../../helpers/factories";
import { useNativeDatabase, waitForLockWaiters } from "../../helpers/native-database";
import { useTestDatabase } from "../../helpers/test-database";

useTestDatabase();

/**
 * PGlite runs one transaction at a time, so two operators (or two nodes) can never really
 * race there (ARCHITECTURE 12). Here the live-chat transitions run against the machine's
 * native PostgreSQL: a gate session holds the conversation row while the racing calls run and
 * lets go once all of them wait on it, forcing the worst interleaving every time.
 */
const title = TEST_POSTGRES_URL
  ? "native PostgreSQL: racing live-chat transitions"
  : skipNotice("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres", "native PostgreSQL live-chat races");

describe.skipIf(!TEST_POSTGRES_URL)(title, () => {
  const native = useNativeDatabase({ prefix: "cw_lc", poolSize: 10 });
  let fx: { workspaceId: string; botId: string; anna: string; ben: string };

  beforeEach(async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace(`Rennen ${Math.random().toString(36).slice(2, 8)}`);
    const bot = await createBot(ctx, { name: "Hilfe", languages: ["de"] });
    const anna = (await addMember(workspace.id, "operator", "anna")).user.id;
    const ben = (await addMember(workspace.id, "operator", "ben")).user.id;
    for (const userId of [anna, ben]) await db().operatorProfile.create({ data: { workspaceId: workspace.id, userId, displayName: userId === anna ? "Anna" : "Ben", status: "online" } });
    fx = { workspaceId: workspace.id, botId: bot.id, anna, ben };
  });

  async function conversation(data: Record<string, unknown>) {
    const session = await db().visitorSession.create({ data: { workspaceId: fx.workspaceId, botId: fx.botId, tokenHash: Math.random().toString(36) } });
    return db().conversation.create({ data: { workspaceId: fx.workspaceId, botId: fx.botId, visitorSessionId: session.id, language: "de", ...data } });
  }

  /** Runs the calls while the gate holds the conversation row; lets go once `waiters` of them wait on it. */
  async function race<T>(conversationId: string, waiters: number, calls: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
    const gate = new pg.Client({ connectionString: native.url() });
    await gate.connect();
    try {
      await gate.query("BEGIN");
      await gate.query("SELECT id FROM conversations WHERE id = $1 FOR UPDATE", [conversationId]);
      const settled = Promise.allSettled(calls.map((call) => call()));
      await waitForLockWaiters(gate, waiters);
      await gate.query("COMMIT");
      return await settled;
    } finally {
      await gate.end();
    }
  }

  it("lets exactly one of two operators accept a waiting chat", async () => {
    const c = await conversation({ status: "queued", queuedAt: new Date() });
    const results = await race(c.id, 2, [fx.anna, fx.ben].map((userId) => () => acceptConversation({ workspaceId: fx.workspaceId, userId, role: "operator" }, c.id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: "conflict", details: { reason: "already_assigned" } });
    const row = await db().conversation.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.status).toBe("assigned");
    expect([fx.anna, fx.ben]).toContain(row.assignedUserId);
    expect(await db().message.count({ where: { conversationId: c.id, role: "system" } })).toBe(1);
  });

  it("offers a waiting chat to one operator when two nodes offer it at once", async () => {
    const c = await conversation({ status: "queued", queuedAt: new Date() });
    const results = await race(c.id, 2, [() => offerConversation(fx.workspaceId, c.id), () => offerConversation(fx.workspaceId, c.id)]);
    const chosen = results.map((r) => (r.status === "fulfilled" ? r.value : "error"));
    expect(chosen.filter((v) => v === null)).toHaveLength(1);
    const winner = chosen.find((v) => v !== null);
    expect([fx.anna, fx.ben]).toContain(winner);
    expect((await db().conversation.findUniqueOrThrow({ where: { id: c.id } })).offeredToUserId).toBe(winner);
  });

  it("moves a lapsed offer once when two nodes sweep at once", async () => {
    const offeredAt = new Date(Date.now() - 5 * 60_000);
    const c = await conversation({ status: "queued", queuedAt: offeredAt, offeredToUserId: fx.anna, offeredAt });
    const results = await race(c.id, 2, [() => moveUnansweredOffers(), () => moveUnansweredOffers()]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : "error")).sort()).toEqual([0, 1]);
    const row = await db().conversation.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.offeredToUserId).toBe(fx.ben);
    expect(row.offeredAt!.getTime()).toBeGreaterThan(offeredAt.getTime());
  });

  it("reassigns an absent operator's chat once when two nodes sweep at once", async () => {
    await db().operatorProfile.updateMany({ where: { workspaceId: fx.workspaceId, userId: fx.anna }, data: { status: "offline", statusChangedAt: new Date(Date.now() - 10 * 60_000) } });
    const c = await conversation({ status: "assigned", assignedUserId: fx.anna, assignedAt: new Date() });
    // Both sweeps read the chat, then wait on its row inside their transactions.
    const results = await race(c.id, 2, [() => reassignAbsentOperatorsChats(), () => reassignAbsentOperatorsChats()]);
    const moved = results.map((r) => (r.status === "fulfilled" ? r.value : ["error"]));
    expect(moved.flat()).toEqual([c.id]);
    const row = await db().conversation.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ status: "queued", assignedUserId: null, offeredToUserId: fx.ben });
    expect(await db().message.count({ where: { conversationId: c.id, role: "system" } })).toBe(1);
  });
  // Regression (fixed in lib/chat/messages.ts): the group-commit statement bumped the
  // counters of a batch's conversations in whatever order its plan produced, so two batches
  // in flight at once (two writers of a node, or two nodes) sharing conversations could lock
  // them in opposite orders and deadlock; every message of the losing batch then failed.
  it("visitor-message batches in flight at once over shared conversations never deadlock", async () => {
    const conversations = await Promise.all(Array.from({ length: 240 }, () => conversation({ status: "bot" })));
    const sent = new Map<string, number>();
    const failures: string[] = [];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const shuffled = <T,>(xs: T[]) => xs.map((x) => ({ x, k: next() })).sort((a, b) => a.k - b.k).map(({ x }) => x);
    for (let round = 0; round < 20; round++) {
      // Two batches at once (each writer takes up to 200 queued messages): one over 200
      // conversations, one over 20 of them. Their plans group by conversation in hash tables
      // of different sizes, so the two visit shared conversations in different orders.
      const wide = shuffled(conversations).slice(0, 200);
      const narrow = shuffled(wide).slice(0, 20);
      const calls = [...wide, ...Array.from({ length: 200 }, (_, i) => narrow[i % narrow.length]!)];
      const results = await Promise.allSettled(
        calls.map((c, i) => {
          sent.set(c.id, (sent.get(c.id) ?? 0) + 1);
          return storeVisitorMessage({ id: c.id, workspaceId: fx.workspaceId }, { text: `Nachricht ${round}-${i}`, clientMessageId: `race-${round}-${i}-${c.id.slice(-6)}` });
        }),
      );
      failures.push(...results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => String(r.reason).slice(0, 120)));
    }
    expect(failures).toEqual([]);
    for (const c of conversations) {
      const row = await db().conversation.findUniqueOrThrow({ where: { id: c.id }, select: { messageCount: true } });
      expect(row.messageCount).toBe(sent.get(c.id) ?? 0);
      expect(await db().message.count({ where: { conversationId: c.id } })).toBe(sent.get(c.id) ?? 0);
    }
  });
});
