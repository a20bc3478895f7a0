import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createBot } from "@/lib/bots/bots";
import { listMessages, storeVisitorMessage } from "@/lib/chat/messages";
import { db } from "@/lib/db/client";
import { createOwnerWithWorkspace } from "../helpers/factories";
import { useTestDatabase } from "../helpers/test-database";

/**
 * The widget's hot path stores visitor messages with group commit: messages arriving together
 * (many conversations, several workspaces) go to the database in one statement. Each must
 * still be stored once per clientMessageId, in its own conversation only, in send order, with
 * the counters right, and never into a closed or foreign conversation.
 */
useTestDatabase();

const cid = () => `c-${randomBytes(8).toString("hex")}`;

async function conversationIn(name: string, status: "bot" | "queued" | "assigned" | "closed" = "bot") {
  const { workspace, ctx } = await createOwnerWithWorkspace(name);
  const bot = await createBot(ctx, { name: "Hilfe", languages: ["de"] });
  const session = await db().visitorSession.create({ data: { workspaceId: workspace.id, botId: bot.id, tokenHash: randomBytes(16).toString("hex") } });
  const conversation = await db().conversation.create({ data: { workspaceId: workspace.id, botId: bot.id, visitorSessionId: session.id, status } });
  return { id: conversation.id, workspaceId: workspace.id };
}

