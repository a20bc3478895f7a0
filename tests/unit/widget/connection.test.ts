import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TWidgetAuth } from "@/lib/widget/protocol";
import { createConnection, HOST_SESSION_WAIT_MS, type TConnectionDeps, type TSend } from "@/widget/frame/connection";
import type { TWidgetSocket } from "@/widget/frame/socket";
import { FakeSocket } from "./helpers/fake-socket";

const SESSION = { sessionId: "s".repeat(43), conversation: { id: "c", status: "bot" }, messages: [], incremental: false };
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(overrides: Partial<TConnectionDeps> = {}) {
  const socket = new FakeSocket();
  const calls: string[] = [];
  let outbox: TSend[] = [];
  const deps = {
    origin: "https://app.example",
    auth: (): TWidgetAuth => ({ botId: "bot_1" }),
    connect: vi.fn(() => socket as unknown as TWidgetSocket),
    hasSession: () => false,
    setConnection: vi.fn((state: string) => void calls.push(`connection:${state}`)),
    resync: vi.fn(() => void calls.push("resync")),
    outbox: () => outbox,
    answerFirst: () => null,
    sent: vi.fn(),
    sendFailed: vi.fn(),
    visitor: () => null,
    listen: vi.fn(),
    ...overrides,
  } satisfies TConnectionDeps;
  const connection = createConnection(deps);
  const setOutbox = (sends: TSend[]) => void (outbox = sends);
  return { connection, deps, socket, calls, setOutbox };
}

beforeEach(() => {
  vi.stubGlobal("window", new EventTarget());
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("frame connection", () => {
  it("waits for the loader's answer before connecting; an interaction meanwhile connects once it comes", () => {
    vi.useFakeTimers();
    const { connection, deps } = setup();
    connection.start(true);
    connection.connectSoon();
    expect(deps.connect).not.toHaveBeenCalled();
    connection.hostAnswered(false);
    expect(deps.connect).toHaveBeenCalledTimes(1);
    expect(deps.listen).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(HOST_SESSION_WAIT_MS);
    expect(deps.connect).toHaveBeenCalledTimes(1);
  });

  it("reconnects a known session when the loader does not answer in time, and stays idle without one", () => {
    vi.useFakeTimers();
    const idle = setup();
    idle.connection.start(true);
    vi.advanceTimersByTime(HOST_SESSION_WAIT_MS);
    expect(idle.deps.connect).not.toHaveBeenCalled();
    const known = setup({ hasSession: () => true });
    known.connection.start(true);
    vi.advanceTimersByTime(HOST_SESSION_WAIT_MS);
    expect(known.deps.connect).toHaveBeenCalledTimes(1);
  });

  it("after every session: the client re-syncs, then the outbox and the visitor's details go out, and waiters are released", async () => {
    const { connection, socket, calls, setOutbox } = setup({ visitor: () => ({ name: "Ada" }) });
    const synced = connection.whenSynced();
    setOutbox([{ clientMessageId: "m1", text: "Hallo" }]);
    socket.serverEmit("session", SESSION);
    expect(calls).toEqual(["connection:connecting", "resync"]);
    expect(socket.emitted.map((item) => item.event)).toEqual(["message:send", "visitor:update"]);
    await expect(synced).resolves.toBe(true);
    expect(connection.synced()).toBe(true);

    socket.serverEmit("disconnect", "transport close");
    expect(connection.synced()).toBe(false);
    expect(calls.at(-1)).toBe("connection:offline");
    socket.serverEmit("session", SESSION);
    expect(socket.emitted.filter((item) => item.event === "message:send")).toHaveLength(2);
  });

  it("answers an invitation before the visitor's reply goes out", async () => {
    let accept = () => undefined as void;
    const accepted = new Promise<void>((resolve) => (accept = resolve));
    const { connection, socket } = setup({ answerFirst: () => accepted });
    connection.connectSoon();
    socket.serverEmit("session", SESSION);
    connection.deliver([{ clientMessageId: "m1", text: "Ja, gern" }]);
    expect(socket.emitted.some((item) => item.event === "message:send")).toBe(false);
    accept();
    await flush();
    expect(socket.emitted.filter((item) => item.event === "message:send").map((item) => item.payload)).toEqual([{ clientMessageId: "m1", text: "Ja, gern" }]);
  });

  it("reports acks and refusals; a send lost with the connection waits for the re-sync", async () => {
    const { connection, socket, deps } = setup();
    connection.connectSoon();
    socket.serverEmit("session", SESSION);
    connection.deliver([{ clientMessageId: "m1", text: "eins" }, { clientMessageId: "m2", text: "zwei" }, { clientMessageId: "m3", text: "drei" }]);
    const [first, second, third] = socket.acks;
    const message = { id: "x1", clientMessageId: "m1", role: "visitor", text: "eins", createdAt: "2026-01-01T10:00:00.000Z", status: "done", citations: [], author: null };
    first!.resolve({ ok: true, data: { message } });
    second!.resolve({ ok: false, error: { code: "rate_limited", message: "", retryAfterSeconds: 30 } });
    await flush();
    expect(deps.sent).toHaveBeenCalledWith(message);
    expect(deps.sendFailed).toHaveBeenCalledWith("m2", { code: "rate_limited", retryAfterSeconds: 30 });
    socket.serverEmit("disconnect", "transport close");
    third!.reject(new Error("timeout"));
    await flush();
    expect(deps.sendFailed).toHaveBeenCalledTimes(1);
  });

  it("ends: session:end while synced, then the socket is dropped", async () => {
    const { connection, socket } = setup();
    connection.connectSoon();
    socket.serverEmit("session", SESSION);
    const ended = connection.end();
    socket.ack("session:end")!.resolve({ ok: true, data: null });
    await ended;
    expect(socket.connected).toBe(false);
    expect(connection.socket()).toBeNull();
    expect(connection.synced()).toBe(false);
  });
});
