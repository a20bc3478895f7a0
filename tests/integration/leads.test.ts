import { describe, expect, it } from "vitest";
import { createBot } from "@/lib/bots/bots";
import { findWidgetBot, resolveVisitorSession, type TWidgetBot } from "@/lib/chat/visitor-session";
import { db } from "@/lib/db/client";
import { csvCell, deleteLead, drainLeadNotifications, LEAD_SESSION_LIMIT, leadsCsv, listLeads, submitLead, type TLeadTarget } from "@/lib/leads/leads";
import { handleLeadSubmit } from "@/lib/leads/socket";
import type { TPreChatField } from "@/lib/widget/protocol";
import { expectAppError } from "../helpers/errors";
import { addMember, contextFor, createOwnerWithWorkspace } from "../helpers/factories";
import { linkIn, mailsTo } from "../helpers/outbox";
import { TEST_BASE_URL, useTestDatabase } from "../helpers/test-database";

/**
 * Leads from the widget's pre-chat and "leave a message" forms: validation per field type,
 * the per-session cap, the owners' notification mail, and the dashboard's list, export and
 * delete, each scoped to its workspace.
 */
useTestDatabase();

const label = (de: string, en = de) => ({ de, en });

const FORM: TPreChatField[] = [
  { key: "name", type: "text", label: label("Name"), required: true, options: [] },
  { key: "email", type: "email", label: label("E-Mail", "Email"), required: true, options: [] },
  { key: "phone", type: "phone", label: label("Telefon", "Phone"), required: false, options: [] },
  { key: "topic", type: "select", label: label("Thema", "Topic"), required: false, options: ["Versand", "Rechnung"] },
  { key: "team", type: "department", label: label("Abteilung", "Department"), required: false, options: ["Vertrieb", "Support"] },
  { key: "notes", type: "textarea", label: label("Anmerkungen", "Notes"), required: false, options: [] },
];

async function setupBot(options: { form?: TPreChatField[] | null; name?: string } = {}) {
  const { owner, workspace, ctx } = await createOwnerWithWorkspace(options.name ?? "Lead Shop");
  const created = await createBot(ctx, { name: "Shop-Hilfe" });
  const form = options.form === undefined ? FORM : options.form;
  await db().bot.update({ where: { id: created.id }, data: { widgetSettings: { preChat: { enabled: form !== null, fields: form ?? [] } } } });
  const bot = (await findWidgetBot(created.publicId)) as TWidgetBot;
  return { owner, workspace, ctx, bot };
}

async function newVisitor(bot: TWidgetBot, locale = "de-DE"): Promise<TLeadTarget> {
  const session = await resolveVisitorSession(bot, { locale });
  return { bot, conversationId: session.conversation.id, visitorSessionId: session.sessionId, locale };
}

const prechat = (fields: Record<string, string>) => ({ kind: "prechat", fields });
const good = { name: "Erika Muster", email: "Erika@Example.com" };

async function fieldError(target: TLeadTarget, payload: unknown, field: string) {
  const error = await expectAppError(submitLead(target, payload), "validation_failed");
  expect(error.details).toEqual({ field });
  return error;
}

