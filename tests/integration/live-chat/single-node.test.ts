import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/queue";
import type { TWidgetMessage } from "@/lib/widget/protocol";
import { createRealtimeServer } from "@/server/realtime";
import { call, clientId, connectOperator, createLiveChatWorkspace, nextEvent, openVisitor, record, settle } from "../../helpers/operator-client";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * The production realtime server (server/realtime.ts) on one node without Redis: a visitor's
 * message reaches their other frames only when there are any (a lone frame's broadcast is
 * skipped), and always the assigned operator. Persist, then broadcast, as everywhere.
 */
useTestDatabase();

let url = "";
let realtime: Awaited<ReturnType<typeof createRealtimeServer>>;
let server: http.Server;

beforeAll(async () => {
  server = http.createServer();
  realtime = await createRealtimeServer(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await realtime.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await stopJobQueue();
});

describe("one node without Redis", () => {
  it("sends a visitor's message to their other frame and the operator, and to the operator alone from a lone frame", async () => {
    const fx = await createLiveChatWorkspace("Ein Knoten", { operators: ["anna"] });
    const first = await openVisitor(url, { botId: fx.bot.publicId, locale: "de-DE" });
    const conversationId = first.session.conversation.id;
    await db().conversation.update({ where: { id: conversationId }, data: { status: "assigned", assignedUserId: fx.operators.anna!.id, assignedAt: new Date() } });
    const anna = (await connectOperator(url, fx.operators.anna!, fx.workspace.slug)).socket;
    const second = await openVisitor(url, { botId: fx.bot.publicId, sessionId: first.session.sessionId, locale: "de-DE" });
    expect(second.session.conversation.id).toBe(conversationId);

    const cid = clientId();
    const inOtherFrame = nextEvent<TWidgetMessage>(second.socket, "message:new", (m) => m.clientMessageId === cid);
    const atOperator = nextEvent<{ message: { clientMessageId: string | null; conversationId: string; internal: boolean } }>(anna, "message:new", (p) => p.message.clientMessageId === cid);
    const ownFrame = record(first.socket);
    const ack = await call<{ message: TWidgetMessage }>(first.socket, "message:send", { text: "Hallo aus Tab 1", clientMessageId: cid });
    expect(ack.ok).toBe(true);
    expect((await inOtherFrame).text).toBe("Hallo aus Tab 1");
    expect((await atOperator).message).toMatchObject({ conversationId, internal: false });
    await settle();
    // The sender's own frame has the ack, not a second copy.
    expect(ownFrame.events.filter((e) => e.event === "message:new")).toHaveLength(0);
    ownFrame.stop();

    second.socket.disconnect();
    await settle();
    const lone = clientId();
    const atOperatorAgain = nextEvent<{ message: { clientMessageId: string | null } }>(anna, "message:new", (p) => p.message.clientMessageId === lone);
    expect((await call(first.socket, "message:send", { text: "Nur noch ein Tab", clientMessageId: lone })).ok).toBe(true);
    await atOperatorAgain;
    expect(await db().message.count({ where: { conversationId, role: "visitor" } })).toBe(2);
  });
});
