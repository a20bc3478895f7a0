import type { Socket as ClientSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainBotTurns } from "@/lib/chat/bot-turn";
import { db } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/queue";
import type { THandoffResult } from "@/lib/live-chat/protocol";
import { runLiveChatSweep } from "@/lib/live-chat/run-live-chat-sweep";
import type { TWidgetMessage } from "@/lib/widget/protocol";
import { call, clientId, connectOperator, createLiveChatWorkspace, nextEvent, openVisitor, settle, startLiveServer, type TLiveServer } from "../../helpers/operator-client";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * How chats find (or do not find) a human: accept races, a chat declined by everyone, the
 * queue timeout back to the bot, nobody online or outside business hours, owner keywords, an
 * unsure bot answer, automatic away and going offline with the last console tab.
 */
useTestDatabase();

let live: TLiveServer;
let fx: Awaited<ReturnType<typeof createLiveChatWorkspace>>;
const op: Record<string, ClientSocket> = {};

beforeAll(async () => {
  fx = await createLiveChatWorkspace("Werkstatt", {
    operators: ["anna", "ben", "carla", "dora"],
    departments: { Nachtschicht: ["dora"] },
    liveChatSettings: { queueTimeoutSeconds: 45, autoAwayMinutes: 5, handoffKeywords: ["mitarbeiter"] },
  });
  // Opening hours nobody is ever within: every day empty.
  await db().department.update({
    where: { id: fx.departments.Nachtschicht!.id },
    data: { businessHours: { timeZone: "Europe/Berlin", days: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }, offlineMessage: "Die Nachtschicht ist gerade nicht besetzt." },
  });
  live = await startLiveServer();
  op.anna = (await connectOperator(live.url, fx.operators.anna!, fx.workspace.slug)).socket;
  op.ben = (await connectOperator(live.url, fx.operators.ben!, fx.workspace.slug)).socket;
});

afterAll(async () => {
  await live.close();
  await stopJobQueue();
});

const ok = <T>(ack: unknown) => {
  expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
  return (ack as { data: T }).data;
};

async function queuedVisitor() {
  const visitor = await openVisitor(live.url, { botId: fx.bot.publicId, locale: "de-DE" });
  const result = ok<THandoffResult>(await call(visitor.socket, "handoff:request", {}));
  expect(result.status).toBe("queued");
  return { ...visitor, conversationId: visitor.session.conversation.id };
}

async function closeAll() {
  await db().conversation.updateMany({ where: { workspaceId: fx.workspace.id, status: { not: "closed" } }, data: { status: "closed", closedAt: new Date() } });
}

describe("accepting and declining", () => {
  it("lets exactly one of two operators win a race to accept", async () => {
    const { conversationId } = await queuedVisitor();
    const [a, b] = await Promise.all([call(op.anna!, "conversation:accept", { conversationId }), call(op.ben!, "conversation:accept", { conversationId })]);
    const winners = [a, b].filter((r) => r.ok);
    const losers = [a, b].filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers[0]).toMatchObject({ ok: false, error: { code: "conflict", details: { reason: "already_assigned" } } });
    const winner = a.ok ? fx.operators.anna! : fx.operators.ben!;
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: "assigned", assignedUserId: winner.id });
    expect(await db().message.count({ where: { conversationId, role: "system", text: { startsWith: "Sie sind jetzt mit" } } })).toBe(1);
    await closeAll();
  });

  it("keeps a chat everyone declined waiting, then returns it to the bot after the queue timeout", async () => {
    const { socket: visitor, conversationId } = await queuedVisitor();
    const offeredTo = (await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).offeredToUserId;
    const [first, second] = offeredTo === fx.operators.anna!.id ? (["anna", "ben"] as const) : (["ben", "anna"] as const);
    const nextOffer = nextEvent<{ conversation: { id: string } }>(op[second]!, "conversation:offer", (p) => p.conversation.id === conversationId);
    ok(await call(op[first]!, "conversation:decline", { conversationId }));
    await nextOffer;
    ok(await call(op[second]!, "conversation:decline", { conversationId }));
    const row = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(row).toMatchObject({ status: "queued", offeredToUserId: null });
    expect(row.declinedBy.sort()).toEqual([fx.operators.anna!.id, fx.operators.ben!.id].sort());

    // 40 s: still within the owner's 45 s. 50 s: back to the bot, with a message to the visitor.
    const queuedAt = row.queuedAt!.getTime();
    expect((await runLiveChatSweep(new Date(queuedAt + 40_000))).returnedToBot).toEqual([]);
    const backNote = nextEvent<TWidgetMessage>(visitor, "message:new", (m) => m.role === "system" && m.text.includes("Assistent"));
    const backStatus = nextEvent<{ status: string }>(visitor, "conversation:status", (s) => s.status === "bot");
    const notice = nextEvent<{ kind: string; conversationId: string }>(op.anna!, "notice", (n) => n.kind === "queue_timeout");
    expect((await runLiveChatSweep(new Date(queuedAt + 50_000))).returnedToBot).toEqual([conversationId]);
    await Promise.all([backNote, backStatus]);
    expect((await notice).conversationId).toBe(conversationId);
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: "bot", queuedAt: null, offeredToUserId: null });
    // A second node sweeping the same moment changes nothing more.
    expect((await runLiveChatSweep(new Date(queuedAt + 50_000))).returnedToBot).toEqual([]);
    expect(await db().message.count({ where: { conversationId, role: "system", text: { contains: "Assistent" } } })).toBe(1);

    // Back with the bot, the visitor's messages are answered by it again.
    const answer = nextEvent(visitor, "bot:done");
    ok(await call(visitor, "message:send", { text: "Kann ich mein Fahrrad zurückgeben?", clientMessageId: clientId() }));
    await answer;
    await closeAll();
  });
});

