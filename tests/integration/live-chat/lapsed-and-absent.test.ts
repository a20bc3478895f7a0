import type { Socket as ClientSocket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/queue";
import type { THandoffResult } from "@/lib/live-chat/protocol";
import { runLiveChatSweep } from "@/lib/live-chat/run-live-chat-sweep";
import type { TWidgetMessage } from "@/lib/widget/protocol";
import { call, connectOperator, createLiveChatWorkspace, nextEvent, openVisitor, record, settle, startLiveServer, type TLiveServer } from "../../helpers/operator-client";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * Chats never wait on someone who is not there: an offer nobody answers within the owner's
 * offerTimeoutSeconds moves on to the next free operator, and the chats of an operator who
 * stays offline for reassignAfterMinutes go back to the queue (or to the bot with nobody free).
 */
useTestDatabase();

let live: TLiveServer;
let fx: Awaited<ReturnType<typeof createLiveChatWorkspace>>;
const op: Record<string, ClientSocket> = {};

beforeAll(async () => {
  fx = await createLiveChatWorkspace("Fahrradladen", {
    operators: ["anna", "ben"],
    liveChatSettings: { queueTimeoutSeconds: 600, offerTimeoutSeconds: 20, reassignAfterMinutes: 2 },
  });
  live = await startLiveServer();
});

afterEach(async () => {
  await db().conversation.updateMany({ where: { workspaceId: fx.workspace.id, status: { not: "closed" } }, data: { status: "closed", closedAt: new Date() } });
  for (const name of Object.keys(op)) {
    op[name]!.disconnect();
    delete op[name];
  }
  await settle(200);
});

afterAll(async () => {
  await live.close();
  await stopJobQueue();
});

const ok = <T>(ack: unknown) => {
  expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
  return (ack as { data: T }).data;
};
const row = (id: string) => db().conversation.findUniqueOrThrow({ where: { id } });
const nameOf = (userId: string | null) => (userId === fx.operators.anna!.id ? "anna" : userId === fx.operators.ben!.id ? "ben" : null);

async function online(...names: ("anna" | "ben")[]) {
  for (const name of names) op[name] = (await connectOperator(live.url, fx.operators[name]!, fx.workspace.slug)).socket;
}

async function queuedVisitor() {
  const visitor = await openVisitor(live.url, { botId: fx.bot.publicId, locale: "de-DE" });
  expect(ok<THandoffResult>(await call(visitor.socket, "handoff:request", {})).status).toBe("queued");
  return { ...visitor, conversationId: visitor.session.conversation.id };
}

describe("an offer nobody answers", () => {
  it("moves on to the next free operator after offerTimeoutSeconds, once per lapse, and back again", async () => {
    await online("anna", "ben");
    const { conversationId } = await queuedVisitor();
    const first = await row(conversationId);
    const firstName = nameOf(first.offeredToUserId)!;
    const secondName = firstName === "anna" ? "ben" : "anna";
    expect(firstName).not.toBeNull();

    // 15 s: still within the owner's 20 s.
    expect((await runLiveChatSweep(new Date(first.offeredAt!.getTime() + 15_000))).offersMoved).toBe(0);
    expect((await row(conversationId)).offeredToUserId).toBe(first.offeredToUserId);

    const offered = nextEvent<{ conversation: { id: string } }>(op[secondName]!, "conversation:offer", (p) => p.conversation.id === conversationId);
    const lapsed = nextEvent<{ kind: string; conversationId: string }>(op[firstName]!, "notice", (n) => n.kind === "offer_lapsed");
    // Two nodes sweeping the same moment move it once.
    const at = new Date(first.offeredAt!.getTime() + 25_000);
    const sweeps = await Promise.all([runLiveChatSweep(at), runLiveChatSweep(at)]);
    expect(sweeps.map((s) => s.offersMoved).sort()).toEqual([0, 1]);
    await offered;
    expect((await lapsed).conversationId).toBe(conversationId);
    const second = await row(conversationId);
    expect(nameOf(second.offeredToUserId)).toBe(secondName);
    // A lapse is not a decline: nothing is remembered against the first operator.
    expect(second.declinedBy).toEqual([]);

    // The second lets it lapse too: it goes back to the first.
    expect((await runLiveChatSweep(new Date(second.offeredAt!.getTime() + 25_000))).offersMoved).toBe(1);
    expect(nameOf((await row(conversationId)).offeredToUserId)).toBe(firstName);
    // The chat itself is still waiting and either can accept it.
    ok(await call(op[secondName]!, "conversation:accept", { conversationId }));
    expect(await row(conversationId)).toMatchObject({ status: "assigned", assignedUserId: fx.operators[secondName]!.id, offeredToUserId: null });
  });

  it("stays with the only operator online and is announced to them again", async () => {
    await online("anna");
    const { conversationId } = await queuedVisitor();
    const first = await row(conversationId);
    expect(first.offeredToUserId).toBe(fx.operators.anna!.id);
    const again = nextEvent<{ conversation: { id: string } }>(op.anna!, "conversation:offer", (p) => p.conversation.id === conversationId);
    const seen = record(op.anna!);
    expect((await runLiveChatSweep(new Date(first.offeredAt!.getTime() + 25_000))).offersMoved).toBe(0);
    await again;
    const now = await row(conversationId);
    expect(now.offeredToUserId).toBe(fx.operators.anna!.id);
    expect(now.offeredAt!.getTime()).toBeGreaterThan(first.offeredAt!.getTime());
    expect(seen.events.filter((e) => e.event === "notice")).toEqual([]);
    seen.stop();
  });
});

describe("an operator who stays offline", () => {
  async function assignedTo(name: "anna" | "ben") {
    const visitor = await queuedVisitor();
    ok(await call(op[name]!, "conversation:accept", { conversationId: visitor.conversationId }));
    return visitor;
  }

  async function goOffline(name: "anna" | "ben") {
    op[name]!.disconnect();
    delete op[name];
    await expect.poll(async () => (await db().operatorProfile.findFirstOrThrow({ where: { workspaceId: fx.workspace.id, userId: fx.operators[name]!.id } })).status).toBe("offline");
    return (await db().operatorProfile.findFirstOrThrow({ where: { workspaceId: fx.workspace.id, userId: fx.operators[name]!.id } })).statusChangedAt.getTime();
  }

  it("loses their chats to the queue after reassignAfterMinutes, offered to someone free, and the visitor is told", async () => {
    await online("anna", "ben");
    await db().operatorProfile.updateMany({ where: { workspaceId: fx.workspace.id, userId: fx.operators.ben!.id }, data: { status: "away" } });
    const { socket: visitor, conversationId } = await assignedTo("anna");
    await db().operatorProfile.updateMany({ where: { workspaceId: fx.workspace.id, userId: fx.operators.ben!.id }, data: { status: "online" } });
    const offlineAt = await goOffline("anna");

    expect((await runLiveChatSweep(new Date(offlineAt + 90_000))).reassigned).toEqual([]);
    expect((await row(conversationId)).status).toBe("assigned");

    const told = nextEvent<TWidgetMessage>(visitor, "message:new", (m) => m.role === "system" && m.text.includes("nicht mehr erreichbar"));
    const queued = nextEvent<{ status: string }>(visitor, "conversation:status", (s) => s.status === "queued");
    const offered = nextEvent<{ conversation: { id: string } }>(op.ben!, "conversation:offer", (p) => p.conversation.id === conversationId);
    const notice = nextEvent<{ kind: string; conversationId: string }>(op.ben!, "notice", (n) => n.kind === "chat_reassigned");
    const at = new Date(offlineAt + 150_000);
    expect((await runLiveChatSweep(at)).reassigned).toEqual([conversationId]);
    await Promise.all([told, queued, offered]);
    expect((await notice).conversationId).toBe(conversationId);
    expect(await row(conversationId)).toMatchObject({ status: "queued", assignedUserId: null, offeredToUserId: fx.operators.ben!.id });
    // Another node sweeping the same moment moves nothing more, and the visitor was told once.
    expect((await runLiveChatSweep(at)).reassigned).toEqual([]);
    expect(await db().message.count({ where: { conversationId, role: "system", text: { contains: "nicht mehr erreichbar" } } })).toBe(1);
    ok(await call(op.ben!, "conversation:accept", { conversationId }));
  });

  it("hands their chats back to the bot when nobody else is free", async () => {
    await online("anna");
    const { socket: visitor, conversationId } = await assignedTo("anna");
    const offlineAt = await goOffline("anna");
    const back = nextEvent<{ status: string }>(visitor, "conversation:status", (s) => s.status === "bot");
    expect((await runLiveChatSweep(new Date(offlineAt + 150_000))).reassigned).toEqual([conversationId]);
    await back;
    expect(await row(conversationId)).toMatchObject({ status: "bot", assignedUserId: null, queuedAt: null });
    expect(await db().message.count({ where: { conversationId, role: "system", text: { contains: "Assistent" } } })).toBe(1);
  });
});
