import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveProviderCredential } from "@/lib/ai/credentials";
import { createBot } from "@/lib/bots/bots";
import { updateBotEmbedding } from "@/lib/bots/update-embedding";
import { db } from "@/lib/db/client";
import { stopJobQueue } from "@/lib/jobs/queue";
import { searchBot } from "@/lib/kb/search";
import { createSource, getSource } from "@/lib/kb/sources";
import { startFakeOpenAI, type TFakeServer } from "../../fakes/openai-fake";
import { expectAppError } from "../../helpers/errors";
import { contextFor, createOwnerWithWorkspace } from "../../helpers/factories";
import { runQueuedIngestJobs } from "../../helpers/ingest-jobs";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * A bot's embedding model is stored on the bot; ingestion and search use it (here OpenAI's
 * wire format from a local fake, through the real SDK), and changing it re-embeds every
 * source in the background.
 */
useTestDatabase();

let fake: TFakeServer;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: "sk-embed" });
});

afterAll(async () => {
  await fake.close();
  await stopJobQueue();
});


describe("embedding providers per bot", () => {
  it("re-embeds with OpenAI after a model change and searches with the same model", async () => {
    const { ctx } = await createOwnerWithWorkspace("Embed Shop");
    const bot = await createBot(ctx, { name: "Embed-Hilfe" });
    const source = await createSource(ctx, bot.id, { type: "text", title: "Versand", content: "Versand\n\nWir liefern in zwei Werktagen nach Österreich." });
    await runQueuedIngestJobs();
    expect((await db().chunk.findFirst({ where: { sourceId: source.id } }))?.embeddingDims).toBe(384);

    // No key yet: refused with a readable reason, nothing changes.
    await expectAppError(updateBotEmbedding(ctx, bot.id, { provider: "openai", model: "text-embedding-3-small", dimensions: 768 }), "validation_failed");
    await saveProviderCredential(ctx.workspaceId, "openai", { apiKey: "sk-embed", baseUrl: fake.url });
    await expectAppError(updateBotEmbedding(ctx, bot.id, { provider: "openai", model: "text-embedding-3-small", dimensions: 500 }), "validation_failed");

    const before = fake.requests.filter((r) => r.path.endsWith("/embeddings")).length;
    expect(await updateBotEmbedding(ctx, bot.id, { provider: "openai", model: "text-embedding-3-small", dimensions: 768 })).toEqual({ requeued: 1 });
    expect((await getSource(ctx, bot.id, source.id)).status).toBe("queued");
    await runQueuedIngestJobs();
    expect((await getSource(ctx, bot.id, source.id)).status).toBe("ready");
    const chunks = await db().chunk.findMany({ where: { sourceId: source.id }, select: { embeddingDims: true } });
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((c) => c.embeddingDims === 768)).toBe(true);
    const embedCalls = fake.requests.filter((r) => r.path.endsWith("/embeddings"));
    expect(embedCalls.length).toBeGreaterThan(before);
    expect((embedCalls.at(-1)!.body as { model: string; dimensions: number })).toMatchObject({ model: "text-embedding-3-small", dimensions: 768 });

    const hits = await searchBot(ctx, bot.id, { query: "Wie lange dauert der Versand nach Österreich?" }, { mode: "vector" });
    expect(hits[0]?.text).toContain("zwei Werktagen");
    expect(fake.requests.filter((r) => r.path.endsWith("/embeddings")).length).toBe(embedCalls.length + 1);
  });

  it("degrades to full-text when the key disappears, and only admins change the model", async () => {
    const { ctx, workspace, owner } = await createOwnerWithWorkspace("Keyless Shop");
    const bot = await createBot(ctx, { name: "Keyless" });
    await createSource(ctx, bot.id, { type: "text", title: "Rückgabe", content: "Rückgabe\n\nRäder nehmen wir 30 Tage lang zurück." });
    await runQueuedIngestJobs();
    await db().bot.update({ where: { id: bot.id }, data: { embeddingProvider: "gemini", embeddingModel: "gemini-embedding-001", embeddingDimensions: 768 } });
    const hits = await searchBot(ctx, bot.id, { query: "Rückgabe 30 Tage" });
    expect(hits[0]?.text).toContain("30 Tage");
    const operatorCtx = { ...(await contextFor(owner.id, workspace.slug)), role: "operator" as const };
    await expectAppError(updateBotEmbedding(operatorCtx, bot.id, { provider: "offline", model: "chatwerk-hash-v1", dimensions: 384 }), "forbidden");
  });
});
