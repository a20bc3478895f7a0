import { describe, expect, it } from "vitest";
import {
  chatPermissions, consoleReducer, initialConsoleState, lastMessageId, mergeMessages, neighbourTab, queueSections, titleWithBadge,
  type TConsoleAction, type TConsoleState, type TMe,
} from "@/components/console/console-state";
import type { TConsoleMessage, TConversationDetails, TQueueItem, TVisitorDetails } from "@/lib/live-chat/protocol";

const me: TMe = { userId: "u-anna", name: "Anna", role: "operator", status: "online", departmentIds: [] };

const msg = (id: string, at: string, extra: Partial<TConsoleMessage> = {}): TConsoleMessage => ({
  id, conversationId: "c1", clientMessageId: null, role: "visitor", text: `text ${id}`, createdAt: `2026-03-01T10:00:${at}.000Z`, status: "done", citations: [], author: null, internal: false, ...extra,
});

const details = (status: TConversationDetails["status"], assignedTo: TConversationDetails["assignedTo"] = null): TConversationDetails => ({
  id: "c1", status, botId: "b1", botName: "Hilfe", department: null, assignedTo, tags: [], rating: null, ratingComment: null, createdAt: "2026-03-01T10:00:00.000Z", closedAt: null,
});

const visitor: TVisitorDetails = {
  sessionId: "s1", name: null, email: null, locale: "de-DE", userAgent: null, referrer: null, searchPhrase: null,
  currentPage: { url: "https://shop.example/a", title: "A", referrer: "" }, pages: [{ url: "https://shop.example/a", title: "A", at: "2026-03-01T10:00:00.000Z" }], fields: {}, earlierConversations: [],
};

const run = (...actions: TConsoleAction[]) => actions.reduce(consoleReducer, initialConsoleState);
const ready: TConsoleAction = { type: "ready", me, workspace: { id: "w1", slug: "laden", name: "Laden" } };
const opened = (messages: TConsoleMessage[], status: TConversationDetails["status"] = "assigned"): TConsoleAction => ({
  type: "chatOpened", id: "c1", conversation: details(status, status === "assigned" ? { userId: me.userId, name: "Anna" } : null), messages, visitor,
});

describe("messages", () => {
  it("merges by id, newest copy wins, ordered by time then id", () => {
    const merged = mergeMessages([msg("b", "02"), msg("a", "01")], [msg("c", "02"), msg("a", "01", { text: "edited" })]);
    expect(merged.map((m) => m.id)).toEqual(["a", "b", "c"]);
    expect(merged[0]!.text).toBe("edited");
  });

  it("re-sync after a reconnect (with since) adds only what was missed, never twice", () => {
    let state = run(ready, { type: "chatOpening", id: "c1", activate: true }, opened([msg("m1", "01"), msg("m2", "02")]));
    expect(lastMessageId(state.chats.c1)).toBe("m2");
    // A live message arrived, then the connection dropped; the re-sync repeats it and adds one.
    state = consoleReducer(state, { type: "messageNew", message: msg("m3", "03") });
    state = consoleReducer(state, { type: "disconnected" });
    expect(state.connection).toBe("reconnecting");
    state = consoleReducer(state, ready);
    state = consoleReducer(state, opened([msg("m3", "03"), msg("m4", "04")]));
    state = consoleReducer(state, { type: "messageNew", message: msg("m4", "04") });
    expect(state.chats.c1!.messages.map((m) => m.id)).toEqual(["m1", "m2", "m3", "m4"]);
  });

  it("counts unread visitor messages only in background tabs, and clears them on activation", () => {
    let state = run(ready, { type: "chatOpening", id: "c1", activate: true }, opened([]), { type: "chatOpening", id: "c2", activate: true });
    expect(state.activeId).toBe("c2");
    state = consoleReducer(state, { type: "messageNew", message: msg("m1", "01") });
    state = consoleReducer(state, { type: "messageNew", message: msg("m1", "01") });
    state = consoleReducer(state, { type: "messageNew", message: msg("m2", "02", { role: "operator" }) });
    expect(state.chats.c1!.unread).toBe(1);
    state = consoleReducer(state, { type: "activate", id: "c1" });
    expect(state.chats.c1!.unread).toBe(0);
  });
});

