import type { Socket as ClientSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainBotTurns } from "@/lib/chat/bot-turn";
import { db } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/queue";
import type { TConsoleMessage, TConversationDetails, THandoffResult, TVisitorDetails } from "@/lib/live-chat/protocol";
import { drainTranscripts, sendTranscripts } from "@/lib/live-chat/send-transcripts";
import type { TWidgetMessage } from "@/lib/widget/protocol";
import { mailsTo } from "../../helpers/outbox";
import {
  call, clientId, connectOperator, createLiveChatWorkspace, nextEvent, openVisitor, record, settle, startLiveServer, visitorKey, type TLiveServer,
} from "../../helpers/operator-client";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * One visitor's live chat from start to finish on a real socket.io server and database:
 * bot answer, handoff to a department, offer, decline (next operator), accept, messages both
 * ways (de-duplicated), typing both ways, `goto:` on an allowed domain, `open:` to a foreign
 * one refused, an internal note that never reaches the visitor, transfer, close with tags,
 * transcript mails once per address, the rating, and the next message going to the bot.
 */
useTestDatabase();

let live: TLiveServer;
let fx: Awaited<ReturnType<typeof createLiveChatWorkspace>>;
const op: Record<string, ClientSocket> = {};

beforeAll(async () => {
  fx = await createLiveChatWorkspace("Radhaus", {
    operators: ["anna", "ben"],
    departments: { Vertrieb: ["anna", "ben"], Buchhaltung: [] },
    allowedDomains: ["shop.example"],
    liveChatSettings: { transcripts: { enabled: true, emails: ["team@shop.example"] } },
  });
  await db().department.update({ where: { id: fx.departments.Vertrieb!.id }, data: { sendTranscripts: true, transcriptEmails: ["sales@shop.example", "TEAM@shop.example"] } });
  await db().operatorProfile.update({ where: { id: fx.operators.anna!.profileId }, data: { sendTranscripts: true } });
  live = await startLiveServer();
  op.anna = (await connectOperator(live.url, fx.operators.anna!, fx.workspace.slug)).socket;
  op.ben = (await connectOperator(live.url, fx.operators.ben!, fx.workspace.slug)).socket;
});

afterAll(async () => {
  await live.close();
  await stopJobQueue();
});

type TAckOk<T> = { ok: true; data: T };
const ok = <T>(ack: unknown) => {
  expect(ack, JSON.stringify(ack)).toMatchObject({ ok: true });
  return (ack as TAckOk<T>).data;
};
const refused = (ack: unknown, code: string, reason?: string) => {
  expect(ack, JSON.stringify(ack)).toMatchObject({ ok: false, error: { code, ...(reason ? { details: { reason } } : {}) } });
};

