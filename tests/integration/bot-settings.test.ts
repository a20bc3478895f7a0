import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerCredential } from "@/lib/ai/credentials";
import { createBot } from "@/lib/bots/bots";
import { getBotSettings } from "@/lib/bots/get-bot-settings";
import { runPlayground } from "@/lib/bots/run-playground";
import { updateModelSettings, updatePreChatSettings, updateWidgetSettings } from "@/lib/bots/update-bot-settings";
import { db } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/queue";
import { createSource } from "@/lib/kb/sources";
import { deleteProviderKey, listProviderKeys, saveProviderKey, testProviderKey } from "@/lib/workspaces/manage-provider-keys";
import type { TWorkspaceContext } from "@/lib/workspaces/types";
import { startFakeOpenAI, type TFakeServer } from "@/tests/fakes/openai-fake";
import { expectAppError, expectZodError } from "../helpers/errors";
import { addMember, contextFor, createOwnerWithWorkspace } from "../helpers/factories";
import { runQueuedIngestJobs } from "../helpers/ingest-jobs";
import { useTestDatabase } from "../helpers/test-database";

/**
 * A bot's answer and widget settings, the workspace's provider keys and the playground, on a
 * real PGlite database: validation, roles (operators change nothing), tenant isolation and
 * keys that never leave the database in plain text.
 */
useTestDatabase({ env: { FETCH_ALLOW_HOSTS: "127.0.0.1" } });

const OPENAI_KEY = "sk-test-0123456789abcdefWXYZ";
let fake: TFakeServer;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: OPENAI_KEY, reply: "Nach Österreich liefern wir in 3 bis 5 Werktagen [1]." });
});

afterAll(async () => {
  await fake.close();
  await stopJobQueue();
});

const MODEL = {
  provider: "openai",
  model: "gpt-4o-mini",
  temperature: 0.7,
  maxTokens: 800,
  instructions: "Antworten Sie kurz und freundlich.",
  answerInVisitorLanguage: false,
  onlyFromKnowledge: true,
  fallbackMessage: "Dazu weiß ich leider nichts.",
};

const WIDGET = {
  title: "Radladen",
  primaryColor: "#0f766e",
  position: "left",
  launcherIcon: "sparkle",
  closeBehavior: "minimise",
  defaultLocale: "en",
  texts: {
    de: { greeting: "Moin! Wie können wir helfen?", suggestions: ["Versandkosten?", "Rückgabe"] },
    en: { greeting: "Hi there!", suggestions: [] },
  },
};

const PRE_CHAT = {
  enabled: true,
  fields: [
    { key: "name", type: "text", label: { de: "Name", en: "Name" }, required: true, options: [] },
    { key: "email", type: "email", label: { de: "E-Mail", en: "Email" }, required: true, options: [] },
    { key: "thema", type: "select", label: { de: "Thema", en: "Topic" }, required: false, options: ["Versand", "Rückgabe"] },
  ],
};

const preChatField = (key: string, patch: Record<string, unknown> = {}) => ({ key, type: "text", label: { de: key, en: key }, required: false, options: [], ...patch });

async function ownerWithBot(name: string) {
  const owner = await createOwnerWithWorkspace(name);
  const bot = await createBot(owner.ctx, { name: `${name} Bot` });
  return { ...owner, bot };
}

async function roleCtx(workspace: { id: string; slug: string }, role: "admin" | "operator"): Promise<TWorkspaceContext> {
  const { user } = await addMember(workspace.id, role);
  return contextFor(user.id, workspace.slug);
}