describe("optimistic sends", () => {
  const base = () => run(ready, { type: "chatOpening", id: "c1", activate: true }, opened([]));
  const pending = { clientMessageId: "op-1", text: "Hallo", internal: false, createdAt: "2026-03-01T10:00:05.000Z" };

  it("shows a pending message until the ack confirms it", () => {
    let state = consoleReducer(base(), { type: "sendStarted", id: "c1", pending });
    expect(state.chats.c1!.pending).toHaveLength(1);
    state = consoleReducer(state, { type: "sendConfirmed", id: "c1", clientMessageId: "op-1", message: msg("m9", "05", { role: "operator", clientMessageId: "op-1" }) });
    expect(state.chats.c1!.pending).toHaveLength(0);
    expect(state.chats.c1!.messages.map((m) => m.id)).toEqual(["m9"]);
  });

  it("a broadcast of the same message (by clientMessageId) also confirms it, once", () => {
    let state = consoleReducer(base(), { type: "sendStarted", id: "c1", pending });
    state = consoleReducer(state, { type: "messageNew", message: msg("m9", "05", { role: "operator", clientMessageId: "op-1" }) });
    state = consoleReducer(state, { type: "sendConfirmed", id: "c1", clientMessageId: "op-1", message: msg("m9", "05", { role: "operator", clientMessageId: "op-1" }) });
    expect(state.chats.c1!.pending).toHaveLength(0);
    expect(state.chats.c1!.messages).toHaveLength(1);
  });

  it("keeps a failed message with its reason; a retry keeps the clientMessageId", () => {
    let state = consoleReducer(base(), { type: "sendStarted", id: "c1", pending });
    state = consoleReducer(state, { type: "sendFailed", id: "c1", clientMessageId: "op-1", error: { code: "timeout", reason: null, message: "" } });
    expect(state.chats.c1!.pending[0]).toMatchObject({ state: "failed", error: { code: "timeout" } });
    state = consoleReducer(state, { type: "sendStarted", id: "c1", pending });
    expect(state.chats.c1!.pending).toEqual([{ ...pending, state: "sending", error: null }]);
    state = consoleReducer(state, { type: "sendDiscarded", id: "c1", clientMessageId: "op-1" });
    expect(state.chats.c1!.pending).toEqual([]);
  });
});

describe("typing, status and pages", () => {
  it("tracks visitor and colleague typing; a lost connection clears it", () => {
    let state = run(ready, { type: "chatOpening", id: "c1", activate: true }, opened([]));
    state = consoleReducer(state, { type: "typing", conversationId: "c1", from: "visitor", active: true });
    state = consoleReducer(state, { type: "typing", conversationId: "c1", from: "operator", active: true, userId: "u-ben" });
    state = consoleReducer(state, { type: "typing", conversationId: "c1", from: "operator", active: true, userId: me.userId });
    expect(state.chats.c1).toMatchObject({ visitorTyping: true, colleaguesTyping: ["u-ben"] });
    state = consoleReducer(state, { type: "messageNew", message: msg("m1", "01") });
    expect(state.chats.c1!.visitorTyping).toBe(false);
    state = consoleReducer(state, { type: "typing", conversationId: "c1", from: "visitor", active: true });
    state = consoleReducer(state, { type: "disconnected" });
    expect(state.chats.c1).toMatchObject({ visitorTyping: false, colleaguesTyping: [] });
  });

  it("follows the visitor's page live and lists it once", () => {
    let state = run(ready, { type: "chatOpening", id: "c1", activate: true }, opened([]));
    const page = { url: "https://shop.example/b", title: "B", referrer: "" };
    state = consoleReducer(state, { type: "visitorPage", conversationId: "c1", page, at: "2026-03-01T10:01:00.000Z" });
    state = consoleReducer(state, { type: "visitorPage", conversationId: "c1", page, at: "2026-03-01T10:02:00.000Z" });
    expect(state.chats.c1!.visitor!.currentPage).toEqual(page);
    expect(state.chats.c1!.visitor!.pages.map((p) => p.url)).toEqual(["https://shop.example/a", "https://shop.example/b"]);
  });

  it("shows the automatic away until the operator is online again", () => {
    let state = run(ready, { type: "autoAway" });
    expect(state).toMatchObject({ status: "away", autoAway: true });
    state = consoleReducer(state, { type: "operators", operators: [{ userId: me.userId, name: "Anna", avatarUrl: null, status: "online", activeChats: 0, departmentIds: [] }] });
    expect(state).toMatchObject({ status: "online", autoAway: false });
  });

  it("applies status changes to an open chat", () => {
    let state = run(ready, { type: "chatOpening", id: "c1", activate: true }, opened([], "queued"));
    expect(chatPermissions(state.chats.c1, me)).toMatchObject({ canAccept: true, canReply: false, canNote: true });
    state = consoleReducer(state, { type: "conversationStatus", conversationId: "c1", status: "assigned", assignedTo: { userId: "u-ben", name: "Ben" }, department: null });
    expect(chatPermissions(state.chats.c1, me)).toMatchObject({ canAccept: false, canReply: false, canNote: true, canClose: false });
    expect(chatPermissions(state.chats.c1, { ...me, role: "admin" })).toMatchObject({ canReply: true, canTransfer: true });
    state = consoleReducer(state, { type: "conversationStatus", conversationId: "c1", status: "assigned", assignedTo: { userId: me.userId, name: "Anna" }, department: null });
    expect(chatPermissions(state.chats.c1, me)).toMatchObject({ canReply: true, canTransfer: true, canClose: true, mine: true });
  });
});