describe("pre-chat leads", () => {
  it("stores a valid form with contact columns, all fields, and names the visitor", async () => {
    const { bot } = await setupBot();
    const target = await newVisitor(bot);
    const { leadId } = await submitLead(
      target,
      prechat({ ...good, phone: "+49 (30) 123-45/67", topic: "Rechnung", team: "Support", notes: "  Zeile 1\r\nZeile 2  " }),
    );
    const lead = await db().lead.findUniqueOrThrow({ where: { id: leadId } });
    expect(lead).toMatchObject({
      workspaceId: bot.workspaceId,
      botId: bot.id,
      conversationId: target.conversationId,
      source: "prechat",
      name: "Erika Muster",
      email: "erika@example.com",
      phone: "+49 (30) 123-45/67",
      message: "Zeile 1\nZeile 2",
    });
    expect(lead.fields).toEqual({ name: "Erika Muster", email: "erika@example.com", phone: "+49 (30) 123-45/67", topic: "Rechnung", team: "Support", notes: "Zeile 1\nZeile 2" });
    const session = await db().visitorSession.findUniqueOrThrow({ where: { id: target.visitorSessionId } });
    expect(session).toMatchObject({ name: "Erika Muster", email: "erika@example.com" });
  });

  it("accepts each field type's good values", async () => {
    const { bot } = await setupBot();
    for (const phone of ["030123456", "+41 44 668 18 00", "(0)89/12 34-56"]) {
      await expect(submitLead(await newVisitor(bot), prechat({ ...good, phone }))).resolves.toHaveProperty("leadId");
    }
    await expect(submitLead(await newVisitor(bot), prechat({ ...good, topic: "Versand", team: "Vertrieb", notes: "x".repeat(2000) }))).resolves.toHaveProperty("leadId");
    await expect(submitLead(await newVisitor(bot), prechat({ ...good, name: "n".repeat(200) }))).resolves.toHaveProperty("leadId");
  });

  it("rejects bad values per field type and names the field", async () => {
    const { bot } = await setupBot();
    const target = await newVisitor(bot);
    const cases: [Record<string, string>, string][] = [
      [{ ...good, email: "not-an-email" }, "email"],
      [{ ...good, email: "erika@localhost" }, "email"],
      [{ ...good, phone: "12345" }, "phone"],
      [{ ...good, phone: "1".repeat(21) }, "phone"],
      [{ ...good, phone: "call 0301234567" }, "phone"],
      [{ ...good, phone: "030+123456" }, "phone"],
      [{ ...good, topic: "Sonstiges" }, "topic"],
      [{ ...good, topic: "versand" }, "topic"],
      [{ ...good, team: "Buchhaltung" }, "team"],
      [{ ...good, notes: "x".repeat(2001) }, "notes"],
      [{ ...good, name: "n".repeat(201) }, "name"],
    ];
    for (const [fields, field] of cases) await fieldError(target, prechat(fields), field);
    expect(await db().lead.count({ where: { workspaceId: bot.workspaceId } })).toBe(0);
  });

  it("requires required fields; blank counts as missing", async () => {
    const { bot } = await setupBot();
    const target = await newVisitor(bot);
    await fieldError(target, prechat({ email: good.email }), "name");
    await fieldError(target, prechat({ name: "   ", email: good.email }), "name");
    await fieldError(target, prechat({ name: good.name }), "email");
    await fieldError(target, prechat({}), "name");
  });

  it("rejects keys the form does not have", async () => {
    const { bot } = await setupBot();
    const target = await newVisitor(bot);
    await fieldError(target, prechat({ ...good, company: "ACME" }), "company");
    await fieldError(target, prechat({ ...good, __proto__x: "1" }), "__proto__x");
  });

  it("rejects malformed payloads and a bot without a pre-chat form", async () => {
    const { bot } = await setupBot();
    const target = await newVisitor(bot);
    for (const payload of [null, "text", { kind: "survey", fields: {} }, { kind: "prechat" }, { kind: "prechat", fields: { name: 5 } }, { kind: "prechat", fields: [] }]) {
      await expectAppError(submitLead(target, payload), "validation_failed");
    }
    const { bot: plain } = await setupBot({ form: null, name: "No Form Co" });
    await fieldError(await newVisitor(plain), prechat(good), "kind");
  });

  it("strips control characters and keeps single-line fields on one line", async () => {
    const { bot } = await setupBot();
    const { leadId } = await submitLead(await newVisitor(bot), prechat({ name: "Erika\u0000 \nMuster", email: good.email }));
    const lead = await db().lead.findUniqueOrThrow({ where: { id: leadId } });
    expect(lead.name).toBe("Erika  Muster");
  });
});

