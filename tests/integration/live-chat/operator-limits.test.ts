import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/queue";
import { RATE_LIMITS } from "@/lib/rate-limit/rate-limit";
import { call, clientId, connectOperator, createLiveChatWorkspace, openVisitor, record, settle, startLiveServer, type TLiveServer } from "../../helpers/operator-client";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * A runaway console (a script, a stuck key) cannot flood a conversation: operator messages
 * and console events are limited per operator across all tabs, with a clear `rate_limited`
 * answer and nothing stored beyond the limit; typing relays beyond 5 per second are dropped.
 */
useTestDatabase();

let live: TLiveServer;
let fx: Awaited<ReturnType<typeof createLiveChatWorkspace>>;

beforeAll(async () => {
  fx = await createLiveChatWorkspace("Limit Laden", { operators: ["anna", "ben"] });
  live = await startLiveServer();
});

afterAll(async () => {
  await live.close();
  await stopJobQueue();
});

async function assignedChat(name: "anna" | "ben") {
  const { socket: operator } = await connectOperator(live.url, fx.operators[name]!, fx.workspace.slug);
  const visitor = await openVisitor(live.url, { botId: fx.bot.publicId, locale: "de-DE" });
  const conversationId = visitor.session.conversation.id;
  expect(await call(visitor.socket, "handoff:request", {})).toMatchObject({ ok: true });
  expect(await call(operator, "conversation:accept", { conversationId })).toMatchObject({ ok: true });
  return { operator, visitor: visitor.socket, conversationId };
}

describe("operator limits", () => {
  it("refuses messages beyond the per-minute limit with rate_limited, storing none of them, for that operator only", async () => {
    const limit = RATE_LIMITS.operatorMessage.points;
    const { operator, conversationId } = await assignedChat("anna");
    // A second tab of the same operator shares the budget.
    const { socket: secondTab } = await connectOperator(live.url, fx.operators.anna!, fx.workspace.slug);
    const acks = [];
    for (let i = 0; i < limit; i++) acks.push(await call(i % 2 ? secondTab : operator, "message:send", { conversationId, text: `Nachricht ${i}`, clientMessageId: clientId() }));
    expect(acks.filter((a) => a.ok)).toHaveLength(limit);
    const refused = await call(secondTab, "message:send", { conversationId, text: "eine zu viel", clientMessageId: clientId() });
    expect(refused).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect((refused as { error: { retryAfterSeconds?: number } }).error.retryAfterSeconds).toBeGreaterThan(0);
    expect(await db().message.count({ where: { conversationId, role: "operator" } })).toBe(limit);
    expect(await db().message.count({ where: { conversationId, text: "eine zu viel" } })).toBe(0);

    // Another operator of the same workspace is not affected.
    const other = await assignedChat("ben");
    expect(await call(other.operator, "message:send", { conversationId: other.conversationId, text: "Hallo", clientMessageId: clientId() })).toMatchObject({ ok: true });
    operator.disconnect();
    secondTab.disconnect();
    other.operator.disconnect();
  });

  it("relays at most 5 typing events per second and tab", async () => {
    const { operator, visitor, conversationId } = await assignedChat("ben");
    const seen = record(visitor);
    for (let i = 0; i < 40; i++) operator.emit("typing", { conversationId, active: i % 2 === 0 });
    await settle(500);
    const relayed = seen.events.filter((e) => e.event === "typing").length;
    seen.stop();
    expect(relayed).toBeGreaterThan(0);
    // 40 emitted within a second or two: at most 5 per second window get through.
    expect(relayed).toBeLessThanOrEqual(10);
    operator.disconnect();
  });
});