describe("tabs", () => {
  const three = (): TConsoleState => run(ready, ...["a", "b", "c"].map((id): TConsoleAction => ({ type: "chatOpening", id, activate: true })));

  it("cycles with wrap-around and closes to the neighbour", () => {
    const state = three();
    expect(state.activeId).toBe("c");
    expect(neighbourTab(state, 1)).toBe("a");
    expect(neighbourTab(state, -1)).toBe("b");
    const closed = consoleReducer(consoleReducer(state, { type: "activate", id: "b" }), { type: "closeTab", id: "b" });
    expect(closed.tabs).toEqual(["a", "c"]);
    expect(closed.activeId).toBe("c");
    expect(closed.chats.b).toBeUndefined();
    expect(consoleReducer(run(ready, { type: "chatOpening", id: "x", activate: true }), { type: "closeTab", id: "x" }).activeId).toBeNull();
  });

  it("a background open does not steal the active tab", () => {
    const state = consoleReducer(three(), { type: "chatOpening", id: "d", activate: false });
    expect(state.activeId).toBe("c");
    expect(state.tabs).toEqual(["a", "b", "c", "d"]);
  });
});

describe("queue sections and title", () => {
  const item = (id: string, status: TQueueItem["status"], extra: Partial<TQueueItem> = {}): TQueueItem => ({
    id, status, botId: "b", botName: "Hilfe", visitor: { name: null, email: null, locale: null, page: null }, department: null, assignedTo: null, offeredTo: null,
    handoffReason: "visitor_request", queuedAt: null, assignedAt: null, lastMessage: null, ...extra,
  });

  it("splits offers to me, waiting, mine and the team's", () => {
    const sections = queueSections(
      [item("1", "queued", { offeredTo: me.userId }), item("2", "queued", { offeredTo: "u-ben" }), item("3", "queued"), item("4", "assigned", { assignedTo: { userId: me.userId, name: "Anna" } }), item("5", "assigned", { assignedTo: { userId: "u-ben", name: "Ben" } })],
      me.userId,
    );
    expect(Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, v.map((i) => i.id)]))).toEqual({ offers: ["1"], waiting: ["2", "3"], mine: ["4"], team: ["5"] });
    expect(queueSections(null, null)).toEqual({ offers: [], waiting: [], mine: [], team: [] });
  });

  it("badges the title with the number of offers, without stacking badges", () => {
    expect(titleWithBadge("Operator-Konsole · Chatwerk", 2)).toBe("(2) Operator-Konsole · Chatwerk");
    expect(titleWithBadge("(2) Operator-Konsole · Chatwerk", 3)).toBe("(3) Operator-Konsole · Chatwerk");
    expect(titleWithBadge("(3) Operator-Konsole · Chatwerk", 0)).toBe("Operator-Konsole · Chatwerk");
  });
});
