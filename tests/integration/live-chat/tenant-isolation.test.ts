import type { Socket as ClientSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as presence } from "@/app/api/widget/[botPublicId]/presence/route";
import { db } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/queue";
import type { TCannedResponse } from "@/lib/live-chat/protocol";
import { call, clientId, connectOperator, createLiveChatWorkspace, openVisitor, record, settle, startLiveServer, visitorKey, type TLiveServer } from "../../helpers/operator-client";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * Every /operator event, sent by operators (and the owner) of workspace B with workspace A's
 * ids, is refused as not_found and changes nothing: no row of A moves, no event reaches A's
 * visitor or A's operators.
 */
useTestDatabase();

let live: TLiveServer;
let a: Awaited<ReturnType<typeof createLiveChatWorkspace>>;
let b: Awaited<ReturnType<typeof createLiveChatWorkspace>>;
let anna: ClientSocket;
let annaVisitor: ClientSocket;
let assignedA = "";
let queuedA = "";
let ownB = "";
let keyA = "";
const intruders: { label: string; socket: ClientSocket }[] = [];

beforeAll(async () => {
  a = await createLiveChatWorkspace("Alpha", { operators: ["anna"], departments: { Support: ["anna"] } });
  b = await createLiveChatWorkspace("Beta", { operators: ["mallory"] });
  live = await startLiveServer();
  anna = (await connectOperator(live.url, a.operators.anna!, a.workspace.slug)).socket;
  const mallory = (await connectOperator(live.url, b.operators.mallory!, b.workspace.slug)).socket;
  const ownerB = (await connectOperator(live.url, b.owner, b.workspace.slug)).socket;
  intruders.push({ label: "operator of B", socket: mallory }, { label: "owner of B", socket: ownerB });

  // A: one chat assigned to Anna (opened by her), one waiting; a visitor on the site.
  const v1 = await openVisitor(live.url, { botId: a.bot.publicId, locale: "de-DE" });
  annaVisitor = v1.socket;
  assignedA = v1.session.conversation.id;
  await call(annaVisitor, "message:send", { text: "Hallo, ich brauche Hilfe", clientMessageId: clientId() });
  await call(annaVisitor, "handoff:request", {});
  expect(await call(anna, "conversation:accept", { conversationId: assignedA })).toMatchObject({ ok: true });
  const v2 = await openVisitor(live.url, { botId: a.bot.publicId, locale: "de-DE" });
  queuedA = v2.session.conversation.id;
  await db().operatorProfile.update({ where: { id: a.operators.anna!.profileId }, data: { maxChats: 1 } });
  await call(v2.socket, "handoff:request", {});
  keyA = visitorKey();
  const beat = await presence(
    new Request(`http://localhost/api/widget/${a.bot.publicId}/presence`, { method: "POST", body: JSON.stringify({ visitorKey: keyA, mode: "widget", page: { url: "https://alpha.example/", title: "Alpha", referrer: "" } }) }),
    { params: Promise.resolve({ botPublicId: a.bot.publicId }) },
  );
  expect(beat.status).toBe(200);

  // B: its own assigned chat (for transfers towards A's people and departments).
  const vb = await openVisitor(live.url, { botId: b.bot.publicId, locale: "de-DE" });
  ownB = vb.session.conversation.id;
  await call(vb.socket, "handoff:request", {});
  expect(await call(mallory, "conversation:accept", { conversationId: ownB })).toMatchObject({ ok: true });

  await db().cannedResponse.createMany({
    data: [
      { workspaceId: a.workspace.id, scope: "workspace", shortcut: "versand", title: "Versand A", text: "Geheimer Text von Alpha" },
      { workspaceId: a.workspace.id, scope: "department", departmentId: a.departments.Support!.id, shortcut: "support", title: "Support A", text: "Alpha intern" },
      { workspaceId: b.workspace.id, scope: "workspace", shortcut: "versand", title: "Versand B", text: "Text von Beta" },
    ],
  });
});

afterAll(async () => {
  await live.close();
  await stopJobQueue();
});