describe("updateModelSettings", () => {
  it("saves the settings, reads them back complete and records who changed them", async () => {
    const { owner, ctx, bot } = await ownerWithBot("Model Co");
    expect((await getBotSettings(ctx, bot.id)).model).toMatchObject({ provider: "offline", temperature: 0.2, maxTokens: 600 });
    await updateModelSettings(ctx, bot.id, MODEL);
    expect((await getBotSettings(ctx, bot.id)).model).toEqual(MODEL);
    const log = await db().auditLog.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, action: "bot.model_settings_updated" } });
    expect(log).toMatchObject({ actorId: owner.id, targetId: bot.id, data: { provider: "openai", model: "gpt-4o-mini" } });
  });

  it("forgets the model for the offline provider and accepts any model name for an OpenAI-compatible server", async () => {
    const { ctx, bot } = await ownerWithBot("Offline Co");
    expect(await updateModelSettings(ctx, bot.id, { ...MODEL, provider: "offline" })).toMatchObject({ provider: "offline", model: "" });
    expect(await updateModelSettings(ctx, bot.id, { ...MODEL, provider: "openai-compatible", model: "llama3.2:3b" })).toMatchObject({ model: "llama3.2:3b" });
  });

  it.each([
    ["temperature", { temperature: 2.5 }],
    ["maxTokens", { maxTokens: 10 }],
    ["maxTokens", { maxTokens: 100.5 }],
    ["instructions", { instructions: "x".repeat(4001) }],
    ["provider", { provider: "anthropic" }],
    ["fallbackMessage", { fallbackMessage: "y".repeat(501) }],
  ])("rejects an invalid %s (%#)", async (field, patch) => {
    const { ctx, bot } = await ownerWithBot("Invalid Model Co");
    const error = await expectZodError(updateModelSettings(ctx, bot.id, { ...MODEL, ...patch }));
    expect(error.issues[0]!.path.join(".")).toBe(field);
    expect((await getBotSettings(ctx, bot.id)).model.provider).toBe("offline");
  });

  it("refuses models that cannot be priced and a missing model, naming the field", async () => {
    const { ctx, bot } = await ownerWithBot("Unpriced Co");
    for (const patch of [{ model: "gpt-9-ultra" }, { model: "gemini-2.5-flash" }, { provider: "gemini", model: "" }, { provider: "openai-compatible", model: " " }]) {
      const error = await expectAppError(updateModelSettings(ctx, bot.id, { ...MODEL, ...patch }), "validation_failed");
      expect(error.details).toEqual({ field: "model" });
    }
    expect(await updateModelSettings(ctx, bot.id, { ...MODEL, provider: "gemini", model: "models/gemini-2.5-flash" })).toMatchObject({ provider: "gemini" });
  });

  it("lets admins change settings but not operators", async () => {
    const { workspace, ctx, bot } = await ownerWithBot("Roles Co");
    const operator = await roleCtx(workspace, "operator");
    await expectAppError(updateModelSettings(operator, bot.id, MODEL), "forbidden");
    expect((await getBotSettings(ctx, bot.id)).model.provider).toBe("offline");
    const admin = await roleCtx(workspace, "admin");
    await updateModelSettings(admin, bot.id, MODEL);
    expect((await getBotSettings(ctx, bot.id)).model.provider).toBe("openai");
  });

  it("treats another workspace's bot as not found and leaves it unchanged", async () => {
    const victim = await ownerWithBot("Victim Co");
    const attacker = await createOwnerWithWorkspace("Attacker Co");
    await expectAppError(updateModelSettings(attacker.ctx, victim.bot.id, MODEL), "not_found");
    await expectAppError(updateWidgetSettings(attacker.ctx, victim.bot.id, WIDGET), "not_found");
    await expectAppError(updatePreChatSettings(attacker.ctx, victim.bot.id, PRE_CHAT), "not_found");
    await expectAppError(getBotSettings(attacker.ctx, victim.bot.id), "not_found");
    const settings = await getBotSettings(victim.ctx, victim.bot.id);
    expect(settings.model.provider).toBe("offline");
    expect(settings.widget.primaryColor).toBe("#2563eb");
    expect(settings.widget.preChat).toEqual({ enabled: false, fields: [] });
  });
});