describe("when nobody can answer", () => {
  it("answers offline with nobody online, and outside the department's business hours", async () => {
    ok(await call(op.anna!, "status:set", { status: "away" }));
    ok(await call(op.ben!, "status:set", { status: "offline" }));
    const visitor = await openVisitor(live.url, { botId: fx.bot.publicId, locale: "de-DE" });
    const result = ok<THandoffResult>(await call(visitor.socket, "handoff:request", {}));
    expect(result).toEqual({ status: "offline", message: "Gerade ist niemand aus unserem Team erreichbar. Hinterlassen Sie uns eine Nachricht – wir melden uns so bald wie möglich bei Ihnen." });
    expect((await db().conversation.findUniqueOrThrow({ where: { id: visitor.session.conversation.id } })).status).toBe("bot");

    ok(await call(op.anna!, "status:set", { status: "online" }));
    ok(await call(op.ben!, "status:set", { status: "online" }));
    // Dora, the night shift's only operator, is online, but the department is closed.
    const { socket: dora } = await connectOperator(live.url, fx.operators.dora!, fx.workspace.slug);
    const closedDepartment = ok<THandoffResult>(await call(visitor.socket, "handoff:request", { departmentId: fx.departments.Nachtschicht!.id }));
    expect(closedDepartment).toEqual({ status: "offline", message: "Die Nachtschicht ist gerade nicht besetzt." });
    expect((await db().conversation.findUniqueOrThrow({ where: { id: visitor.session.conversation.id } })).status).toBe("bot");
    // Another workspace's (or an invented) department is not found.
    expect(await call(visitor.socket, "handoff:request", { departmentId: "no-such-department" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    dora.disconnect();
  });
});

describe("the bot hands over by itself", () => {
  it("on the owner's keyword, without answering", async () => {
    const visitor = await openVisitor(live.url, { botId: fx.bot.publicId, locale: "de-DE" });
    const queued = nextEvent<{ status: string }>(visitor.socket, "conversation:status", (s) => s.status === "queued");
    ok(await call(visitor.socket, "message:send", { text: "Ich möchte bitte mit einem Mitarbeiter sprechen", clientMessageId: clientId() }));
    await queued;
    await drainBotTurns();
    const conversationId = visitor.session.conversation.id;
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: "queued", handoffReason: "keyword" });
    expect(await db().message.count({ where: { conversationId, role: "bot" } })).toBe(0);
    await closeAll();
  });

  it("after an answer it is unsure about, when a human is available", async () => {
    const visitor = await openVisitor(live.url, { botId: fx.bot.publicId, locale: "de-DE" });
    const queued = nextEvent<{ status: string }>(visitor.socket, "conversation:status", (s) => s.status === "queued", 8_000);
    ok(await call(visitor.socket, "message:send", { text: "Welche Farbe hat der Himmel auf dem Mars bei Sonnenuntergang?", clientMessageId: clientId() }));
    await queued;
    const conversationId = visitor.session.conversation.id;
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ status: "queued", handoffReason: "unsure" });
    expect(await db().message.count({ where: { conversationId, role: "bot" } })).toBe(1);
    await closeAll();
  });
});

describe("operator presence", () => {
  it("sets an idle operator away after autoAwayMinutes, and offline when the last console tab closes", async () => {
    const { socket: carla } = await connectOperator(live.url, fx.operators.carla!, fx.workspace.slug);
    const profile = () => db().operatorProfile.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: fx.workspace.id, userId: fx.operators.carla!.id } } });
    expect((await profile()).status).toBe("online");
    const seen = (await profile()).lastSeenAt!.getTime();
    expect((await runLiveChatSweep(new Date(seen + 4 * 60_000))).autoAway).toBe(0);
    const notice = nextEvent<{ kind: string }>(carla, "notice", (n) => n.kind === "auto_away");
    await runLiveChatSweep(new Date(seen + 6 * 60_000));
    await notice;
    expect((await profile()).status).toBe("away");
    // Another tab of the same operator keeps them present; closing the last one sets them offline.
    const { socket: carla2 } = await connectOperator(live.url, fx.operators.carla!, fx.workspace.slug);
    carla.disconnect();
    await settle(300);
    expect((await profile()).status).toBe("away");
    carla2.disconnect();
    await settle(300);
    expect((await profile()).status).toBe("offline");
  });
});