async function snapshotA() {
  const conversations = await db().conversation.findMany({ where: { workspaceId: a.workspace.id }, orderBy: { id: "asc" } });
  const messages = await db().message.findMany({ where: { workspaceId: a.workspace.id }, orderBy: { id: "asc" }, select: { id: true, text: true, internal: true } });
  const profiles = await db().operatorProfile.findMany({ where: { workspaceId: a.workspace.id }, orderBy: { id: "asc" }, select: { status: true, lastAssignedAt: true } });
  return { conversations, messages, profiles };
}

const notFound = { ok: false, error: { code: "not_found" } };

describe("/operator with another workspace's ids", () => {
  it("refuses every event as not_found and changes nothing in workspace A", async () => {
    const before = await snapshotA();
    const visitorSeen = record(annaVisitor);
    const annaSeen = record(anna);

    for (const { label, socket } of intruders) {
      const attempts: [string, unknown][] = [
        ["conversation:open", { conversationId: assignedA }],
        ["conversation:accept", { conversationId: queuedA }],
        ["conversation:decline", { conversationId: queuedA }],
        ["message:send", { conversationId: assignedA, text: "Hallo von Beta", clientMessageId: clientId() }],
        ["message:send", { conversationId: assignedA, text: "Notiz von Beta", clientMessageId: clientId(), internal: true }],
        ["message:send", { conversationId: assignedA, text: "goto: https://beta.example/", clientMessageId: clientId() }],
        ["conversation:transfer", { conversationId: assignedA, to: { type: "operator", userId: b.operators.mallory!.id } }],
        ["conversation:transfer", { conversationId: ownB, to: { type: "operator", userId: a.operators.anna!.id } }],
        ["conversation:transfer", { conversationId: ownB, to: { type: "department", departmentId: a.departments.Support!.id } }],
        ["conversation:close", { conversationId: assignedA, tags: ["beta"] }],
        ["conversation:close", { conversationId: queuedA }],
        ["reply:suggest", { conversationId: assignedA }],
        ["canned:list", { conversationId: assignedA }],
        ["visitor:invite", { visitorKey: keyA, text: "Hallo von Beta" }],
      ];
      for (const [event, payload] of attempts) {
        expect(await call(socket, event, payload), `${label}: ${event} ${JSON.stringify(payload)}`).toMatchObject(notFound);
      }
      socket.emit("typing", { conversationId: assignedA, active: true });

      // Their own lists show nothing of A.
      const canned = (await call<{ responses: TCannedResponse[] }>(socket, "canned:list", { query: "versand" })) as { ok: true; data: { responses: TCannedResponse[] } };
      expect(canned.data.responses.map((r) => r.title)).toEqual(["Versand B"]);
    }

    await settle(300);
    visitorSeen.stop();
    annaSeen.stop();
    expect(visitorSeen.events, JSON.stringify(visitorSeen.events)).toEqual([]);
    expect(annaSeen.events.filter((e) => ["message:new", "typing", "notice", "conversation:offer", "conversation:status"].includes(e.event))).toEqual([]);
    expect(await snapshotA()).toEqual(before);
    // B's own chat is still B's.
    expect(await db().conversation.findUniqueOrThrow({ where: { id: ownB } })).toMatchObject({ status: "assigned", assignedUserId: b.operators.mallory!.id, departmentId: null });
  });

  it("never shows A's queue or visitors to B", async () => {
    const { socket, ready, first } = await connectOperator(live.url, b.operators.mallory!, b.workspace.slug);
    expect(ready.workspace.id).toBe(b.workspace.id);
    expect((await first.queue).conversations.map((c) => c.id)).toEqual([ownB]);
    const visitors = (await first.visitors).visitors.map((v) => v.visitorKey);
    expect(visitors).not.toContain(keyA);
    // A's own console does see that visitor (the list is not simply empty).
    const { socket: annaAgain, first: annaFirst } = await connectOperator(live.url, a.operators.anna!, a.workspace.slug);
    expect((await annaFirst.visitors).visitors.map((v) => v.visitorKey)).toContain(keyA);
    annaAgain.disconnect();
    socket.disconnect();
  });
});
