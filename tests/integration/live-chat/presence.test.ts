import type { Socket as ClientSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as presence } from "@/app/api/widget/[botPublicId]/presence/route";
import { db } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/queue";
import type { THandoffResult, TInvitation, TLiveVisitor, TPresenceReply } from "@/lib/live-chat/protocol";
import type { TWidgetMessage } from "@/lib/widget/protocol";
import { call, connectOperator, createLiveChatWorkspace, nextEvent, openVisitor, startLiveServer, visitorKey, type TLiveServer } from "../../helpers/operator-client";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * The presence beacon and invitations: the live visitor list (nothing stored before the
 * visitor interacts), humanAvailable, an invitation delivered by the next beat or to an open
 * frame, answered once, and pages/referrer recorded only for visitors with a session.
 */
useTestDatabase();

let live: TLiveServer;
let fx: Awaited<ReturnType<typeof createLiveChatWorkspace>>;
let anna: ClientSocket;

beforeAll(async () => {
  fx = await createLiveChatWorkspace("Velohaus", { operators: ["anna"], allowedDomains: ["shop.example"] });
  live = await startLiveServer();
});

afterAll(async () => {
  await live.close();
  await stopJobQueue();
});

function beat(body: unknown, options: { origin?: string; sessionId?: string; botPublicId?: string } = {}) {
  const id = options.botPublicId ?? fx.bot.publicId;
  const headers: Record<string, string> = { "content-type": "text/plain" };
  if (options.origin !== undefined) headers.origin = options.origin;
  if (options.sessionId) headers["x-session-id"] = options.sessionId;
  return presence(new Request(`http://localhost/api/widget/${id}/presence`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }), {
    params: Promise.resolve({ botPublicId: id }),
  });
}

const page = (path: string, referrer = "") => ({ url: `https://shop.example${path}`, title: path, referrer });

