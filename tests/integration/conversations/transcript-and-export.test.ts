import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { conversationsToCsv, deleteConversation, exportConversations, getConversationTranscript, listConversations } from "@/lib/conversations/conversations";
import { expectAppError } from "../../helpers/errors";
import { addMember, contextFor } from "../../helpers/factories";
import { useTestDatabase } from "../../helpers/test-database";
import { seedConversation, setupWorkspace } from "./fixtures";

/** One transcript for the team, its exports and its deletion, each scoped to its workspace. */
useTestDatabase();

async function handledChat(name = "Transcript Co") {
  const setup = await setupWorkspace(name);
  const { user: op } = await addMember(setup.workspace.id, "operator", "Olga");
  const conversation = await seedConversation(
    { workspaceId: setup.workspace.id, botId: setup.bot.id },
    {
      visitorName: "Erika Muster",
      visitorEmail: "erika@example.com",
      assignedUserId: op.id,
      rating: 4,
      ratingComment: "Schnelle Hilfe, danke",
      tags: ["versand"],
      messages: [
        { role: "visitor", text: "Wo ist mein Paket? <script>alert(1)</script>" },
        { role: "bot", text: "Ich verbinde Sie mit dem Team." },
        { role: "operator", text: "Stammkunde, bitte kulant sein", internal: true, authorUserId: op.id },
        { role: "operator", text: "Ihr Paket kommt morgen.", authorUserId: op.id },
        { role: "visitor", text: "=HYPERLINK(\"http://evil.example\",\"klick\")" },
      ],
    },
  );
  return { ...setup, op, conversation };
}

describe("transcript", () => {
  it("shows every message to the team, internal notes marked, with names, rating and visitor", async () => {
    const { ctx, workspace, op, conversation } = await handledChat();
    const operatorCtx = await contextFor(op.id, workspace.slug);
    const t = await getConversationTranscript(operatorCtx, conversation.id);
    expect(t.messages.map((m) => [m.role, m.internal, m.authorName])).toEqual([
      ["visitor", false, null],
      ["bot", false, null],
      ["operator", true, "Olga"],
      ["operator", false, "Olga"],
      ["visitor", false, null],
    ]);
    expect(t.messages[0]!.text).toBe("Wo ist mein Paket? <script>alert(1)</script>");
    expect(t).toMatchObject({ rating: 4, ratingComment: "Schnelle Hilfe, danke", tags: ["versand"], operatorName: "Olga", truncated: false });
    expect(t.visitor).toMatchObject({ name: "Erika Muster", email: "erika@example.com", locale: "de-DE" });
    expect((await getConversationTranscript(ctx, conversation.id)).messages).toHaveLength(5);
  });
});

describe("export", () => {
  it("writes CSV per RFC 4180, one row per message, with formulas defused", async () => {
    const { ctx, conversation } = await handledChat("CSV Co");
    const file = await exportConversations(ctx, { format: "csv", conversationId: conversation.id });
    expect(file.contentType).toContain("text/csv");
    expect(file.body.startsWith("\uFEFFconversation_id,started,status,bot,department,operator,visitor_name,visitor_email,tags,rating,rating_comment,message_time,role,author,internal,text\r\n")).toBe(true);
    const lines = file.body.trimEnd().split("\r\n");
    expect(lines).toHaveLength(6);
    expect(lines[3]).toContain(',operator,Olga,yes,"Stammkunde, bitte kulant sein"');
    expect(lines[5]).toContain(`,visitor,,no,"'=HYPERLINK(""http://evil.example"",""klick"")"`);
    expect(file.body).not.toMatch(/,=HYPERLINK/);
    expect(lines[1]).toContain('Erika Muster,erika@example.com,versand,4,"Schnelle Hilfe, danke",');
  });

  it("writes JSON with nested messages, and exports the list's filters", async () => {
    const { ctx, workspace, bot, conversation } = await handledChat("JSON Co");
    await seedConversation({ workspaceId: workspace.id, botId: bot.id }, { visitorName: "Zweiter Besucher", status: "bot", messages: [{ role: "visitor", text: "Hallo" }] });
    const all = JSON.parse((await exportConversations(ctx, { format: "json" })).body);
    expect(all.conversations).toHaveLength(2);
    const one = JSON.parse((await exportConversations(ctx, { format: "json", filters: { status: "closed" } })).body);
    expect(one.conversations).toHaveLength(1);
    expect(one.conversations[0]).toMatchObject({ id: conversation.id, bot: "Shop-Hilfe", operator: "Olga", rating: 4, visitor: { name: "Erika Muster" } });
    expect(one.conversations[0].messages[2]).toMatchObject({ role: "operator", author: "Olga", internal: true, text: "Stammkunde, bitte kulant sein" });
    expect(conversationsToCsv([])).toBe("\uFEFFconversation_id,started,status,bot,department,operator,visitor_name,visitor_email,tags,rating,rating_comment,message_time,role,author,internal,text\r\n");
  });

  it("is for admins and owners only", async () => {
    const { workspace, op, conversation } = await handledChat("Role Co");
    const operatorCtx = await contextFor(op.id, workspace.slug);
    await expectAppError(exportConversations(operatorCtx, { format: "csv" }), "forbidden");
    await expectAppError(exportConversations(operatorCtx, { format: "json", conversationId: conversation.id }), "forbidden");
    const { user: admin } = await addMember(workspace.id, "admin", "Adam");
    expect((await exportConversations(await contextFor(admin.id, workspace.slug), { format: "csv" })).body).toContain("Erika Muster");
  });
});