describe("'leave a message' leads", () => {
  it("require email and message; name is optional; other keys are rejected", async () => {
    const { bot } = await setupBot({ form: null });
    const target = await newVisitor(bot);
    await fieldError(target, { kind: "message", fields: { message: "Hallo" } }, "email");
    await fieldError(target, { kind: "message", fields: { email: good.email } }, "message");
    await fieldError(target, { kind: "message", fields: { email: good.email, message: "Hallo", phone: "030123456" } }, "phone");
    await fieldError(target, { kind: "message", fields: { email: "nope", message: "Hallo" } }, "email");
    const { leadId } = await submitLead(target, { kind: "message", fields: { email: good.email, message: "Bitte um Rückruf." } });
    await drainLeadNotifications();
    const lead = await db().lead.findUniqueOrThrow({ where: { id: leadId } });
    expect(lead).toMatchObject({ source: "offline_form", name: null, email: "erika@example.com", phone: null, message: "Bitte um Rückruf." });
    expect((await db().visitorSession.findUniqueOrThrow({ where: { id: target.visitorSessionId } })).email).toBe("erika@example.com");
  });

  it("emails every owner and admin once, in their language, and no operator", async () => {
    const { owner, workspace, bot } = await setupBot({ name: "Mail Co" });
    const { user: admin } = await addMember(workspace.id, "admin");
    const { user: operator } = await addMember(workspace.id, "operator");
    await db().user.update({ where: { id: admin.id }, data: { locale: "de" } });
    const recipients = [owner.email, admin.email, operator.email];
    const before = new Set((await Promise.all(recipients.map(mailsTo))).flat().map((m) => m.id));

    const visitor = await newVisitor(bot, "en-GB");
    await handleLeadSubmit(
      { bot, sessionId: visitor.visitorSessionId, conversationId: visitor.conversationId, locale: visitor.locale },
      { kind: "message", fields: { name: "Max Mustermann", email: "max@example.org", message: "Wann liefern Sie nach Wien?\nDanke!" } },
    );
    await drainLeadNotifications();

    const fresh = async (to: string) => (await mailsTo(to)).filter((m) => !before.has(m.id));
    expect(await fresh(operator.email)).toHaveLength(0);
    const [ownerMails, adminMails] = [await fresh(owner.email), await fresh(admin.email)];
    expect(ownerMails).toHaveLength(1);
    expect(adminMails).toHaveLength(1);

    const english = ownerMails[0]!;
    expect(english.subject).toBe('New message via "Shop-Hilfe" from Max Mustermann');
    expect(english.text).toContain("Wann liefern Sie nach Wien?\nDanke!");
    expect(english.text).toContain("Email: max@example.org");
    expect(english.text).toContain("Language: en-GB");
    expect(linkIn(english).href).toBe(`${TEST_BASE_URL}/dashboard/${workspace.slug}/leads`);

    const german = adminMails[0]!;
    expect(german.subject).toBe("Neue Nachricht über „Shop-Hilfe“ von Max Mustermann");
    expect(german.text).toContain("E-Mail: max@example.org");
    expect(german.text).toContain("Wann liefern Sie nach Wien?");
    expect(linkIn(german).pathname).toBe(`/dashboard/${workspace.slug}/leads`);
  });

  it("escapes the visitor's text in the HTML part, and a pre-chat lead sends no mail", async () => {
    const { owner, bot } = await setupBot({ name: "Escape Co" });
    const before = (await mailsTo(owner.email)).length;
    await submitLead(await newVisitor(bot), prechat(good));
    await submitLead(await newVisitor(bot), { kind: "message", fields: { name: "<b>Bold</b>", email: good.email, message: '<img src=x onerror="alert(1)">' } });
    await drainLeadNotifications();
    const mails = await mailsTo(owner.email);
    expect(mails).toHaveLength(before + 1);
    const html = mails.find((m) => m.subject.includes("Bold"))!.html!;
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>Bold");
    expect(html).toContain("&#60;img src=x onerror=&#34;alert(1)&#34;&#62;");
  });
});

