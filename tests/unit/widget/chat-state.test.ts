import { describe, expect, it } from "vitest";
import type { TWidgetMessage } from "@/lib/widget/protocol";
import { chatReducer, initialChatState, lastSeenMessageId, pendingSends, type TChatAction, type TChatState } from "@/widget/frame/state";

function message(id: string, overrides: Partial<TWidgetMessage> = {}): TWidgetMessage {
  return { id, clientMessageId: null, role: "bot", text: `text ${id}`, createdAt: "2026-01-01T10:00:00.000Z", status: "done", citations: [], author: null, ...overrides };
}

const run = (actions: TChatAction[], state: TChatState = initialChatState) => actions.reduce(chatReducer, state);
const ids = (state: TChatState) => state.messages.map((item) => item.id);

const send: TChatAction = { type: "send", clientMessageId: "c1", text: "Hello", createdAt: "2026-01-01T10:00:05.000Z" };
const stored = message("m1", { role: "visitor", clientMessageId: "c1", text: "Hello", createdAt: "2026-01-01T10:00:04.000Z" });

describe("optimistic sends", () => {
  it("shows the visitor's message at once and marks it sending", () => {
    const state = run([send]);
    expect(state.messages).toHaveLength(1);
    expect(state.messages[0]).toMatchObject({ text: "Hello", role: "visitor", delivery: "sending", clientMessageId: "c1" });
  });

  it("replaces it with the acknowledged message, and the broadcast of it adds nothing", () => {
    const state = run([send, { type: "ack", message: stored }, { type: "message", message: stored }]);
    expect(ids(state)).toEqual(["m1"]);
    expect(state.messages[0]?.delivery).toBeUndefined();
  });

  it("does not duplicate when the broadcast arrives before the ack", () => {
    const state = run([send, { type: "message", message: stored }, { type: "ack", message: stored }]);
    expect(ids(state)).toEqual(["m1"]);
  });

  it("marks a failed send, retries it under the same clientMessageId and ignores a repeated send", () => {
    const failed = run([send, { type: "sendFailed", clientMessageId: "c1" }]);
    expect(failed.messages[0]?.delivery).toBe("failed");
    const retried = run([{ type: "retry", clientMessageId: "c1" }, send], failed);
    expect(retried.messages).toHaveLength(1);
    expect(retried.messages[0]?.delivery).toBe("sending");
    expect(pendingSends(retried.messages)).toEqual([{ clientMessageId: "c1", text: "Hello" }]);
  });

  it("keeps unacknowledged messages after the server's, in send order", () => {
    const state = run([
      send,
      { type: "send", clientMessageId: "c2", text: "Second", createdAt: "2000-01-01T00:00:00.000Z" },
      { type: "message", message: message("b1", { createdAt: "2026-01-01T10:00:06.000Z" }) },
    ]);
    expect(state.messages.map((item) => item.clientMessageId ?? item.id)).toEqual(["b1", "c1", "c2"]);
  });
});

describe("refusals and notices", () => {
  it("keeps why a send was refused until it is retried", () => {
    const failed = run([send, { type: "sendFailed", clientMessageId: "c1", failure: { code: "rate_limited", retryAfterSeconds: 30 } }]);
    expect(failed.messages[0]).toMatchObject({ delivery: "failed", failure: { code: "rate_limited", retryAfterSeconds: 30 }, text: "Hello" });
    const retried = run([{ type: "retry", clientMessageId: "c1" }], failed);
    expect(retried.messages[0]?.delivery).toBe("sending");
    expect(retried.messages[0]?.failure).toBeUndefined();
  });

  it("adds a local notice after everything shown, once, and never reports it as seen", () => {
    const notice: TChatAction = { type: "notice", id: "local:notice:1", text: "Danke!", createdAt: "2000-01-01T00:00:00.000Z" };
    const state = run([{ type: "message", message: message("b1", { createdAt: "2026-01-01T10:00:09.000Z" }) }, notice, notice]);
    expect(state.messages.map((item) => [item.id, item.role, item.local])).toEqual([["b1", "bot", undefined], ["local:notice:1", "system", true]]);
    expect(state.messages[1]?.createdAt).toBe("2026-01-01T10:00:09.001Z");
    expect(lastSeenMessageId(state.messages)).toBe("b1");
    const resynced = run([{ type: "session", messages: [message("b1", { createdAt: "2026-01-01T10:00:09.000Z" })], incremental: false, status: "bot" }], state);
    expect(ids(resynced)).toEqual(["b1", "local:notice:1"]);
  });
});

