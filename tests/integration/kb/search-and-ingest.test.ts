import { afterAll, describe, expect, it } from "vitest";
import { createBot, deleteBot, listBots } from "@/lib/bots/bots";
import { db } from "@/lib/db/client";
import { jobQueue, QUEUES, stopJobQueue, type TIngestJob } from "@/lib/jobs/queue";
import { ingestSource } from "@/lib/kb/ingest-source";
import { requeueStuckSources } from "@/lib/kb/schedule-recrawls";
import { searchBot } from "@/lib/kb/search";
import { createFileSource, createSource, deleteSource, getSource, listSources, MAX_UPLOAD_BYTES } from "@/lib/kb/sources";
import { expectAppError } from "../../helpers/errors";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { runQueuedIngestJobs } from "../../helpers/ingest-jobs";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * Knowledge base on a real PGlite database: sources are queued as durable jobs, indexed
 * into chunks with vectors and full-text, and found by hybrid search — never across
 * workspaces or bots.
 */
useTestDatabase();

afterAll(async () => {
  await stopJobQueue();
});

const RETURNS = `Rücksendungen

Sie können jedes Rad innerhalb von 14 Tagen nach der Lieferung zurückgeben, solange es unbenutzt ist.
Das Rücksende-Etikett erstellen Sie selbst im Kundenkonto unter „Bestellungen“.

Reparaturen

Defekte melden Sie in der App. Ein Techniker kommt innerhalb von 48 Stunden zu Ihnen.`;


describe("bots", () => {
  it("creates bots within the plan limit with a public widget id", async () => {
    const { ctx } = await createOwnerWithWorkspace("Bot Limits");
    const bot = await createBot(ctx, { name: "Hilfe", languages: ["de", "en"] });
    expect(bot.publicId).toMatch(/^bot_[A-Za-z0-9_-]{16}$/);
    await expectAppError(createBot(ctx, { name: "Zweiter" }), "conflict");
    expect(await listBots(ctx)).toHaveLength(1);
    await expect(createBot(ctx, { name: "" })).rejects.toThrow();
  });
});