describe("storeVisitorMessage (group commit)", () => {
  it("stores 300 concurrent messages of 3 workspaces once each, in order, with duplicates and counters right", async () => {
    const conversations = [await conversationIn("Gruppe A"), await conversationIn("Gruppe B"), await conversationIn("Gruppe C", "assigned")];
    const sends = Array.from({ length: 300 }, (_, i) => ({ conversation: conversations[i % 3]!, text: `Nachricht ${i}`, clientMessageId: cid() }));
    // Every 10th send is retried at once (same clientMessageId): it lands in the same batch.
    const calls = sends.flatMap((s, i) => (i % 10 === 0 ? [s, s] : [s]));
    const results = await Promise.all(calls.map((s) => storeVisitorMessage(s.conversation, { text: s.text, clientMessageId: s.clientMessageId })));

    expect(results.every((r) => r !== null)).toBe(true);
    const ids = new Map<string, string>();
    for (const [i, r] of results.entries()) {
      const previous = ids.get(calls[i]!.clientMessageId);
      if (previous) expect(r!.message.id).toBe(previous);
      else ids.set(calls[i]!.clientMessageId, r!.message.id);
    }
    expect(results.filter((r) => r!.duplicate)).toHaveLength(30);
    expect(results.find((r, i) => calls[i]!.conversation === conversations[2] && !r!.duplicate)!.conversation).toEqual({ status: "assigned", assignedUserId: null });

    for (const c of conversations) {
      const stored = await db().message.findMany({ where: { conversationId: c.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      const expected = sends.filter((s) => s.conversation === c);
      expect(stored.map((m) => m.text)).toEqual(expected.map((s) => s.text));
      expect(stored.every((m) => m.workspaceId === c.workspaceId && m.role === "visitor")).toBe(true);
      expect((await db().conversation.findUniqueOrThrow({ where: { id: c.id } })).messageCount).toBe(100);
      // The widget's history reads them back in the same order.
      expect((await listMessages(c.id)).messages.slice(-3).map((m) => m.text)).toEqual(expected.slice(-3).map((s) => s.text));
    }
  });

  it("refuses a closed conversation and another workspace's conversation, and stores nothing there", async () => {
    const closed = await conversationIn("Geschlossen", "closed");
    const mine = await conversationIn("Meins");
    const foreign = await conversationIn("Fremd");
    const [toClosed, toForeign, ok] = await Promise.all([
      storeVisitorMessage(closed, { text: "Hallo?", clientMessageId: cid() }),
      storeVisitorMessage({ id: foreign.id, workspaceId: mine.workspaceId }, { text: "Eingeschleust", clientMessageId: cid() }),
      storeVisitorMessage(mine, { text: "Hallo", clientMessageId: cid() }),
    ]);
    expect(toClosed).toBeNull();
    expect(toForeign).toBeNull();
    expect(ok?.message.text).toBe("Hallo");
    expect(await db().message.count({ where: { conversationId: { in: [closed.id, foreign.id] } } })).toBe(0);
  });

  it("refuses a foreign workspace's send for a conversation even in the same batch as its own workspace's", async () => {
    const mine = await conversationIn("Eigener Batch");
    const other = await conversationIn("Anderer Batch");
    const [own, forged] = await Promise.all([
      storeVisitorMessage(mine, { text: "Echt", clientMessageId: cid() }),
      storeVisitorMessage({ id: mine.id, workspaceId: other.workspaceId }, { text: "Gefälscht", clientMessageId: cid() }),
    ]);
    expect(own?.message.text).toBe("Echt");
    expect(forged).toBeNull();
    const stored = await db().message.findMany({ where: { conversationId: mine.id } });
    expect(stored.map((m) => [m.text, m.workspaceId])).toEqual([["Echt", mine.workspaceId]]);
    expect((await db().conversation.findUniqueOrThrow({ where: { id: mine.id } })).messageCount).toBe(1);
  });

  it("stores any text verbatim (quotes, backslashes, SQL, JSON, emoji; NUL dropped, lone surrogates replaced) and answers with the stored row's time", async () => {
    const c = await conversationIn("Zeichen");
    const texts = [
      "O'Reilly sagt \\\"hallo\\\"", "'); DELETE FROM messages; --", "$1 $$ E'\\x00' \\ ende\\", "Grüße 👋\u0000 ok",
      '{"i":"x","t":[1,2]} \\u0041 \\n', "Zeile 1\nZeile 2\t\u2028Ende", "kaputt \ud800 und \udfff halb",
    ];
    const results = await Promise.all(texts.map((text) => storeVisitorMessage(c, { text, clientMessageId: cid() })));
    const expected = texts.map((t) => t.replace(/\u0000/g, "").toWellFormed());
    expect(expected[6]).toBe("kaputt \ufffd und \ufffd halb");
    expect(results.map((r) => r!.message.text)).toEqual(expected);
    const stored = await db().message.findMany({ where: { conversationId: c.id } });
    for (const r of results) {
      const row = stored.find((m) => m.id === r!.message.id)!;
      expect(row.text).toBe(r!.message.text);
      expect(r!.message.createdAt).toBe(row.createdAt.toISOString());
      expect(r!.message).toMatchObject({ role: "visitor", status: "done", citations: [], author: null });
    }
    expect(Math.abs(Date.parse(results[0]!.message.createdAt) - Date.now())).toBeLessThan(60_000);
  });

  it("moves the conversation's last-message time only once it is 5 seconds old, and counts every message", async () => {
    const c = await conversationIn("Zeitstempel");
    const row = () => db().conversation.findUniqueOrThrow({ where: { id: c.id }, select: { lastMessageAt: true, messageCount: true } });
    const stale = new Date(Date.now() - 60_000);
    await db().conversation.update({ where: { id: c.id }, data: { lastMessageAt: stale } });
    const first = await storeVisitorMessage(c, { text: "Erste", clientMessageId: cid() });
    const afterFirst = await row();
    expect(afterFirst.lastMessageAt.toISOString()).toBe(first!.message.createdAt);
    // Within 5 s the time stays (the row update touches no indexed column and stays on its page).
    await storeVisitorMessage(c, { text: "Zweite", clientMessageId: cid() });
    expect(await row()).toEqual({ lastMessageAt: afterFirst.lastMessageAt, messageCount: 2 });
    await db().conversation.update({ where: { id: c.id }, data: { lastMessageAt: new Date(Date.now() - 5_500) } });
    const third = await storeVisitorMessage(c, { text: "Dritte", clientMessageId: cid() });
    expect(await row()).toEqual({ lastMessageAt: new Date(third!.message.createdAt), messageCount: 3 });
  });

  it("rejects bad input before it reaches the batch", async () => {
    const c = await conversationIn("Eingaben");
    await expect(storeVisitorMessage(c, { text: "   ", clientMessageId: cid() })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(storeVisitorMessage(c, { text: "x".repeat(5000), clientMessageId: cid() })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(storeVisitorMessage(c, { text: "Hallo", clientMessageId: "kurz" })).rejects.toMatchObject({ code: "validation_failed" });
    expect(await db().message.count({ where: { conversationId: c.id } })).toBe(0);
  });
});
