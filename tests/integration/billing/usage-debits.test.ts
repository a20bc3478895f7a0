import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { costMillicents } from "@/lib/ai/answer/pricing";
import { adjustCredits } from "@/lib/billing/adjust-credits";
import { getBalance } from "@/lib/billing/get-balance";
import { reconcileLedger } from "@/lib/billing/reconcile-ledger";
import { createBot } from "@/lib/bots/bots";
import { runPlayground } from "@/lib/bots/run-playground";
import { saveProviderCredential } from "@/lib/ai/credentials";
import { setRuntimeEnv } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import type { TWorkspaceContext } from "@/lib/workspaces/types";
import { startFakeOpenAI, type TFakeServer } from "../../fakes/openai-fake";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { mailsTo } from "../../helpers/outbox";
import { TEST_ENV, useTestDatabase } from "../../helpers/test-database";

/**
 * AI answers debit the balance atomically with their usage record: the platform's key is
 * billed at the model's price plus markup, the workspace's own key only the own-key fee, the
 * offline provider its configured price. A balance that cannot pay gets a free offline answer
 * and one email, and no debit ever takes the balance below zero.
 */
const database = useTestDatabase();
const EXHAUSTED = /no longer covers AI answers|reicht nicht mehr für KI-Antworten/;
let fake: TFakeServer;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: "sk-platform" });
});
afterAll(async () => {
  await fake?.close();
});

function configure(extra: Record<string, string> = {}) {
  setRuntimeEnv({
    ...TEST_ENV,
    DATA_DIR: database.dataDir,
    PLATFORM_OPENAI_API_KEY: "sk-platform",
    PLATFORM_OPENAI_BASE_URL: fake.url,
    BILLING_MARKUP_PERCENT: "20",
    BILLING_OFFLINE_ANSWER_MILLICENTS: "0",
    BILLING_OWN_KEY_FEE_MILLICENTS: "0",
    ...extra,
  });
}

async function workspaceWithBot(provider: "openai" | "offline", balanceCents: number): Promise<{ ctx: TWorkspaceContext; botId: string; email: string }> {
  const { ctx, owner } = await createOwnerWithWorkspace(`Billing ${Math.random().toString(36).slice(2, 8)}`);
  const bot = await createBot(ctx, { name: "Hilfe" });
  await db().bot.update({
    where: { id: bot.id },
    data: { modelSettings: provider === "openai" ? { provider: "openai", model: "gpt-4o-mini", maxTokens: 400, onlyFromKnowledge: false } : {} },
  });
  if (balanceCents > 0) await adjustCredits({ workspaceId: ctx.workspaceId, actorId: null }, { amountCents: balanceCents, reason: "test credit" });
  return { ctx, botId: bot.id, email: owner.email };
}

async function usageEntries(workspaceId: string) {
  return db().ledgerEntry.findMany({ where: { workspaceId, kind: "usage" }, orderBy: { createdAt: "asc" } });
}