describe("updateWidgetSettings", () => {
  it("saves the design and texts and keeps text overrides the form does not edit", async () => {
    const { ctx, bot } = await ownerWithBot("Widget Co");
    await db().bot.update({ where: { id: bot.id }, data: { widgetSettings: { texts: { de: { overrides: { "composer.placeholder": "Ihre Frage …" } }, en: {} } } } });
    await updateWidgetSettings(ctx, bot.id, WIDGET);
    const { widget } = await getBotSettings(ctx, bot.id);
    expect(widget).toMatchObject({ title: "Radladen", primaryColor: "#0f766e", position: "left", launcherIcon: "sparkle", closeBehavior: "minimise", defaultLocale: "en" });
    expect(widget.texts.de).toEqual({ greeting: "Moin! Wie können wir helfen?", suggestions: ["Versandkosten?", "Rückgabe"], overrides: { "composer.placeholder": "Ihre Frage …" } });
    expect(widget.texts.en).toMatchObject({ greeting: "Hi there!", suggestions: [] });
  });

  it.each([
    ["primaryColor", { primaryColor: "red" }],
    ["primaryColor", { primaryColor: "#12345" }],
    ["position", { position: "top" }],
    ["launcherIcon", { launcherIcon: "rocket" }],
    ["closeBehavior", { closeBehavior: "hide" }],
    ["title", { title: "t".repeat(61) }],
    ["texts.de.suggestions", { texts: { de: { suggestions: ["1", "2", "3", "4", "5", "6", "7"] }, en: {} } }],
    ["texts.de.suggestions.1", { texts: { de: { suggestions: ["ok", "  "] }, en: {} } }],
    ["texts.en.greeting", { texts: { de: {}, en: { greeting: "g".repeat(501) } } }],
  ])("rejects an invalid %s (%#)", async (field, patch) => {
    const { ctx, bot } = await ownerWithBot("Invalid Widget Co");
    const error = await expectZodError(updateWidgetSettings(ctx, bot.id, { ...WIDGET, ...patch }));
    expect(error.issues[0]!.path.join(".")).toBe(field);
    expect((await getBotSettings(ctx, bot.id)).widget.primaryColor).toBe("#2563eb");
  });

  it("keeps an existing pre-chat form when the design is saved, even if the input carries another one", async () => {
    const { ctx, bot } = await ownerWithBot("Design Keeps Form Co");
    await updatePreChatSettings(ctx, bot.id, PRE_CHAT);
    const saved = await updateWidgetSettings(ctx, bot.id, WIDGET);
    expect(saved.preChat).toEqual(PRE_CHAT);
    await updateWidgetSettings(ctx, bot.id, { ...WIDGET, primaryColor: "#111111", preChat: { enabled: false, fields: [] } });
    const { widget } = await getBotSettings(ctx, bot.id);
    expect(widget.primaryColor).toBe("#111111");
    expect(widget.preChat).toEqual(PRE_CHAT);
  });

  it("refuses operators", async () => {
    const { workspace, ctx, bot } = await ownerWithBot("Widget Roles Co");
    await expectAppError(updateWidgetSettings(await roleCtx(workspace, "operator"), bot.id, WIDGET), "forbidden");
    expect((await getBotSettings(ctx, bot.id)).widget.title).toBeUndefined();
  });
});

