import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getRatingStats, listConversationFilterOptions, listConversations } from "@/lib/conversations/conversations";
import { addMember } from "../../helpers/factories";
import { useTestDatabase } from "../../helpers/test-database";
import { seedConversation, setupWorkspace } from "./fixtures";

/** The dashboard's transcript list: search, every filter, keyset pages, and the rating figure. */
useTestDatabase();

describe("listing conversations", () => {
  it("pages by last activity, 50 at a time, with a stable cursor", async () => {
    const { workspace, ctx, bot } = await setupWorkspace("List Co");
    const start = Date.UTC(2025, 0, 1);
    for (let i = 0; i < 53; i++) {
      await seedConversation({ workspaceId: workspace.id, botId: bot.id }, { visitorName: `Visitor ${i}`, createdAt: new Date(start + i * 60_000) });
    }
    const first = await listConversations(ctx);
    expect(first.total).toBe(53);
    expect(first.conversations).toHaveLength(50);
    expect(first.conversations[0]).toMatchObject({ visitorName: "Visitor 52", botName: "Shop-Hilfe", status: "closed" });
    const second = await listConversations(ctx, { cursor: first.nextCursor! });
    expect(second.conversations.map((c) => c.visitorName)).toEqual(["Visitor 2", "Visitor 1", "Visitor 0"]);
    expect(second.nextCursor).toBeNull();
    expect(second.total).toBe(53);
  });

  it("searches visitor name, email and message text, case-insensitively", async () => {
    const { workspace, ctx, bot } = await setupWorkspace("Search Co");
    const ws = { workspaceId: workspace.id, botId: bot.id };
    const erika = await seedConversation(ws, { visitorName: "Erika Muster", messages: [{ role: "visitor", text: "Hallo" }] });
    const mail = await seedConversation(ws, { visitorEmail: "max@example.com", messages: [{ role: "visitor", text: "Hi" }] });
    const text = await seedConversation(ws, { messages: [{ role: "visitor", text: "Wo ist meine RECHNUNG?" }, { role: "bot", text: "Im Kundenkonto." }] });
    const note = await seedConversation(ws, { messages: [{ role: "operator", text: "Kunde ist VIP", internal: true }] });

    expect((await listConversations(ctx, { q: "erika" })).conversations.map((c) => c.id)).toEqual([erika.id]);
    expect((await listConversations(ctx, { q: "MAX@EXAMPLE" })).conversations.map((c) => c.id)).toEqual([mail.id]);
    const found = await listConversations(ctx, { q: "rechnung" });
    expect(found.conversations.map((c) => c.id)).toEqual([text.id]);
    expect(found.conversations[0]!.preview).toBe("Wo ist meine RECHNUNG?");
    expect((await listConversations(ctx, { q: "kundenkonto" })).conversations.map((c) => c.id)).toEqual([text.id]);
    // Internal notes are the team's own words: the team finds them.
    expect((await listConversations(ctx, { q: "vip" })).conversations.map((c) => c.id)).toEqual([note.id]);
    expect((await listConversations(ctx, { q: "nirgends" })).total).toBe(0);
  });

  it("filters by status, bot, department, operator, rating, tag and date range", async () => {
    const { workspace, ctx, bot } = await setupWorkspace("Filter Co");
    const ws = { workspaceId: workspace.id, botId: bot.id };
    const { user: op } = await addMember(workspace.id, "operator", "Olga");
    const dept = await db().department.create({ data: { workspaceId: workspace.id, name: "Vertrieb" } });
    const day = (d: number) => new Date(Date.UTC(2025, 2, d, 12));

    const a = await seedConversation(ws, { status: "closed", assignedUserId: op.id, departmentId: dept.id, rating: 5, ratingComment: "Super", tags: ["versand"], createdAt: day(1), lastMessageAt: day(2) });
    const b = await seedConversation(ws, { status: "assigned", assignedUserId: op.id, rating: 2, tags: ["rechnung", "versand"], createdAt: day(5) });
    const c = await seedConversation(ws, { status: "bot", createdAt: day(10) });

    const ids = async (filters: Parameters<typeof listConversations>[1]) => (await listConversations(ctx, filters)).conversations.map((x) => x.id).sort();
    expect(await ids({ status: "closed" })).toEqual([a.id]);
    expect(await ids({ status: "bot" })).toEqual([c.id]);
    expect(await ids({ departmentId: dept.id })).toEqual([a.id]);
    expect(await ids({ operatorId: op.id })).toEqual([a.id, b.id].sort());
    expect(await ids({ rating: "rated" })).toEqual([a.id, b.id].sort());
    expect(await ids({ rating: "unrated" })).toEqual([c.id]);
    expect(await ids({ rating: "5" })).toEqual([a.id]);
    expect(await ids({ tag: "versand" })).toEqual([a.id, b.id].sort());
    expect(await ids({ tag: "rechnung" })).toEqual([b.id]);
    expect(await ids({ botId: bot.id })).toHaveLength(3);
    expect(await ids({ botId: "no-such-bot" })).toEqual([]);
    // Active in the range: started before its end, last message after its start.
    expect(await ids({ from: "2025-03-02", to: "2025-03-02" })).toEqual([a.id]);
    expect(await ids({ from: "2025-03-03", to: "2025-03-09" })).toEqual([b.id]);
    expect(await ids({ from: "2025-03-06" })).toEqual([c.id]);
    expect(await ids({ status: "closed", rating: "2" })).toEqual([]);

    const row = (await listConversations(ctx, { status: "closed" })).conversations[0]!;
    expect(row).toMatchObject({ operatorName: "Olga", departmentName: "Vertrieb", rating: 5, ratingComment: "Super", tags: ["versand"] });

    const options = await listConversationFilterOptions(ctx);
    expect(options.tags).toEqual(["rechnung", "versand"]);
    expect(options.departments.map((d) => d.name)).toEqual(["Vertrieb"]);
    expect(options.operators.map((o) => o.name)).toContain("Olga");
  });

  it("rejects malformed filters", async () => {
    const { ctx } = await setupWorkspace("Bad Filter Co");
    await expect(listConversations(ctx, { status: "deleted" as never })).rejects.toThrow();
    await expect(listConversations(ctx, { cursor: "x'; DROP TABLE conversations" })).rejects.toThrow();
  });
});

describe("rating figures", () => {
  it("averages the ratings of the last 30 days of this workspace only", async () => {
    const { workspace, ctx, bot } = await setupWorkspace("Rating Co");
    const other = await setupWorkspace("Other Rating Co");
    const now = new Date();
    const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 60 * 60 * 1000);
    const ws = { workspaceId: workspace.id, botId: bot.id };
    await seedConversation(ws, { rating: 5, ratedAt: daysAgo(1) });
    await seedConversation(ws, { rating: 4, ratedAt: daysAgo(29) });
    await seedConversation(ws, { rating: 1, ratedAt: daysAgo(40) });
    await seedConversation(ws, {});
    await seedConversation({ workspaceId: other.workspace.id, botId: other.bot.id }, { rating: 1, ratedAt: daysAgo(1) });

    const stats = await getRatingStats(ctx, { days: 30, now });
    expect(stats.count).toBe(2);
    expect(stats.average).toBeCloseTo(4.5);
    expect(await getRatingStats(await setupWorkspace("Empty Co").then((w) => w.ctx))).toEqual({ average: null, count: 0 });
  });
});