describe("the per-session cap", () => {
  it(`allows ${LEAD_SESSION_LIMIT.max} leads per session and hour, then asks to retry later`, async () => {
    const { bot } = await setupBot({ name: "Cap Co" });
    const target = await newVisitor(bot);
    for (let i = 0; i < LEAD_SESSION_LIMIT.max; i++) await submitLead(target, prechat(good));
    const error = await expectAppError(submitLead(target, prechat(good)), "rate_limited");
    expect(error.retryAfterSeconds).toBeGreaterThan(LEAD_SESSION_LIMIT.windowSeconds - 60);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(LEAD_SESSION_LIMIT.windowSeconds);
    expect(await db().lead.count({ where: { workspaceId: bot.workspaceId } })).toBe(LEAD_SESSION_LIMIT.max);

    // Another visitor is not affected; leads older than the window no longer count.
    await expect(submitLead(await newVisitor(bot), prechat(good))).resolves.toHaveProperty("leadId");
    await db().lead.updateMany({ where: { conversationId: target.conversationId }, data: { createdAt: new Date(Date.now() - 2 * 60 * 60 * 1000) } });
    await expect(submitLead(target, prechat(good))).resolves.toHaveProperty("leadId");
  });

  it("refuses a conversation that is not the visitor's", async () => {
    const { bot } = await setupBot({ name: "Mismatch Co" });
    const [a, b] = [await newVisitor(bot), await newVisitor(bot)];
    await expectAppError(submitLead({ ...a, conversationId: b.conversationId }, prechat(good)), "not_found");
  });
});

async function createLead(workspaceId: string, botId: string | null, data: { source?: string; name?: string | null; email?: string | null; phone?: string | null; message?: string | null; fields?: Record<string, string>; createdAt?: Date }) {
  return db().lead.create({ data: { workspaceId, botId, source: data.source ?? "prechat", name: data.name ?? null, email: data.email ?? null, phone: data.phone ?? null, message: data.message ?? null, fields: data.fields ?? {}, ...(data.createdAt ? { createdAt: data.createdAt } : {}) } });
}

describe("listing leads", () => {
  it("pages newest first, 50 at a time, and filters by search, source and date", async () => {
    const { ctx, bot } = await setupBot({ name: "List Co" });
    const start = Date.UTC(2025, 0, 1);
    for (let i = 0; i < 55; i++) {
      await createLead(bot.workspaceId, bot.id, { name: `Visitor ${i}`, email: `v${i}@example.com`, source: i % 5 === 0 ? "offline_form" : "prechat", message: i === 7 ? "Frage zur RECHNUNG" : null, createdAt: new Date(start + i * 60_000) });
    }
    const first = await listLeads(ctx);
    expect(first.total).toBe(55);
    expect(first.leads).toHaveLength(50);
    expect(first.leads[0]!.name).toBe("Visitor 54");
    expect(first.leads[0]!.botName).toBe("Shop-Hilfe");
    expect(first.nextCursor).toBeTruthy();
    const second = await listLeads(ctx, { cursor: first.nextCursor! });
    expect(second.leads.map((l) => l.name)).toEqual(["Visitor 4", "Visitor 3", "Visitor 2", "Visitor 1", "Visitor 0"]);
    expect(second.nextCursor).toBeNull();

    expect((await listLeads(ctx, { q: "rechnung" })).leads.map((l) => l.name)).toEqual(["Visitor 7"]);
    expect((await listLeads(ctx, { q: "V12@EXAMPLE" })).leads.map((l) => l.name)).toEqual(["Visitor 12"]);
    const messages = await listLeads(ctx, { source: "offline_form" });
    expect(messages.total).toBe(11);
    expect(messages.leads.every((l) => l.source === "offline_form")).toBe(true);
    const window = await listLeads(ctx, { from: new Date(start + 10 * 60_000), to: new Date(start + 12 * 60_000) });
    expect(window.leads.map((l) => l.name)).toEqual(["Visitor 12", "Visitor 11", "Visitor 10"]);
    expect((await listLeads(ctx, { from: "2025-01-01", to: "2025-01-01" })).total).toBe(55);
    expect((await listLeads(ctx, { from: "2025-01-02" })).total).toBe(0);
  });
});