describe("updatePreChatSettings", () => {
  it("saves the form, reads it back with defaults, keeps the design and records the change", async () => {
    const { owner, ctx, bot } = await ownerWithBot("Pre-chat Co");
    await updateWidgetSettings(ctx, bot.id, WIDGET);
    const minimal = { enabled: true, fields: [{ key: "firma", type: "text", label: { de: " Firma ", en: "Company" } }] };
    expect(await updatePreChatSettings(ctx, bot.id, minimal)).toEqual({
      enabled: true,
      fields: [{ key: "firma", type: "text", label: { de: "Firma", en: "Company" }, required: false, options: [] }],
    });
    await updatePreChatSettings(ctx, bot.id, PRE_CHAT);
    const { widget } = await getBotSettings(ctx, bot.id);
    expect(widget.preChat).toEqual(PRE_CHAT);
    expect(widget).toMatchObject({ title: "Radladen", primaryColor: "#0f766e", texts: { de: { greeting: "Moin! Wie können wir helfen?" } } });
    const log = await db().auditLog.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, action: "bot.pre_chat_updated" }, orderBy: { createdAt: "desc" } });
    expect(log).toMatchObject({ actorId: owner.id, targetId: bot.id, data: { enabled: true, fields: "name,email,thema" } });

    await updatePreChatSettings(ctx, bot.id, { enabled: false, fields: PRE_CHAT.fields });
    expect((await getBotSettings(ctx, bot.id)).widget.preChat).toEqual({ enabled: false, fields: PRE_CHAT.fields });
  });

  it.each([
    ["duplicate keys", { enabled: true, fields: [preChatField("name"), preChatField("name")] }, ""],
    ["a select without options", { enabled: true, fields: [preChatField("thema", { type: "select" })] }, ""],
    ["more than ten fields", { enabled: true, fields: Array.from({ length: 11 }, (_, i) => preChatField(`feld_${i}`)) }, "fields"],
    ["a key with capitals", { enabled: true, fields: [preChatField("Name")] }, "fields.0.key"],
    ["a key starting with a digit", { enabled: true, fields: [preChatField("1name")] }, "fields.0.key"],
    ["an empty English label", { enabled: true, fields: [preChatField("name", { label: { de: "Name", en: "  " } })] }, "fields.0.label.en"],
    ["an unknown type", { enabled: true, fields: [preChatField("datum", { type: "date" })] }, "fields.0.type"],
    ["an empty option", { enabled: true, fields: [preChatField("thema", { type: "select", options: ["Versand", " "] })] }, "fields.0.options.1"],
  ])("rejects %s", async (_, preChat, path) => {
    const { ctx, bot } = await ownerWithBot("Invalid Pre-chat Co");
    await updatePreChatSettings(ctx, bot.id, PRE_CHAT);
    const error = await expectZodError(updatePreChatSettings(ctx, bot.id, preChat));
    expect(error.issues.map((i) => i.path.join("."))).toContain(path);
    expect((await getBotSettings(ctx, bot.id)).widget.preChat).toEqual(PRE_CHAT);
  });

  it("accepts exactly ten fields and refuses a department field without departments, naming the field", async () => {
    const { ctx, bot } = await ownerWithBot("Limits Pre-chat Co");
    const ten = Array.from({ length: 10 }, (_, i) => preChatField(`feld_${i}`));
    expect((await updatePreChatSettings(ctx, bot.id, { enabled: true, fields: ten })).fields).toHaveLength(10);
    const error = await expectAppError(updatePreChatSettings(ctx, bot.id, { enabled: true, fields: [preChatField("name"), preChatField("abteilung", { type: "department" })] }), "validation_failed");
    expect(error.details).toEqual({ field: "fields.1.options" });
    await updatePreChatSettings(ctx, bot.id, { enabled: true, fields: [preChatField("abteilung", { type: "department", options: ["Vertrieb", "Technik"] })] });
    expect((await getBotSettings(ctx, bot.id)).widget.preChat.fields[0]).toMatchObject({ type: "department", options: ["Vertrieb", "Technik"] });
  });

  it("lets admins change the form but not operators", async () => {
    const { workspace, ctx, bot } = await ownerWithBot("Pre-chat Roles Co");
    await expectAppError(updatePreChatSettings(await roleCtx(workspace, "operator"), bot.id, PRE_CHAT), "forbidden");
    expect((await getBotSettings(ctx, bot.id)).widget.preChat.enabled).toBe(false);
    await updatePreChatSettings(await roleCtx(workspace, "admin"), bot.id, PRE_CHAT);
    expect((await getBotSettings(ctx, bot.id)).widget.preChat).toEqual(PRE_CHAT);
  });
});