describe("live chat journey", () => {
  it("goes bot → queued → offered → declined → accepted → chat → transfer → closed → transcripts → rating", async () => {
    const key = visitorKey();
    const { socket: visitor, session } = await openVisitor(live.url, {
      botId: fx.bot.publicId, locale: "de-DE", visitorKey: key,
      page: { url: "https://shop.example/fahrraeder", title: "Fahrräder", referrer: "https://www.google.de/search?q=fahrrad+versand+%C3%B6sterreich" },
    });
    const conversationId = session.conversation.id;

    // The bot answers first; it is sure, so nobody is called.
    const answered = nextEvent<{ status: string; text: string }>(visitor, "bot:done");
    ok(await call(visitor, "message:send", { text: "Wie lange dauert der Versand nach Österreich?", clientMessageId: clientId() }));
    expect((await answered).text).toContain("3 bis 5 Werktagen");
    await drainBotTurns();
    expect((await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe("bot");

    // Handoff to the sales department: one of its operators is offered the chat.
    const offered = Promise.race(
      (["anna", "ben"] as const).map((name) => nextEvent<{ conversation: { id: string } }>(op[name]!, "conversation:offer", (p) => p.conversation.id === conversationId).then(() => name)),
    );
    const queuedStatus = nextEvent<{ status: string }>(visitor, "conversation:status", (s) => s.status === "queued");
    const queuedNote = nextEvent<TWidgetMessage>(visitor, "message:new", (m) => m.role === "system");
    const handoff = ok<THandoffResult>(await call(visitor, "handoff:request", { departmentId: fx.departments.Vertrieb!.id }));
    expect(handoff).toEqual({ status: "queued", position: 1 });
    await queuedStatus;
    expect((await queuedNote).text).toBe("Einen Moment bitte – wir verbinden Sie mit einem Mitarbeiter.");
    const first = await offered;
    const second = first === "anna" ? "ben" : "anna";
    let row = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(row).toMatchObject({ status: "queued", departmentId: fx.departments.Vertrieb!.id, handoffReason: "visitor_request", offeredToUserId: fx.operators[first]!.id });

    // The first declines: the chat goes to the next operator.
    const nextOffer = nextEvent<{ conversation: { id: string; offeredTo: string } }>(op[second]!, "conversation:offer", (p) => p.conversation.id === conversationId);
    ok(await call(op[first]!, "conversation:decline", { conversationId }));
    expect((await nextOffer).conversation.offeredTo).toBe(fx.operators[second]!.id);
    row = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(row).toMatchObject({ offeredToUserId: fx.operators[second]!.id, declinedBy: [fx.operators[first]!.id] });
    refused(await call(op[first]!, "conversation:decline", { conversationId }), "conflict", "not_offered_to_you");

    // The second accepts; the visitor is told who is there.
    const assignedStatus = nextEvent<{ status: string; operator: { name: string } | null }>(visitor, "conversation:status", (s) => s.status === "assigned");
    const connectedNote = nextEvent<TWidgetMessage>(visitor, "message:new", (m) => m.role === "system" && m.text.startsWith("Sie sind jetzt"));
    const accepted = ok<{ conversation: TConversationDetails }>(await call(op[second]!, "conversation:accept", { conversationId }));
    expect(accepted.conversation).toMatchObject({ status: "assigned", assignedTo: { userId: fx.operators[second]!.id }, department: { name: "Vertrieb" } });
    const secondName = fx.operators[second]!.name!;
    expect((await assignedStatus).operator?.name).toBe(secondName);
    expect((await connectedNote).text).toBe(`Sie sind jetzt mit ${secondName} verbunden.`);

    // The console sees the whole conversation (the bot's part included) and the visitor panel.
    const opened = ok<{ messages: TConsoleMessage[]; visitor: TVisitorDetails }>(await call(op[second]!, "conversation:open", { conversationId }));
    expect(opened.messages.map((m) => m.role)).toEqual(["visitor", "bot", "system", "system"]);
    expect(opened.visitor).toMatchObject({ referrer: "https://www.google.de/search?q=fahrrad+versand+%C3%B6sterreich", searchPhrase: "fahrrad versand österreich", locale: "de-DE" });
    expect(opened.visitor.pages.map((p) => p.url)).toEqual(["https://shop.example/fahrraeder"]);
    ok(await call(op[first]!, "conversation:open", { conversationId }));

    // Visitor → operator; the bot stays silent.
    const atConsole = nextEvent<{ message: TConsoleMessage }>(op[second]!, "message:new", (p) => p.message.role === "visitor");
    ok(await call(visitor, "message:send", { text: "<b>Und was kostet der Versand?</b>", clientMessageId: clientId() }));
    expect((await atConsole).message).toMatchObject({ conversationId, text: "<b>Und was kostet der Versand?</b>", internal: false });
    await drainBotTurns();
    expect(await db().message.count({ where: { conversationId, role: "bot" } })).toBe(1);

    // Operator → visitor, retried with the same clientMessageId: stored and delivered once.
    const reply = nextEvent<TWidgetMessage>(visitor, "message:new", (m) => m.role === "operator");
    const sendId = clientId();
    const sent = ok<{ message: TConsoleMessage }>(await call(op[second]!, "message:send", { conversationId, text: "Der Versand kostet 9 Euro.", clientMessageId: sendId }));
    expect((await reply)).toMatchObject({ id: sent.message.id, text: "Der Versand kostet 9 Euro.", author: { name: secondName } });
    const retried = ok<{ message: TConsoleMessage }>(await call(op[second]!, "message:send", { conversationId, text: "Der Versand kostet 9 Euro.", clientMessageId: sendId }));
    expect(retried.message.id).toBe(sent.message.id);
    expect(await db().message.count({ where: { conversationId, clientMessageId: sendId } })).toBe(1);
    expect(await db().message.findUniqueOrThrow({ where: { id: sent.message.id } })).toMatchObject({ role: "operator", authorUserId: fx.operators[second]!.id, internal: false });

    // Typing both ways.
    const visitorTyping = nextEvent<{ conversationId: string; from: string; active: boolean }>(op[second]!, "typing", (t) => t.from === "visitor");
    visitor.emit("typing", { active: true });
    expect(await visitorTyping).toEqual({ conversationId, from: "visitor", active: true });
    const operatorTyping = nextEvent<{ from: string; active: boolean }>(visitor, "typing", (t) => t.from === "operator");
    op[second]!.emit("typing", { conversationId, active: true });
    expect(await operatorTyping).toEqual({ from: "operator", active: true });

    // goto: on an allowed domain reaches the visitor's page; open: to a foreign one is refused and not stored.
    const command = nextEvent<{ type: string; url: string }>(visitor, "command");
    const gone = ok<{ command: { type: string; url: string } }>(await call(op[second]!, "message:send", { conversationId, text: "goto: shop.example/versand", clientMessageId: clientId() }));
    expect(gone.command).toEqual({ type: "goto", url: "https://shop.example/versand" });
    expect(await command).toEqual({ type: "goto", url: "https://shop.example/versand" });
    const countBefore = await db().message.count({ where: { conversationId } });
    refused(await call(op[second]!, "message:send", { conversationId, text: "open: https://evil.example/login", clientMessageId: clientId() }), "forbidden", "command_domain_not_allowed");
    refused(await call(op[second]!, "message:send", { conversationId, text: "open: javascript:alert(1)", clientMessageId: clientId() }), "validation_failed", "command_invalid_url");
    expect(await db().message.count({ where: { conversationId } })).toBe(countBefore);

    // An internal note reaches the colleague who opened the chat, never the visitor (live or on reconnect).
    const seen = record(visitor);
    const colleague = nextEvent<{ message: TConsoleMessage }>(op[first]!, "message:new", (p) => p.message.internal);
    ok(await call(op[second]!, "message:send", { conversationId, text: "Kunde wirkt verärgert – Gutschein anbieten", clientMessageId: clientId(), internal: true }));
    expect((await colleague).message.text).toBe("Kunde wirkt verärgert – Gutschein anbieten");
    await settle(200);
    seen.stop();
    expect(JSON.stringify(seen.events)).not.toContain("Gutschein");
    const again = await openVisitor(live.url, { botId: fx.bot.publicId, sessionId: session.sessionId });
    expect(again.session.conversation.id).toBe(conversationId);
    expect(JSON.stringify(again.session.messages)).not.toContain("Gutschein");
    again.socket.disconnect();

    // Transfer: to a department nobody of which is online → refused; to the colleague → assigned to them.
    refused(await call(op[second]!, "conversation:transfer", { conversationId, to: { type: "department", departmentId: fx.departments.Buchhaltung!.id } }), "conflict", "no_operators_online");
    const transferredNotice = nextEvent<{ kind: string; text: string }>(op[first]!, "notice", (n) => n.kind === "transferred_to_you");
    const takeover = nextEvent<TWidgetMessage>(visitor, "message:new", (m) => m.role === "system" && m.text.includes("weitergeführt"));
    ok(await call(op[second]!, "conversation:transfer", { conversationId, to: { type: "operator", userId: fx.operators[first]!.id }, note: "Bitte den Gutschein anbieten" }));
    expect((await transferredNotice).text).toContain("Bitte den Gutschein anbieten");
    expect((await takeover).text).toBe(`Ihr Gespräch wird jetzt von ${fx.operators[first]!.name} weitergeführt.`);
    expect((await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).assignedUserId).toBe(fx.operators[first]!.id);
    refused(await call(op[second]!, "message:send", { conversationId, text: "Noch da?", clientMessageId: clientId() }), "forbidden", "not_your_chat");

    // Close with tags.
    const closedStatus = nextEvent<{ status: string }>(visitor, "conversation:status", (s) => s.status === "closed");
    const closed = ok<{ conversation: TConversationDetails }>(await call(op[first]!, "conversation:close", { conversationId, tags: ["versand", "versand", "gutschein"] }));
    expect(closed.conversation).toMatchObject({ status: "closed", tags: ["versand", "gutschein"] });
    await closedStatus;
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
      status: "closed", closeReason: "operator", closedByUserId: fx.operators[first]!.id, tags: ["versand", "gutschein"],
    });
    refused(await call(op[first]!, "message:send", { conversationId, text: "Hallo?", clientMessageId: clientId() }), "conflict", "conversation_closed");
    refused(await call(op[first]!, "conversation:close", { conversationId }), "conflict", "conversation_closed");

    // Transcripts: workspace, department and operator level, each address once; notes only for members.
    await drainTranscripts();
    const team = await mailsTo("team@shop.example");
    const sales = await mailsTo("sales@shop.example");
    const anna = await mailsTo(fx.operators.anna!.email);
    expect([team.length, sales.length, anna.length]).toEqual([1, 1, 1]);
    expect(team[0]!.text).toContain("Der Versand kostet 9 Euro.");
    expect(team[0]!.text).not.toContain("Gutschein anbieten");
    expect(anna[0]!.text).toContain("Kunde wirkt verärgert – Gutschein anbieten");
    expect(team[0]!.html).toContain("&#60;b&#62;Und was kostet der Versand?&#60;/b&#62;");
    expect(team[0]!.html).not.toContain("<b>Und was");
    expect((await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).transcriptSentAt).not.toBeNull();
    expect(await sendTranscripts(fx.workspace.id, conversationId)).toEqual({ sentTo: [] });
    expect((await mailsTo("team@shop.example")).length).toBe(1);

    // The survey: stored once, the operator hears about it.
    const ratedNotice = nextEvent<{ kind: string; conversationId: string; text: string }>(op[first]!, "notice", (n) => n.kind === "visitor_rated");
    expect(ok<{ conversationId: string }>(await call(visitor, "rating:submit", { rating: 4, comment: "Schnelle Hilfe" }))).toEqual({ conversationId });
    expect((await ratedNotice).text).toContain("Schnelle Hilfe");
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({ rating: 4, ratingComment: "Schnelle Hilfe" });
    refused(await call(visitor, "rating:submit", { rating: 1 }), "conflict", "already_rated");
    refused(await call(visitor, "rating:submit", { rating: 9 }), "validation_failed");

    // The next message starts a new conversation with the bot.
    const moved = nextEvent<{ status: string; conversationId?: string }>(visitor, "conversation:status", (s) => Boolean(s.conversationId));
    const botAgain = nextEvent(visitor, "bot:done");
    ok(await call(visitor, "message:send", { text: "Kann ich mein Fahrrad zurückgeben?", clientMessageId: clientId() }));
    const next = await moved;
    expect(next.status).toBe("bot");
    expect(next.conversationId).not.toBe(conversationId);
    await botAgain;
    expect(await db().message.count({ where: { conversationId: next.conversationId!, role: "bot" } })).toBe(1);
    // …and rating still refers to the live chat, which was rated already.
    refused(await call(visitor, "rating:submit", { rating: 5 }), "conflict", "already_rated");
  });
});