describe("delete", () => {
  it("removes the conversation, its messages and a session left without conversations; audit-logged", async () => {
    const { ctx, workspace, bot, conversation, op } = await handledChat("Delete Co");
    const operatorCtx = await contextFor(op.id, workspace.slug);
    await expectAppError(deleteConversation(operatorCtx, conversation.id), "forbidden");

    const shared = await seedConversation({ workspaceId: workspace.id, botId: bot.id }, { visitorName: "Wiederkehrer", messages: [{ role: "visitor", text: "1" }] });
    const second = await seedConversation({ workspaceId: workspace.id, botId: bot.id }, { visitorSessionId: shared.visitorSessionId, messages: [{ role: "visitor", text: "2" }] });
    await deleteConversation(ctx, shared.id);
    expect(await db().visitorSession.count({ where: { id: shared.visitorSessionId } })).toBe(1);
    expect(await db().conversation.count({ where: { id: second.id } })).toBe(1);

    await deleteConversation(ctx, conversation.id);
    expect(await db().conversation.count({ where: { id: conversation.id } })).toBe(0);
    expect(await db().message.count({ where: { conversationId: conversation.id } })).toBe(0);
    expect(await db().visitorSession.count({ where: { id: conversation.visitorSessionId } })).toBe(0);
    expect(await db().auditLog.count({ where: { workspaceId: workspace.id, action: "conversation.deleted", targetId: conversation.id } })).toBe(1);
    await expectAppError(deleteConversation(ctx, conversation.id), "not_found");
    expect((await listConversations(ctx)).conversations.map((c) => c.id)).toEqual([second.id]);
  });
});

describe("tenant isolation", () => {
  it("workspace B never sees, exports or deletes workspace A's conversations", async () => {
    const a = await handledChat("Tenant A");
    const b = await setupWorkspace("Tenant B");
    const id = a.conversation.id;

    expect((await listConversations(b.ctx)).total).toBe(0);
    expect((await listConversations(b.ctx, { q: "Erika" })).total).toBe(0);
    expect((await listConversations(b.ctx, { operatorId: a.op.id })).total).toBe(0);
    await expectAppError(getConversationTranscript(b.ctx, id), "not_found");
    await expectAppError(exportConversations(b.ctx, { format: "json", conversationId: id }), "not_found");
    expect((await exportConversations(b.ctx, { format: "csv" })).body).not.toContain("Erika");
    expect(JSON.parse((await exportConversations(b.ctx, { format: "json" })).body).conversations).toEqual([]);
    await expectAppError(deleteConversation(b.ctx, id), "not_found");
    expect(await db().conversation.count({ where: { id } })).toBe(1);
    expect(await db().message.count({ where: { conversationId: id } })).toBe(5);

    const first = await listConversations(a.ctx);
    expect(first.conversations.map((c) => c.id)).toEqual([id]);
  });
});
