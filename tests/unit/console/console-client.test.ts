import { describe, expect, it } from "vitest";
import { createConsoleClient, type TConsoleSignal, type TOperatorSocket } from "@/components/console/console-client";
import type { TConsoleMessage, TConversationDetails, TVisitorDetails } from "@/lib/live-chat/protocol";

/**
 * The console client against a scripted socket: what it asks the server after a reconnect,
 * and how it handles acks, refusals and duplicate deliveries. No network, no React.
 */
type TAnswer = (payload: Record<string, unknown>) => unknown;

class FakeSocket {
  connected = false;
  active = true;
  emitted: { event: string; payload: Record<string, unknown> }[] = [];
  answers: Record<string, TAnswer> = {};
  authSeen: object[] = [];
  private handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  constructor(private auth: (cb: (data: object) => void) => void) {}
  on(event: string, fn: (...args: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }
  connect() {
    this.auth((data) => {
      this.authSeen.push(data);
      this.connected = true;
      this.fire("connect");
    });
    return this;
  }
  drop() {
    this.connected = false;
    this.fire("disconnect", "transport close");
  }
  disconnect() {
    this.connected = false;
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  emit(event: string, payload: Record<string, unknown>, cb?: (res: unknown) => void) {
    this.emitted.push({ event, payload });
    cb?.(this.answers[event]?.(payload));
    return this;
  }
  timeout() {
    return {
      emit: (event: string, payload: Record<string, unknown>, cb: (err: Error | null, res: unknown) => void) => {
        this.emitted.push({ event, payload });
        const answer = this.answers[event];
        if (!answer) cb(new Error("timeout"), undefined);
        else queueMicrotask(() => cb(null, answer(payload)));
      },
    };
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const message = (id: string, second: number, extra: Partial<TConsoleMessage> = {}): TConsoleMessage => ({
  id, conversationId: "c1", clientMessageId: null, role: "visitor", text: id, createdAt: `2026-03-01T10:00:${String(second).padStart(2, "0")}.000Z`, status: "done", citations: [], author: null, internal: false, ...extra,
});
const conversation: TConversationDetails = {
  id: "c1", status: "assigned", botId: "b", botName: "Hilfe", department: null, assignedTo: { userId: "u1", name: "Anna" }, tags: [], rating: null, ratingComment: null, createdAt: "2026-03-01T10:00:00.000Z", closedAt: null,
};
const visitor = { sessionId: "s", name: "Eva", email: null, locale: null, userAgent: null, referrer: null, searchPhrase: null, currentPage: null, pages: [], fields: {}, earlierConversations: [] } satisfies TVisitorDetails;

function setup() {
  let socket!: FakeSocket;
  const signals: TConsoleSignal[] = [];
  const tokens: string[] = [];
  const client = createConsoleClient({
    slug: "laden",
    fetchToken: async () => {
      const token = `t${tokens.length + 1}`;
      tokens.push(token);
      return token;
    },
    connect: (auth) => {
      socket = new FakeSocket(auth);
      return socket as unknown as TOperatorSocket;
    },
    onSignal: (s) => signals.push(s),
  });
  const ready = () => socket.fire("ready", { me: { userId: "u1", name: "Anna", role: "operator", status: "online", departmentIds: [] }, workspace: { id: "w", slug: "laden", name: "Laden" } });
  return { client, signals, tokens, ready, get socket() { return socket; } };
}

describe("console client", () => {
  it("fetches a fresh token for every connect and sends the workspace slug", async () => {
    const t = setup();
    t.client.start();
    await settle();
    t.socket.drop();
    t.socket.connect();
    await settle();
    expect(t.socket.authSeen).toEqual([{ token: "t1", workspace: "laden" }, { token: "t2", workspace: "laden" }]);
  });

  it("after a reconnect, re-syncs open chats from the last message and resends unconfirmed messages with the same id", async () => {
    const t = setup();
    t.client.start();
    await settle();
    t.ready();
    t.socket.answers["conversation:open"] = () => ({ ok: true, data: { conversation, messages: [message("m1", 1), message("m2", 2)], visitor } });
    await t.client.openChat("c1");
    expect(t.client.getState().chats.c1!.messages.map((m) => m.id)).toEqual(["m1", "m2"]);

    // The connection drops; a message written meanwhile waits as "sending".
    t.socket.drop();
    expect(t.client.getState().connection).toBe("reconnecting");
    const sent = await t.client.send("c1", "Sind Sie noch da?", false);
    expect(sent.ok).toBe(false);
    const waiting = t.client.getState().chats.c1!.pending;
    expect(waiting).toMatchObject([{ text: "Sind Sie noch da?", state: "sending" }]);

    t.socket.emitted = [];
    t.socket.answers["conversation:open"] = (p) => ({ ok: true, data: { conversation, messages: p.since === "m2" ? [message("m3", 3)] : [], visitor } });
    t.socket.answers["message:send"] = (p) => ({ ok: true, data: { message: message("m4", 4, { role: "operator", clientMessageId: p.clientMessageId as string, text: p.text as string }) } });
    t.socket.connect();
    await settle();
    t.ready();
    await settle();
    await settle();
    expect(t.socket.emitted.map((e) => [e.event, e.payload.since ?? e.payload.clientMessageId])).toEqual([
      ["conversation:open", "m2"],
      ["message:send", waiting[0]!.clientMessageId],
    ]);
    // The broadcast of the confirmed message arrives too: still once.
    t.socket.fire("message:new", { message: message("m4", 4, { role: "operator", clientMessageId: waiting[0]!.clientMessageId }) });
    const chat = t.client.getState().chats.c1!;
    expect(chat.messages.map((m) => m.id)).toEqual(["m1", "m2", "m3", "m4"]);
    expect(chat.pending).toEqual([]);
  });

  it("keeps a refused command out of the transcript and returns the reason", async () => {
    const t = setup();
    t.client.start();
    await settle();
    t.ready();
    t.socket.answers["conversation:open"] = () => ({ ok: true, data: { conversation, messages: [], visitor } });
    await t.client.openChat("c1");
    t.socket.answers["message:send"] = () => ({ ok: false, error: { code: "forbidden", message: "evil.example is not allowed", details: { reason: "command_domain_not_allowed" } } });
    const res = await t.client.send("c1", "open: evil.example", false);
    expect(res).toEqual({ ok: false, error: { code: "forbidden", reason: "command_domain_not_allowed", message: "evil.example is not allowed" } });
    expect(t.client.getState().chats.c1!.pending).toEqual([]);
  });

  it("sends typing only on start and stop, and stops for the operator's own send", async () => {
    const t = setup();
    t.client.start();
    await settle();
    t.ready();
    t.client.setTyping("c1", true);
    t.client.setTyping("c1", true);
    t.client.setTyping("c1", false);
    t.client.setTyping("c1", false);
    expect(t.socket.emitted.filter((e) => e.event === "typing").map((e) => e.payload.active)).toEqual([true, false]);
  });

  it("signals offers and new visitor messages once, and opens chats transferred to the operator", async () => {
    const t = setup();
    t.client.start();
    await settle();
    t.ready();
    t.socket.answers["conversation:open"] = () => ({ ok: true, data: { conversation, messages: [], visitor } });
    t.socket.fire("notice", { kind: "transferred_to_you", conversationId: "c1", text: "Ben: bitte übernehmen" });
    await settle();
    expect(t.client.getState().tabs).toEqual(["c1"]);
    t.socket.fire("message:new", { message: message("m1", 1) });
    t.socket.fire("message:new", { message: message("m1", 1) });
    expect(t.signals.map((s) => s.type)).toEqual(["notice", "visitorMessage"]);
  });

  it("gives up on fatal auth refusals and says why", async () => {
    const t = setup();
    t.client.start();
    await settle();
    t.socket.fire("connect_error", Object.assign(new Error("not_found"), { data: { code: "not_found" } }));
    expect(t.client.getState()).toMatchObject({ connection: "failed", failure: "not_found" });
  });
});