describe("streaming answers", () => {
  const streaming = message("b1", { text: "", status: "streaming" });

  it("appends deltas and finalises text and citations on done", () => {
    const citations = [{ n: 1, title: "Returns", url: "https://shop.example/returns", sourceId: "s1" }];
    const state = run([
      { type: "typing", from: "bot", active: true },
      { type: "message", message: streaming },
      { type: "delta", messageId: "b1", delta: "Returns " },
      { type: "delta", messageId: "b1", delta: "take 30 days" },
    ]);
    expect(state.messages[0]).toMatchObject({ text: "Returns take 30 days", status: "streaming" });
    expect(state.typing.bot).toBe(false);
    const done = run([{ type: "done", messageId: "b1", text: "Returns take 30 days [1].", citations, status: "done" }], state);
    expect(done.messages).toHaveLength(1);
    expect(done.messages[0]).toMatchObject({ text: "Returns take 30 days [1].", status: "done", citations });
  });

  it("keeps deltas that arrive before their message:new", () => {
    const early = run([
      { type: "message", message: message("v1", { role: "visitor" }) },
      { type: "delta", messageId: "b1", delta: "Early " },
    ]);
    expect(ids(early)).toEqual(["v1", "b1"]);
    const state = run([
      { type: "message", message: { ...streaming, createdAt: "2026-01-01T10:00:01.000Z" } },
      { type: "delta", messageId: "b1", delta: "words" },
    ], early);
    expect(ids(state)).toEqual(["v1", "b1"]);
    expect(state.messages[1]).toMatchObject({ text: "Early words", status: "streaming", createdAt: "2026-01-01T10:00:01.000Z" });
  });

  it("ignores late deltas and a late streaming copy once the answer is done", () => {
    const state = run([
      { type: "message", message: streaming },
      { type: "done", messageId: "b1", text: "Final", citations: [], status: "done" },
      { type: "delta", messageId: "b1", delta: " stale" },
      { type: "message", message: streaming },
    ]);
    expect(state.messages).toHaveLength(1);
    expect(state.messages[0]).toMatchObject({ text: "Final", status: "done" });
  });

  it("creates the message from bot:done alone if everything before it was missed", () => {
    const state = run([{ type: "done", messageId: "b9", text: "Only the end", citations: [], status: "failed" }]);
    expect(state.messages[0]).toMatchObject({ id: "b9", role: "bot", text: "Only the end", status: "failed" });
  });
});

describe("re-sync after reconnect", () => {
  const at = (second: number) => `2026-01-01T10:00:${String(second).padStart(2, "0")}.000Z`;

  it("merges incremental history by id, in time order, without duplicates", () => {
    const before = run([{ type: "session", messages: [message("a", { createdAt: at(1) }), message("b", { createdAt: at(2) })], incremental: false, status: "bot" }]);
    const after = run(
      [
        { type: "message", message: message("d", { createdAt: at(4) }) },
        {
          type: "session",
          messages: [message("d", { createdAt: at(4) }), message("c", { createdAt: at(3) }), message("b", { createdAt: at(2) }), message("c", { createdAt: at(3) })],
          incremental: true,
          status: "bot",
        },
        { type: "message", message: message("c", { createdAt: at(3) }) },
      ],
      before,
    );
    expect(ids(after)).toEqual(["a", "b", "c", "d"]);
  });

  it("replaces the history on a full session but keeps unacknowledged sends", () => {
    const before = run([
      { type: "session", messages: [message("old", { createdAt: at(1) })], incremental: false, status: "bot" },
      { ...send, createdAt: at(9) },
    ]);
    const after = run([{ type: "session", messages: [message("x", { createdAt: at(2) })], incremental: false, status: "queued" }], before);
    expect(after.messages.map((item) => item.clientMessageId ?? item.id)).toEqual(["x", "c1"]);
    expect(after.conversationStatus).toBe("queued");
  });

  it("matches a resent message returned by the re-sync to its optimistic copy", () => {
    const after = run([send, { type: "session", messages: [stored], incremental: true, status: "bot" }]);
    expect(ids(after)).toEqual(["m1"]);
    expect(pendingSends(after.messages)).toEqual([]);
  });

  it("keeps streamed text when a re-sync returns a shorter prefix of the same answer", () => {
    const after = run([
      { type: "message", message: message("b1", { text: "", status: "streaming" }) },
      { type: "delta", messageId: "b1", delta: "Hello there" },
      { type: "session", messages: [message("b1", { text: "Hello", status: "streaming" })], incremental: true, status: "bot" },
    ]);
    expect(after.messages[0]?.text).toBe("Hello there");
  });

  it("asks for messages after the last final one, so an interrupted answer comes back whole", () => {
    const state = run([
      { type: "session", messages: [message("a", { createdAt: at(1) }), message("b", { createdAt: at(2), status: "streaming" }), message("c", { createdAt: at(3) })], incremental: false, status: "bot" },
      send,
    ]);
    expect(lastSeenMessageId(state.messages)).toBe("a");
    expect(lastSeenMessageId(run([{ type: "done", messageId: "b", text: "x", citations: [], status: "done" }], state).messages)).toBe("c");
    expect(lastSeenMessageId(run([send]).messages)).toBeUndefined();
  });

  it("forgets everything on reset", () => {
    expect(run([send, { type: "connection", connection: "online" }, { type: "reset" }])).toEqual(initialChatState);
  });
});

describe("an operator's invitation in the conversation", () => {
  const invitation = { invitationId: "Inv0123456789abcdefghi", operator: { name: "Anna", avatarUrl: null }, text: "Darf ich helfen?" };
  const shown: TChatAction = { type: "invitation", invitation, createdAt: "2026-01-01T10:00:00.000Z" };
  const storedInvitation = message("op1", { role: "operator", text: invitation.text, author: invitation.operator, createdAt: "2026-01-01T10:01:00.000Z" });

  it("is shown as the operator's message, once, and kept through a full re-sync", () => {
    const state = run([shown, shown]);
    expect(state.messages).toHaveLength(1);
    expect(state.messages[0]).toMatchObject({ role: "operator", text: invitation.text, author: invitation.operator, local: true });
    expect(lastSeenMessageId(state.messages)).toBeUndefined();
    expect(run([{ type: "session", messages: [], incremental: false, status: "bot" }], state).messages).toHaveLength(1);
  });

  it("gives way to the operator's stored message once accepted, by broadcast or re-sync", () => {
    expect(ids(run([shown, { type: "message", message: storedInvitation }]))).toEqual(["op1"]);
    expect(ids(run([shown, { type: "session", messages: [storedInvitation], incremental: true, status: "assigned" }]))).toEqual(["op1"]);
    // Another operator message leaves the invitation in place.
    expect(run([shown, { type: "message", message: { ...storedInvitation, text: "Noch etwas?" } }]).messages).toHaveLength(2);
  });
});