describe("provider keys", () => {
  it("stores keys encrypted with only a hint, and never returns them", async () => {
    const { ctx } = await createOwnerWithWorkspace("Keys Co");
    const saved = await saveProviderKey(ctx, { provider: "openai", apiKey: `  ${OPENAI_KEY} ` });
    expect(saved).toMatchObject({ provider: "openai", hasKey: true, keyHint: "WXYZ", baseUrl: null });

    const rows = await db().$queryRaw<Record<string, unknown>[]>`SELECT * FROM provider_credentials WHERE workspace_id = ${ctx.workspaceId}`;
    expect(rows).toHaveLength(1);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(OPENAI_KEY);
    expect(dump).not.toContain(OPENAI_KEY.slice(3, -4));
    expect(rows[0]).toMatchObject({ key_hint: "WXYZ" });
    expect(String(rows[0]!.encrypted_key)).toMatch(/^v1:/);
    expect(JSON.stringify(await listProviderKeys(ctx))).not.toContain(OPENAI_KEY);
    const log = await db().auditLog.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, action: "provider_key.saved" } });
    expect(JSON.stringify(log.data)).not.toContain(OPENAI_KEY);
    expect((await providerCredential(ctx.workspaceId, "openai"))?.apiKey).toBe(OPENAI_KEY);

    await saveProviderKey(ctx, { provider: "openai", apiKey: "sk-replaced-key-9876" });
    expect((await listProviderKeys(ctx)).map((k) => k.keyHint)).toEqual(["9876"]);
    await deleteProviderKey(ctx, "openai");
    expect(await listProviderKeys(ctx)).toEqual([]);
  });

  it.each([
    ["apiKey", { provider: "openai", apiKey: "" }],
    ["apiKey", { provider: "gemini", apiKey: "short" }],
    ["apiKey", { provider: "openai", apiKey: "sk-with a space" }],
    ["baseUrl", { provider: "openai-compatible", baseUrl: "ftp://models.example.com/v1" }],
    ["baseUrl", { provider: "openai-compatible", baseUrl: "not a url" }],
    ["baseUrl", { provider: "openai-compatible", baseUrl: "https://user:secret@models.example.com/v1" }],
    ["provider", { provider: "mistral", apiKey: "sk-0123456789" }],
  ])("rejects an invalid %s (%#)", async (field, input) => {
    const { ctx } = await createOwnerWithWorkspace("Bad Keys Co");
    const error = await expectZodError(saveProviderKey(ctx, input));
    expect(error.issues[0]!.path.join(".")).toBe(field);
    expect(await listProviderKeys(ctx)).toEqual([]);
  });

  it("refuses internal endpoints unless the operator allows the host", async () => {
    const { ctx } = await createOwnerWithWorkspace("Endpoint Co");
    for (const baseUrl of ["http://10.0.0.5:11434/v1", "http://[::1]:11434/v1", "http://169.254.169.254/latest", "http://localhost:11434/v1"]) {
      const error = await expectAppError(saveProviderKey(ctx, { provider: "openai-compatible", baseUrl }), "validation_failed");
      expect(error.details).toMatchObject({ field: "baseUrl" });
      expect(error.message).toContain("FETCH_ALLOW_HOSTS");
    }
    // 127.0.0.1 is in this file's FETCH_ALLOW_HOSTS; a key is optional for such servers.
    const saved = await saveProviderKey(ctx, { provider: "openai-compatible", baseUrl: `${fake.url}/`, apiKey: "" });
    expect(saved).toMatchObject({ hasKey: false, keyHint: null, baseUrl: fake.url });
  });

  it("is for owners and admins only, and per workspace", async () => {
    const a = await createOwnerWithWorkspace("Keys A");
    const b = await createOwnerWithWorkspace("Keys B");
    await saveProviderKey(a.ctx, { provider: "gemini", apiKey: "AIza-secret-gemini-key-1234" });
    const operator = await roleCtx(a.workspace, "operator");
    await expectAppError(listProviderKeys(operator), "forbidden");
    await expectAppError(saveProviderKey(operator, { provider: "gemini", apiKey: "AIza-operator-key-0000" }), "forbidden");
    await expectAppError(deleteProviderKey(operator, "gemini"), "forbidden");
    await expectAppError(testProviderKey(operator, { provider: "gemini" }), "forbidden");
    const admin = await roleCtx(a.workspace, "admin");
    expect((await listProviderKeys(admin)).map((k) => k.keyHint)).toEqual(["1234"]);

    expect(await listProviderKeys(b.ctx)).toEqual([]);
    await deleteProviderKey(b.ctx, "gemini");
    expect(await testProviderKey(b.ctx, { provider: "gemini" })).toMatchObject({ ok: false, kind: "not_configured" });
    expect((await listProviderKeys(a.ctx)).map((k) => k.provider)).toEqual(["gemini"]);
  });

  it("tests the connection with the saved key and reports failures readably, without the key", async () => {
    const { ctx } = await createOwnerWithWorkspace("Connection Co");
    await expectAppError(testProviderKey(ctx, { provider: "openai-compatible" }), "validation_failed");
    await saveProviderKey(ctx, { provider: "openai-compatible", baseUrl: fake.url, apiKey: OPENAI_KEY });
    fake.reset();
    const ok = await testProviderKey(ctx, { provider: "openai-compatible", model: "llama3.2" });
    expect(ok).toMatchObject({ ok: true, model: "llama3.2" });
    expect(fake.requests.at(-1)).toMatchObject({ path: "/v1/chat/completions", body: { model: "llama3.2" } });

    await saveProviderKey(ctx, { provider: "openai-compatible", baseUrl: fake.url, apiKey: "sk-wrong-key-000000" });
    const failed = await testProviderKey(ctx, { provider: "openai-compatible", model: "llama3.2" });
    expect(failed).toMatchObject({ ok: false, kind: "auth" });
    expect(JSON.stringify(failed)).not.toContain("sk-wrong-key-000000");
  });
});