describe("sources, ingestion and search", () => {
  it("queues a text source, indexes it and finds the right passage", async () => {
    const { ctx } = await createOwnerWithWorkspace("Velo Shop");
    const bot = await createBot(ctx, { name: "Velo Hilfe" });
    const source = await createSource(ctx, bot.id, { type: "text", title: "Hilfe", content: RETURNS });
    expect(source.status).toBe("queued");
    await runQueuedIngestJobs();
    const ready = await getSource(ctx, bot.id, source.id);
    expect(ready).toMatchObject({ status: "ready", documentCount: 1 });
    expect(ready.chunkCount).toBeGreaterThanOrEqual(1);

    const results = await searchBot(ctx, bot.id, { query: "Wie lange kann ich ein Fahrrad zurückschicken?", k: 3 });
    expect(results[0]!.text).toContain("14 Tagen");
    expect(results[0]).toMatchObject({ sourceId: source.id });
    const repair = await searchBot(ctx, bot.id, { query: "Techniker Reparatur", k: 3 });
    expect(repair[0]!.text).toContain("48 Stunden");
  });

  it("indexes Q&A pairs one chunk per pair and re-indexes only what changed", async () => {
    const { ctx } = await createOwnerWithWorkspace("QA Shop");
    const bot = await createBot(ctx, { name: "QA" });
    const source = await createSource(ctx, bot.id, {
      type: "qa",
      pairs: [
        { question: "Do you ship to Austria?", answer: "Yes, delivery to Austria takes 3 to 5 working days." },
        { question: "Can I pay by invoice?", answer: "Business customers can pay by invoice within 30 days." },
      ],
    });
    await runQueuedIngestJobs();
    expect(await getSource(ctx, bot.id, source.id)).toMatchObject({ status: "ready", documentCount: 2, chunkCount: 2 });
    const found = await searchBot(ctx, bot.id, { query: "shipping to austria", k: 1 });
    expect(found[0]!.text).toContain("Austria");

    const firstIds = await db().document.findMany({ where: { sourceId: source.id }, orderBy: { key: "asc" }, select: { id: true, updatedAt: true } });
    const again = await ingestSource({ workspaceId: ctx.workspaceId, sourceId: source.id });
    expect(again).toMatchObject({ documentCount: 2, chunkCount: 2, failed: 0 });
    const secondIds = await db().document.findMany({ where: { sourceId: source.id }, orderBy: { key: "asc" }, select: { id: true, updatedAt: true } });
    expect(secondIds).toEqual(firstIds);
  });

  it("never returns another workspace's or another bot's chunks", async () => {
    const a = await createOwnerWithWorkspace("Tenant A");
    const b = await createOwnerWithWorkspace("Tenant B");
    const botA = await createBot(a.ctx, { name: "A" });
    const botB = await createBot(b.ctx, { name: "B" });
    await createSource(a.ctx, botA.id, { type: "text", title: "A", content: "Das geheime Passwort für das Lager lautet Pelikan." });
    await createSource(b.ctx, botB.id, { type: "text", title: "B", content: "Unser Lager öffnet um acht Uhr." });
    await runQueuedIngestJobs();

    const fromB = await searchBot(b.ctx, botB.id, { query: "geheime Passwort Lager Pelikan", k: 10 });
    expect(fromB.map((r) => r.text).join(" ")).not.toContain("Pelikan");
    expect(fromB.length).toBeGreaterThan(0);
    for (const mode of ["fulltext", "vector"] as const) {
      const results = await searchBot(b.ctx, botB.id, { query: "Pelikan", k: 10 }, { mode });
      expect(results.every((r) => !r.text.includes("Pelikan")), mode).toBe(true);
    }
    // B cannot even address A's bot or sources.
    await expectAppError(searchBot(b.ctx, botA.id, { query: "Pelikan" }), "not_found");
    await expectAppError(listSources(b.ctx, botA.id), "not_found");
    await expectAppError(deleteBot(b.ctx, botA.id), "not_found");
  });

  it("rejects bad input with clear errors", async () => {
    const { ctx } = await createOwnerWithWorkspace("Bad Input");
    const bot = await createBot(ctx, { name: "X" });
    await expect(searchBot(ctx, bot.id, { query: "x".repeat(1001) })).rejects.toThrow(/1,000/);
    await expect(createSource(ctx, bot.id, { type: "qa", pairs: [] })).rejects.toThrow(/at least one/);
    await expect(createSource(ctx, bot.id, { type: "url", url: "ftp://example.com/" })).rejects.toThrow(/http/);
    await expectAppError(createSource(ctx, bot.id, { type: "file" }), "bad_request");
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]);
    await expectAppError(createFileSource(ctx, bot.id, { filename: "handbuch.pdf", contentType: "application/pdf", bytes: exe }), "unsupported_media_type");
    await expectAppError(createFileSource(ctx, bot.id, { filename: "tabelle.xlsx", contentType: "application/vnd.ms-excel", bytes: exe }), "unsupported_media_type");
    const huge = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    await expectAppError(createFileSource(ctx, bot.id, { filename: "gross.txt", contentType: "text/plain", bytes: huge }), "payload_too_large");
    expect(await db().dataSource.count({ where: { botId: bot.id } })).toBe(0);
  });

  it("deleting a source removes its documents, chunks and vectors", async () => {
    const { ctx } = await createOwnerWithWorkspace("Delete Me");
    const bot = await createBot(ctx, { name: "D" });
    const source = await createSource(ctx, bot.id, { type: "text", title: "T", content: RETURNS });
    await runQueuedIngestJobs();
    expect(await db().chunk.count({ where: { sourceId: source.id } })).toBeGreaterThan(0);
    await deleteSource(ctx, bot.id, source.id);
    expect(await db().chunk.count({ where: { sourceId: source.id } })).toBe(0);
    expect(await db().document.count({ where: { sourceId: source.id } })).toBe(0);
    expect(await searchBot(ctx, bot.id, { query: "Rücksendung" })).toEqual([]);
  });

  it("indexes an uploaded Markdown file and records a damaged PDF with its reason", async () => {
    const { ctx } = await createOwnerWithWorkspace("Files");
    const bot = await createBot(ctx, { name: "F" });
    const md = new TextEncoder().encode("# Garantie\n\nAuf jeden Rahmen gewähren wir zehn Jahre Garantie.\n");
    const good = await createFileSource(ctx, bot.id, { filename: "garantie.md", contentType: "text/markdown", bytes: md });
    const broken = await createFileSource(ctx, bot.id, { filename: "kaputt.pdf", contentType: "application/pdf", bytes: new TextEncoder().encode("%PDF-1.7 this is not really a pdf") });
    await runQueuedIngestJobs();
    expect(await getSource(ctx, bot.id, good.id)).toMatchObject({ status: "ready", documentCount: 1 });
    const failed = await getSource(ctx, bot.id, broken.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/PDF|damaged|valid/i);
    const hits = await searchBot(ctx, bot.id, { query: "Wie lange Garantie auf den Rahmen?" });
    expect(hits[0]!.text).toContain("zehn Jahre");
  });

  it("a source whose job was lost is queued again and ends ready", async () => {
    const { ctx } = await createOwnerWithWorkspace("Lost Job");
    const bot = await createBot(ctx, { name: "L" });
    const source = await createSource(ctx, bot.id, { type: "text", title: "T", content: RETURNS });
    // Simulate a crash that lost the queued job: drop it from the queue, age the row.
    const boss = await jobQueue();
    for (;;) {
      const [job] = await boss.fetch<TIngestJob>(QUEUES.ingestSource);
      if (!job) break;
      await boss.complete(QUEUES.ingestSource, job.id);
    }
    await db().$executeRaw`UPDATE data_sources SET updated_at = now() - interval '2 hours' WHERE id = ${source.id}`;
    expect(await requeueStuckSources()).toBe(1);
    expect(await requeueStuckSources()).toBe(0);
    await runQueuedIngestJobs();
    expect(await getSource(ctx, bot.id, source.id)).toMatchObject({ status: "ready", documentCount: 1 });
  });
});