describe("tenant isolation", () => {
  it("list, export and delete never reach another workspace's leads", async () => {
    const a = await setupBot({ name: "Tenant A" });
    const b = await setupBot({ name: "Tenant B" });
    const { leadId } = await submitLead(await newVisitor(a.bot), prechat({ name: "Alice Secret", email: "alice@example.com" }));

    expect((await listLeads(b.ctx)).leads).toHaveLength(0);
    expect((await listLeads(b.ctx, { botId: a.bot.id })).total).toBe(0);
    expect(await leadsCsv(b.ctx)).not.toContain("Alice");
    await expectAppError(deleteLead(b.ctx, leadId), "not_found");
    expect(await db().lead.count({ where: { id: leadId } })).toBe(1);

    expect((await listLeads(a.ctx)).leads.map((l) => l.id)).toEqual([leadId]);
    expect(await leadsCsv(a.ctx)).toContain("Alice Secret");
  });

  it("only admins and owners delete", async () => {
    const { ctx, workspace, bot } = await setupBot({ name: "Delete Co" });
    const { leadId } = await submitLead(await newVisitor(bot), prechat(good));
    const { user: operator } = await addMember(workspace.id, "operator");
    const operatorCtx = await contextFor(operator.id, workspace.slug);
    await expectAppError(deleteLead(operatorCtx, leadId), "forbidden");
    expect((await listLeads(operatorCtx)).total).toBe(1);
    await deleteLead(ctx, leadId);
    expect(await db().lead.count({ where: { id: leadId } })).toBe(0);
    expect(await db().auditLog.count({ where: { workspaceId: workspace.id, action: "lead.deleted", targetId: leadId } })).toBe(1);
    await expectAppError(deleteLead(ctx, leadId), "not_found");
  });
});

describe("CSV export", () => {
  it("quotes per RFC 4180 and defuses formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(null)).toBe("");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+49 30 1234")).toBe("'+49 30 1234");
    expect(csvCell("-5")).toBe("'-5");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tTab")).toBe("'\tTab");
    expect(csvCell("\r=x")).toBe("\"'\r=x\"");
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("writes a BOM, the header with every custom field key, and exact cells", async () => {
    const { ctx, bot } = await setupBot({ name: "Csv Co" });
    await createLead(bot.workspaceId, bot.id, {
      name: '=HYPERLINK("http://evil","x")',
      email: "a@example.com",
      phone: "+49 30 1234",
      message: 'Er sagte "Hallo", dann\r\nging er',
      fields: { name: '=HYPERLINK("http://evil","x")', company: "ACME, Inc.", budget: "-5000" },
      createdAt: new Date("2025-03-04T05:06:07.890Z"),
    });
    await createLead(bot.workspaceId, null, { source: "offline_form", name: "Ümit", email: "u@example.com", message: "@here", fields: { topic: "Versand" }, createdAt: new Date("2025-03-05T00:00:00Z") });

    const csv = await leadsCsv(ctx);
    expect(csv).toBe(
      "\uFEFF" +
        [
          "created,source,bot,name,email,phone,message,budget,company,topic",
          "2025-03-05T00:00:00Z,offline_form,,Ümit,u@example.com,,'@here,,,Versand",
          `2025-03-04T05:06:07Z,prechat,Shop-Hilfe,"'=HYPERLINK(""http://evil"",""x"")",a@example.com,'+49 30 1234,"Er sagte ""Hallo"", dann\r\nging er",'-5000,"ACME, Inc.",`,
        ].join("\r\n") +
        "\r\n",
    );
    expect(await leadsCsv(ctx, { source: "prechat" })).not.toContain("Ümit");
  });
});
