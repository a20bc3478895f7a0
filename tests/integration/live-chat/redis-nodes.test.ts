import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as presence } from "@/app/api/widget/[botPublicId]/presence/route";
import { db } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/queue";
import type { TConsoleMessage, TLiveVisitor } from "@/lib/live-chat/protocol";
import type { TWidgetMessage } from "@/lib/widget/protocol";
import { skipNotice, TEST_REDIS_URL } from "../../helpers/external-services";
import { call, clientId, connectOperator, createLiveChatWorkspace, nextEvent, openVisitor, startLiveServer, visitorKey, type TLiveServer } from "../../helpers/operator-client";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * Two socket.io "nodes" sharing one database and one Redis (adapter and presence store): a
 * visitor on node B and an operator on node A chat, type and send commands to each other with
 * no sticky sessions; the visitor list is shared through Redis.
 */
const title = TEST_REDIS_URL ? "live chat across two nodes (Redis)" : skipNotice("REDIS_URL", "redis://127.0.0.1:6379", "live chat across two nodes");
if (!TEST_REDIS_URL) console.warn(title);

describe.skipIf(!TEST_REDIS_URL)(title, () => {
  useTestDatabase({ env: { REDIS_URL: TEST_REDIS_URL ?? "" } });

  let nodeA: TLiveServer;
  let nodeB: TLiveServer;
  let fx: Awaited<ReturnType<typeof createLiveChatWorkspace>>;
  let inspector: Redis;

  beforeAll(async () => {
    fx = await createLiveChatWorkspace("Zwei Knoten", { operators: ["anna"], allowedDomains: ["shop.example"] });
    nodeA = await startLiveServer({ redisUrl: TEST_REDIS_URL });
    nodeB = await startLiveServer({ redisUrl: TEST_REDIS_URL, register: false });
    inspector = new Redis(TEST_REDIS_URL!);
  });

  afterAll(async () => {
    await nodeB?.close();
    await nodeA?.close();
    const keys = await inspector.keys(`cw:presence:${fx.workspace.id}`);
    if (keys.length) await inspector.del(...keys);
    await inspector.quit();
    await stopJobQueue();
  });

  it("uses this installation's Redis channels (REDIS_PREFIX), so installations sharing a Redis stay apart", async () => {
    // The adapter subscribes asynchronously after the nodes start.
    let channels: string[] = [];
    for (let i = 0; i < 40 && channels.length === 0; i++) {
      channels = (await inspector.pubsub("CHANNELS", "*socket.io*")) as string[];
      if (channels.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(channels).toContain("cw:socket.io-request#/widget#");
    expect(channels).toContain("cw:socket.io-request#/operator#");
    expect(channels.filter((c) => !c.startsWith("cw:socket.io-"))).toEqual([]);
  });

  it("carries messages, typing and commands between a visitor on B and an operator on A", async () => {
    const { socket: anna } = await connectOperator(nodeA.url, fx.operators.anna!, fx.workspace.slug);
    const { socket: visitor, session } = await openVisitor(nodeB.url, { botId: fx.bot.publicId, locale: "de-DE" });
    const conversationId = session.conversation.id;
    const offer = nextEvent<{ conversation: { id: string } }>(anna, "conversation:offer", (p) => p.conversation.id === conversationId);
    expect(await call(visitor, "handoff:request", {})).toMatchObject({ ok: true, data: { status: "queued" } });
    await offer;
    const assigned = nextEvent<{ status: string }>(visitor, "conversation:status", (s) => s.status === "assigned");
    expect(await call(anna, "conversation:accept", { conversationId })).toMatchObject({ ok: true });
    await assigned;

    const atConsole = nextEvent<{ message: TConsoleMessage }>(anna, "message:new", (p) => p.message.role === "visitor");
    await call(visitor, "message:send", { text: "Hallo vom anderen Knoten", clientMessageId: clientId() });
    expect((await atConsole).message.text).toBe("Hallo vom anderen Knoten");

    const atVisitor = nextEvent<TWidgetMessage>(visitor, "message:new", (m) => m.role === "operator");
    await call(anna, "message:send", { conversationId, text: "Hallo zurück", clientMessageId: clientId() });
    expect((await atVisitor).text).toBe("Hallo zurück");

    const typingAtConsole = nextEvent<{ from: string }>(anna, "typing", (t) => t.from === "visitor");
    visitor.emit("typing", { active: true });
    await typingAtConsole;
    const typingAtVisitor = nextEvent<{ from: string }>(visitor, "typing", (t) => t.from === "operator");
    anna.emit("typing", { conversationId, active: true });
    await typingAtVisitor;

    const command = nextEvent<{ type: string; url: string }>(visitor, "command");
    await call(anna, "message:send", { conversationId, text: "open: https://shop.example/hilfe", clientMessageId: clientId() });
    expect(await command).toEqual({ type: "open", url: "https://shop.example/hilfe" });
    expect(await db().message.count({ where: { conversationId } })).toBeGreaterThanOrEqual(4);
  });

  it("shares the live visitor list through Redis, not process memory", async () => {
    const key = visitorKey();
    const res = await presence(
      new Request(`http://localhost/api/widget/${fx.bot.publicId}/presence`, { method: "POST", body: JSON.stringify({ visitorKey: key, mode: "track", page: { url: "https://shop.example/", title: "Start", referrer: "" } }) }),
      { params: Promise.resolve({ botPublicId: fx.bot.publicId }) },
    );
    expect(res.status).toBe(200);
    expect(await inspector.hexists(`cw:presence:${fx.workspace.id}`, key)).toBe(1);
    const { first } = await connectOperator(nodeB.url, fx.operators.anna!, fx.workspace.slug);
    const listed = (await first.visitors).visitors as TLiveVisitor[];
    expect(listed.map((v) => v.visitorKey)).toContain(key);
  });
});
