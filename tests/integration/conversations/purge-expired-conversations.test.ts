import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { purgeExpiredConversations } from "@/lib/conversations/conversations";
import { useTestDatabase } from "../../helpers/test-database";
import { seedConversation, setupWorkspace } from "./fixtures";

/** Automatic deletion after each workspace's own retention days (server/workers.ts, hourly). */
useTestDatabase();

const DAY = 24 * 60 * 60 * 1000;

describe("retention purge", () => {
  it("deletes only conversations past their own workspace's retention, with messages and orphaned sessions", async () => {
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const short = await setupWorkspace("Short Retention");
    const long = await setupWorkspace("Long Retention");
    await db().workspace.update({ where: { id: short.workspace.id }, data: { retentionDays: 30 } });
    await db().workspace.update({ where: { id: long.workspace.id }, data: { retentionDays: 365 } });
    const s = { workspaceId: short.workspace.id, botId: short.bot.id };
    const l = { workspaceId: long.workspace.id, botId: long.bot.id };

    const expired = await seedConversation(s, { visitorName: "Alt", createdAt: ago(60), lastMessageAt: ago(31), messages: [{ role: "visitor", text: "alt", at: ago(31) }] });
    // Started long ago but active recently: last activity counts.
    const active = await seedConversation(s, { createdAt: ago(90), lastMessageAt: ago(29), messages: [{ role: "visitor", text: "neu" }] });
    // A returning visitor: the old conversation goes, the session stays for the new one.
    const oldOfReturning = await seedConversation(s, { createdAt: ago(50), lastMessageAt: ago(40) });
    const newOfReturning = await seedConversation(s, { visitorSessionId: oldOfReturning.visitorSessionId, createdAt: ago(1) });
    // The same age in a workspace that keeps a year.
    const keptElsewhere = await seedConversation(l, { createdAt: ago(60), lastMessageAt: ago(31), messages: [{ role: "visitor", text: "bleibt" }] });
    const expiredElsewhere = await seedConversation(l, { createdAt: ago(400), lastMessageAt: ago(366) });

    const report = await purgeExpiredConversations({ now, batchSize: 1 });
    expect(report).toEqual({ conversations: 3, visitorSessions: 2 });

    const left = await db().conversation.findMany({ where: { workspaceId: { in: [short.workspace.id, long.workspace.id] } }, select: { id: true } });
    expect(left.map((c) => c.id).sort()).toEqual([active.id, newOfReturning.id, keptElsewhere.id].sort());
    expect(await db().message.count({ where: { conversationId: expired.id } })).toBe(0);
    expect(await db().visitorSession.count({ where: { id: expired.visitorSessionId } })).toBe(0);
    expect(await db().visitorSession.count({ where: { id: expiredElsewhere.visitorSessionId } })).toBe(0);
    expect(await db().visitorSession.count({ where: { id: oldOfReturning.visitorSessionId } })).toBe(1);
    expect(await db().message.count({ where: { conversationId: keptElsewhere.id } })).toBe(1);

    const audit = await db().auditLog.findMany({ where: { action: "conversations.purged" }, select: { workspaceId: true, data: true } });
    expect(audit.find((a) => a.workspaceId === short.workspace.id)?.data).toMatchObject({ count: 2 });
    expect(audit.find((a) => a.workspaceId === long.workspace.id)?.data).toMatchObject({ count: 1 });

    expect(await purgeExpiredConversations({ now })).toEqual({ conversations: 0, visitorSessions: 0 });
  });

  it("stops after maxBatches and finishes on the next run", async () => {
    const now = new Date();
    const w = await setupWorkspace("Batch Retention");
    await db().workspace.update({ where: { id: w.workspace.id }, data: { retentionDays: 1 } });
    for (let i = 0; i < 5; i++) await seedConversation({ workspaceId: w.workspace.id, botId: w.bot.id }, { createdAt: new Date(now.getTime() - (3 + i) * DAY) });
    expect((await purgeExpiredConversations({ now, batchSize: 2, maxBatches: 1 })).conversations).toBe(2);
    expect((await purgeExpiredConversations({ now, batchSize: 2 })).conversations).toBe(3);
    expect(await db().conversation.count({ where: { workspaceId: w.workspace.id } })).toBe(0);
  });
});