describe("usage debits", () => {
  beforeEach(() => configure());

  it("charges platform-key answers at the model price plus markup, exactly across many answers", async () => {
    const { ctx, botId } = await workspaceWithBot("openai", 500);
    const runs = 12;
    for (let i = 0; i < runs; i++) fake.script({ type: "text", text: `Antwort ${i}`, usage: { input: 12_000 + i * 1000, output: 300 } });
    for (let i = 0; i < runs; i++) {
      const result = await runPlayground(ctx, botId, { question: `Frage ${i}?` });
      expect(result.usage.provider).toBe("openai");
      expect(result.usage.billing).toBe("platform");
    }
    const records = await db().usageRecord.findMany({ where: { workspaceId: ctx.workspaceId } });
    expect(records).toHaveLength(runs);
    for (const r of records) {
      expect(r.billing).toBe("platform");
      expect(r.chargeMillicents).toBe(costMillicents({ provider: "openai", model: "gpt-4o-mini", inputTokens: r.inputTokens, outputTokens: r.outputTokens, markupPercent: 20 }));
      expect(r.chargeMillicents).toBeGreaterThan(r.costMillicents);
    }
    const charged = records.reduce((n, r) => n + r.chargeMillicents, 0);
    const entries = await usageEntries(ctx.workspaceId);
    const debited = entries.reduce((n, e) => n + e.amountCents, 0);
    const profile = await db().billingProfile.findUniqueOrThrow({ where: { workspaceId: ctx.workspaceId } });
    // Whole cents debited plus the carried remainder is exactly what was charged.
    expect(debited * 1000 + profile.usageRemainderMillicents).toBe(charged);
    expect(profile.usageRemainderMillicents).toBeGreaterThanOrEqual(0);
    expect(profile.usageRemainderMillicents).toBeLessThan(1000);
    expect((await getBalance(ctx.workspaceId)).balanceCents).toBe(500 - debited);
    expect((await getBalance(ctx.workspaceId)).heldCents).toBe(0);
    expect(await db().ledgerHold.count({ where: { workspaceId: ctx.workspaceId } })).toBe(0);
  });

  it("answers offline for free when the balance cannot cover the worst case, and emails the owner once", async () => {
    const { ctx, botId, email } = await workspaceWithBot("openai", 0);
    const before = fake.requests.length;
    const first = await runPlayground(ctx, botId, { question: "Wie lange dauert der Versand?" });
    const second = await runPlayground(ctx, botId, { question: "Und die Rückgabe?" });
    expect(fake.requests.length).toBe(before);
    for (const r of [first, second]) {
      expect(r.usage.provider).toBe("offline");
      expect(r.usage.billing).toBe("unpaid");
      expect(r.fellBack).toBe(true);
    }
    expect(await usageEntries(ctx.workspaceId)).toHaveLength(0);
    await expect.poll(async () => (await mailsTo(email)).filter((m) => EXHAUSTED.test(m.subject)).length).toBe(1);
    // A credit (here an admin's) re-arms the notice; running dry again emails again.
    await adjustCredits({ workspaceId: ctx.workspaceId, actorId: null }, { amountCents: 1, reason: "tiny top-up" });
    await runPlayground(ctx, botId, { question: "Noch eine Frage?" });
    await expect.poll(async () => (await mailsTo(email)).filter((m) => EXHAUSTED.test(m.subject)).length).toBe(2);
  });

  it("bills the workspace's own key only the own-key fee", async () => {
    configure({ BILLING_OWN_KEY_FEE_MILLICENTS: "2500" });
    const { ctx, botId } = await workspaceWithBot("openai", 100);
    await saveProviderCredential(ctx.workspaceId, "openai", { apiKey: "sk-platform", baseUrl: fake.url });
    fake.script({ type: "text", text: "Eigene Antwort", usage: { input: 50_000, output: 1000 } });
    const result = await runPlayground(ctx, botId, { question: "Eigener Schlüssel?" });
    expect(result.usage.billing).toBe("own_key");
    const [record] = await db().usageRecord.findMany({ where: { workspaceId: ctx.workspaceId } });
    expect(record!.chargeMillicents).toBe(2500);
    expect(record!.costMillicents).toBeGreaterThan(0);
    const entries = await usageEntries(ctx.workspaceId);
    expect(entries.map((e) => e.amountCents)).toEqual([2]);
    expect((await getBalance(ctx.workspaceId)).balanceCents).toBe(98);
  });

  it("never takes the balance below zero with priced offline answers running at once", async () => {
    configure({ BILLING_OFFLINE_ANSWER_MILLICENTS: "3000" });
    const { ctx, botId } = await workspaceWithBot("offline", 20);
    // Each answer holds ceil(3000/1000) + 1 = 4 cents and costs 3: at most 5 can be reserved at once.
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => runPlayground(ctx, botId, { question: `Frage ${i}?` })));
    const billings = results.map((r) => r.usage.billing);
    expect(billings.filter((b) => b === "offline").length).toBeGreaterThan(0);
    expect(billings.filter((b) => b === "unpaid").length).toBeGreaterThan(0);
    const balance = await getBalance(ctx.workspaceId);
    expect(balance.balanceCents).toBeGreaterThanOrEqual(0);
    expect(balance.heldCents).toBe(0);
    const paid = billings.filter((b) => b === "offline").length;
    expect(balance.balanceCents).toBe(20 - paid * 3);
    const records = await db().usageRecord.findMany({ where: { workspaceId: ctx.workspaceId } });
    expect(records.filter((r) => r.billing === "unpaid").every((r) => r.chargeMillicents === 0)).toBe(true);
    expect(records.every((r) => r.shortfallMillicents === 0)).toBe(true);
    const report = await reconcileLedger();
    expect(report.differences).toEqual([]);
    expect(report.balanced).toBe(true);
  });

  it("releases the hold when the provider fails before its first word and charges nothing for the platform call", async () => {
    const { ctx, botId } = await workspaceWithBot("openai", 300);
    fake.script({ type: "error", status: 500 }, { type: "error", status: 500 }, { type: "error", status: 500 });
    const result = await runPlayground(ctx, botId, { question: "Geht das schief?" });
    expect(result.usage.provider).toBe("offline");
    expect(result.usage.billing).toBe("offline");
    const balance = await getBalance(ctx.workspaceId);
    expect(balance).toMatchObject({ balanceCents: 300, heldCents: 0 });
    expect(await usageEntries(ctx.workspaceId)).toHaveLength(0);
  });
});