describe("presence beacon", () => {
  it("refuses unknown bots, foreign origins and bad bodies", async () => {
    expect((await beat({ visitorKey: visitorKey(), mode: "widget", page: page("/") }, { botPublicId: "bot_doesnotexist123" })).status).toBe(404);
    const foreign = await beat({ visitorKey: visitorKey(), mode: "widget", page: page("/") }, { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get("access-control-allow-origin")).toBe("https://evil.example");
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe("origin_not_allowed");
    expect((await beat("{not json", { origin: "https://shop.example" })).status).toBe(400);
    expect((await beat({ visitorKey: "short", mode: "widget", page: page("/") })).status).toBe(400);
  });

  it("lists visitors live without storing anything, and says whether a human is available", async () => {
    const sessionsBefore = await db().visitorSession.count();
    const key = visitorKey();
    const first = await beat({ visitorKey: key, mode: "widget", page: page("/raeder", "https://www.bing.com/search?q=e-bike+kaufen"), locale: "de-DE" }, { origin: "https://shop.example" });
    expect(first.status).toBe(200);
    expect(first.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(await first.json()).toEqual({ nextBeatSeconds: 15, humanAvailable: false, invitation: null });

    const connected = await connectOperator(live.url, fx.operators.anna!, fx.workspace.slug);
    anna = connected.socket;
    const listed = (await connected.first.visitors).visitors.find((v) => v.visitorKey === key);
    expect(listed).toMatchObject({ mode: "widget", page: { url: "https://shop.example/raeder" }, referrer: "https://www.bing.com/search?q=e-bike+kaufen", searchPhrase: "e-bike kaufen", locale: "de-DE", conversationId: null, botId: fx.bot.id });

    // The next page: the live list follows; humanAvailable is now true. Tracking-only mode counts too.
    const moved = nextEvent<{ visitors: TLiveVisitor[] }>(anna, "visitors", (p) => p.visitors.some((v) => v.visitorKey === key && v.page.url.endsWith("/zubehoer")), 6_000);
    const second = (await (await beat({ visitorKey: key, mode: "widget", page: page("/zubehoer", "https://shop.example/raeder") })).json()) as TPresenceReply;
    expect(second.humanAvailable).toBe(true);
    const tracked = visitorKey();
    await beat({ visitorKey: tracked, mode: "track", page: page("/kontakt") });
    const list = (await moved).visitors;
    expect(list.find((v) => v.visitorKey === key)?.referrer).toBe("https://www.bing.com/search?q=e-bike+kaufen");
    expect(await db().visitorSession.count()).toBe(sessionsBefore);
  });

  it("delivers an invitation with the next beat, once, and hands the answered chat to the inviting operator", async () => {
    const key = visitorKey();
    await beat({ visitorKey: key, mode: "widget", page: page("/kasse") });
    const invited = (await call<{ invitationId: string }>(anna, "visitor:invite", { visitorKey: key, text: "Kann ich Ihnen bei der Bestellung helfen?" })) as { ok: true; data: { invitationId: string } };
    expect(invited.ok).toBe(true);
    const reply = (await (await beat({ visitorKey: key, mode: "widget", page: page("/kasse") })).json()) as TPresenceReply;
    expect(reply.invitation).toEqual({ invitationId: invited.data.invitationId, operator: { name: "Anna", avatarUrl: null }, text: "Kann ich Ihnen bei der Bestellung helfen?" });
    expect(((await (await beat({ visitorKey: key, mode: "widget", page: page("/kasse") })).json()) as TPresenceReply).invitation).toBeNull();
    expect(await call(anna, "visitor:invite", { visitorKey: visitorKey(), text: "Hallo?" })).toMatchObject({ ok: false, error: { code: "not_found" } });

    // The visitor answers: the frame connects, accepts, and the chat is Anna's at once.
    const { socket: visitor, session } = await openVisitor(live.url, { botId: fx.bot.publicId, locale: "de-DE", visitorKey: key, page: page("/kasse") });
    const notice = nextEvent<{ kind: string; conversationId: string }>(anna, "notice", (n) => n.kind === "invitation_accepted");
    const firstMessage = nextEvent<TWidgetMessage>(visitor, "message:new", (m) => m.role === "operator");
    const accepted = (await call<THandoffResult>(visitor, "invitation:accept", { invitationId: invited.data.invitationId })) as { ok: true; data: THandoffResult };
    expect(accepted.data).toEqual({ status: "assigned", operator: { name: "Anna", avatarUrl: null } });
    expect((await firstMessage)).toMatchObject({ text: "Kann ich Ihnen bei der Bestellung helfen?", author: { name: "Anna" } });
    expect((await notice).conversationId).toBe(session.conversation.id);
    expect(await db().conversation.findUniqueOrThrow({ where: { id: session.conversation.id } })).toMatchObject({ status: "assigned", assignedUserId: fx.operators.anna!.id, handoffReason: "invitation" });
    // An invitation is answered once; the list now shows the visitor's chat.
    expect(await call(visitor, "invitation:accept", { invitationId: invited.data.invitationId })).toMatchObject({ ok: false, error: { code: "not_found" } });
    const linked = nextEvent<{ visitors: TLiveVisitor[] }>(anna, "visitors", (p) => p.visitors.some((v) => v.visitorKey === key && v.conversationStatus === "assigned"), 6_000);
    await beat({ visitorKey: key, mode: "widget", page: page("/kasse/bezahlen") });
    expect((await linked).visitors.find((v) => v.visitorKey === key)?.conversationId).toBe(session.conversation.id);
    expect(await call(anna, "visitor:invite", { visitorKey: key, text: "Noch einmal hallo" })).toMatchObject({ ok: false, error: { code: "conflict", details: { reason: "already_chatting" } } });
  });

  it("sends an invitation straight to an open frame of that page load", async () => {
    const key = visitorKey();
    await beat({ visitorKey: key, mode: "widget", page: page("/") });
    const { socket: visitor } = await openVisitor(live.url, { botId: fx.bot.publicId, locale: "de-DE", visitorKey: key });
    const received = nextEvent<TInvitation>(visitor, "invitation");
    const invited = (await call<{ invitationId: string }>(anna, "visitor:invite", { visitorKey: key, text: "Hallo aus dem Team!" })) as { ok: true; data: { invitationId: string } };
    expect(await received).toMatchObject({ invitationId: invited.data.invitationId, text: "Hallo aus dem Team!" });
    expect(((await (await beat({ visitorKey: key, mode: "widget", page: page("/") })).json()) as TPresenceReply).invitation).toBeNull();
  });

  it("records pages, referrer and search phrase only for a visitor with a session", async () => {
    const key = visitorKey();
    const { session } = await openVisitor(live.url, {
      botId: fx.bot.publicId, locale: "de-DE", visitorKey: key,
      page: { url: "https://shop.example/start", title: "Start", referrer: "https://duckduckgo.com/?q=lastenrad+leasing" },
    });
    await beat({ visitorKey: key, mode: "widget", page: page("/leasing", "https://shop.example/start") }, { sessionId: session.sessionId });
    await beat({ visitorKey: key, mode: "widget", page: page("/leasing", "https://shop.example/start") }, { sessionId: session.sessionId });
    const stored = await db().visitorSession.findFirstOrThrow({ where: { conversations: { some: { id: session.conversation.id } } } });
    expect(stored.referrer).toBe("https://duckduckgo.com/?q=lastenrad+leasing");
    expect(stored.searchPhrase).toBe("lastenrad leasing");
    expect((stored.pages as { url: string }[]).map((p) => p.url)).toEqual(["https://shop.example/start", "https://shop.example/leasing"]);
  });
});