describe("runPlayground", () => {
  const PAIRS = [
    { question: "Wie lange dauert der Versand nach Österreich?", answer: "Lieferungen nach Österreich sind in 3 bis 5 Werktagen bei Ihnen. Die Versandkosten betragen 9 Euro." },
    { question: "Kann ich mein Fahrrad zurückgeben?", answer: "Unbenutzte Räder nehmen wir innerhalb von 30 Tagen zurück." },
  ];

  async function botWithKnowledge(name: string) {
    const owner = await ownerWithBot(name);
    await createSource(owner.ctx, owner.bot.id, { type: "qa", pairs: PAIRS });
    await runQueuedIngestJobs();
    return owner;
  }

  it("answers offline from the knowledge with citations, passages and a playground usage record", async () => {
    const { ctx, bot } = await botWithKnowledge("Playground Co");
    const result = await runPlayground(ctx, bot.id, { question: "Wie lange dauert der Versand nach Österreich?" });
    expect(result.text).toContain("3 bis 5 Werktagen");
    expect(result.citations.length).toBeGreaterThan(0);
    expect(result.chunks[0]).toMatchObject({ title: expect.stringContaining("Österreich") });
    expect(result.chunks[0]!.score).toBeGreaterThan(0);
    expect(result).toMatchObject({ fellBack: false, configuredProvider: "offline", usage: { provider: "offline", costMillicents: 0 } });
    const usage = await db().usageRecord.findMany({ where: { workspaceId: ctx.workspaceId } });
    expect(usage).toEqual([expect.objectContaining({ kind: "playground", botId: bot.id, conversationId: null, provider: "offline" })]);
  });

  it("uses the configured provider with the workspace's key, and says when it fell back to offline", async () => {
    const { ctx, bot } = await botWithKnowledge("Provider Playground Co");
    await updateModelSettings(ctx, bot.id, { ...MODEL, provider: "openai" });
    const fallback = await runPlayground(ctx, bot.id, { question: "Versand nach Österreich?" });
    expect(fallback).toMatchObject({ fellBack: true, configuredProvider: "openai", usage: { provider: "offline" } });

    await saveProviderKey(ctx, { provider: "openai-compatible", baseUrl: fake.url, apiKey: OPENAI_KEY });
    await updateModelSettings(ctx, bot.id, { ...MODEL, provider: "openai-compatible", model: "llama3.2" });
    const answer = await runPlayground(ctx, bot.id, { question: "Wie lange dauert der Versand nach Österreich?" });
    expect(answer).toMatchObject({ fellBack: false, usage: { provider: "openai-compatible", model: "llama3.2" } });
    expect(answer.text).toContain("3 bis 5 Werktagen [1]");
    expect(answer.citations).toHaveLength(1);
    expect(answer.usage.inputTokens).toBeGreaterThan(0);
    const records = await db().usageRecord.findMany({ where: { workspaceId: ctx.workspaceId, kind: "playground" }, orderBy: { createdAt: "asc" } });
    expect(records.map((r) => r.provider)).toEqual(["offline", "openai-compatible"]);
  });

  it("validates the question, refuses operators and other workspaces' bots", async () => {
    const { workspace, ctx, bot } = await ownerWithBot("Playground Guard Co");
    await expectZodError(runPlayground(ctx, bot.id, { question: "   " }));
    await expectZodError(runPlayground(ctx, bot.id, { question: "x".repeat(1001) }));
    await expectAppError(runPlayground(await roleCtx(workspace, "operator"), bot.id, { question: "Hallo?" }), "forbidden");
    const other = await createOwnerWithWorkspace("Playground Intruder");
    await expectAppError(runPlayground(other.ctx, bot.id, { question: "Hallo?" }), "not_found");
    expect(await db().usageRecord.count({ where: { botId: bot.id } })).toBe(0);
  });
});
