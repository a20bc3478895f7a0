import { describe, expect, it } from "vitest";
import { createBot } from "@/lib/bots/bots";
import { db } from "@/lib/db/client";
import { parsePlainText } from "@/lib/kb/chunk/parse-plain";
import { offlineEmbedder, type TEmbedder } from "@/lib/kb/embed/embedder";
import { createDocumentIndexer } from "@/lib/kb/index-documents";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * The batched document indexer behind ingestion: many documents written in few statements,
 * a document that cannot be embedded fails alone with its reason, a changed document's
 * chunks are replaced (never added twice), an unchanged one is skipped.
 */
useTestDatabase();

/** The offline embedder, but a text containing POISON makes the whole call fail (like a provider's 400). */
function poisonedEmbedder(calls: number[]): TEmbedder {
  const offline = offlineEmbedder();
  return {
    ...offline,
    maxBatch: 16,
    embed: async (texts) => {
      calls.push(texts.length);
      if (texts.some((t) => t.includes("POISON"))) throw new Error("Input rejected by the provider");
      return offline.embed(texts);
    },
  };
}

function documentText(n: number, extra = "") {
  return `Guide ${n}\n\nThe K${n} cargo bike carries ${n + 20} kilograms. ${extra}\n\nService\n\nBook a service for the K${n} in the app; it takes ${n + 1} days.`;
}

async function sourceFor(label: string) {
  const { ctx } = await createOwnerWithWorkspace(label);
  const bot = await createBot(ctx, { name: label });
  const source = await db().dataSource.create({ data: { workspaceId: ctx.workspaceId, botId: bot.id, type: "text", name: label, config: {} } });
  return { ctx, bot, source };
}

async function chunkRows(sourceId: string) {
  return db().$queryRaw<{ key: string; ordinal: number; workspace_id: string; bot_id: string; has_vector: boolean; has_tsv: boolean; ann: boolean }[]>`
    SELECT d.key, c.ordinal, c.workspace_id, c.bot_id, c.embedding IS NOT NULL AS has_vector, c.tsv IS NOT NULL AS has_tsv, c.ann
    FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.source_id = ${sourceId} ORDER BY d.key, c.ordinal`;
}

describe("document indexer", () => {
  it("writes 40 documents in batches, and a document that cannot be embedded fails alone", async () => {
    const { ctx, bot, source } = await sourceFor("Batch Bikes");
    const calls: number[] = [];
    const indexer = createDocumentIndexer({ source, embedder: poisonedEmbedder(calls), knownHashes: new Map() });
    for (let n = 0; n < 40; n++) {
      await indexer.add(`doc-${String(n).padStart(2, "0")}`, parsePlainText(documentText(n, n === 17 ? "POISON" : ""), { title: `Guide ${n}` }));
    }
    await indexer.finish();

    expect(indexer.stats).toMatchObject({ written: 39, failed: 1, lastFailure: "Input rejected by the provider" });
    // Chunks of several documents share a provider call, within the provider's batch limit.
    const chunksPerDocument = Math.max(...(await db().document.findMany({ where: { sourceId: source.id }, select: { chunkCount: true } })).map((d) => d.chunkCount));
    expect(Math.max(...calls)).toBeGreaterThan(chunksPerDocument);
    expect(Math.max(...calls)).toBeLessThanOrEqual(16);

    const documents = await db().document.findMany({ where: { sourceId: source.id }, orderBy: { key: "asc" } });
    expect(documents).toHaveLength(40);
    expect(documents.find((d) => d.key === "doc-17")).toMatchObject({ status: "failed", error: "Input rejected by the provider", chunkCount: 0 });
    const rows = await chunkRows(source.id);
    for (const d of documents.filter((x) => x.status === "ready")) {
      expect(rows.filter((r) => r.key === d.key).map((r) => r.ordinal)).toEqual(Array.from({ length: d.chunkCount }, (_, i) => i));
    }
    expect(rows.some((r) => r.key === "doc-17")).toBe(false);
    expect(rows.every((r) => r.workspace_id === ctx.workspaceId && r.bot_id === bot.id && r.has_vector && r.has_tsv)).toBe(true);
    // A new bot is searched exactly: its chunks stay out of the HNSW graph (decision 016).
    expect(rows.every((r) => !r.ann)).toBe(true);
  });

  it("writes each chunk's `ann` flag from the bot's vector_search in the same statement", async () => {
    const { bot, source } = await sourceFor("Flag Bikes");
    const write = async (key: string) => {
      const indexer = createDocumentIndexer({ source, embedder: offlineEmbedder(), knownHashes: new Map() });
      await indexer.add(key, parsePlainText(documentText(key.length), { title: key }));
      await indexer.finish();
    };
    await write("exact");
    await db().bot.update({ where: { id: bot.id }, data: { vectorSearch: "building" } });
    await write("building");
    await db().bot.update({ where: { id: bot.id }, data: { vectorSearch: "ann" } });
    await write("ann-mode");
    const rows = await chunkRows(source.id);
    const flags = (key: string) => [...new Set(rows.filter((r) => r.key === key).map((r) => r.ann))];
    expect(flags("exact")).toEqual([false]);
    expect(flags("building")).toEqual([true]);
    expect(flags("ann-mode")).toEqual([true]);
  });

  it("replaces a changed document's chunks, skips an unchanged one, and writes a page at once when nothing else is queued", async () => {
    const { source } = await sourceFor("Change Bikes");
    const first = createDocumentIndexer({ source, embedder: offlineEmbedder(), knownHashes: new Map() });
    await first.add("a", parsePlainText(documentText(1), { title: "A" }));
    await first.add("b", parsePlainText(documentText(2), { title: "B" }));
    await first.finish();
    const before = await db().document.findMany({ where: { sourceId: source.id }, orderBy: { key: "asc" } });
    const chunksBefore = await chunkRows(source.id);

    const known = new Map(before.map((d) => [d.key, d.contentHash]));
    const second = createDocumentIndexer({ source, embedder: offlineEmbedder(), knownHashes: known });
    await second.add("a", parsePlainText(documentText(1), { title: "A" }));
    await second.add("b", parsePlainText(`${documentText(2)}\n\nReturns\n\nReturn the K2 within 30 days.`, { title: "B" }));
    // A slow producer (a crawl between pages): the queued page is written without waiting for more.
    await expect.poll(async () => (await db().document.findFirstOrThrow({ where: { sourceId: source.id, key: "b" } })).contentHash, { timeout: 5000 }).not.toBe(known.get("b"));
    await second.finish();

    expect(second.stats).toMatchObject({ written: 1, failed: 0 });
    expect([...second.seen].sort()).toEqual(["a", "b"]);
    const after = await db().document.findMany({ where: { sourceId: source.id }, orderBy: { key: "asc" } });
    expect(after[0]).toEqual(before[0]);
    expect(after[1]!.id).toBe(before[1]!.id);
    const textOfB = (await db().chunk.findMany({ where: { documentId: after[1]!.id }, select: { text: true } })).map((c) => c.text).join("\n");
    expect(textOfB).toContain("within 30 days");
    const chunksAfter = await chunkRows(source.id);
    expect(chunksAfter.filter((r) => r.key === "a")).toEqual(chunksBefore.filter((r) => r.key === "a"));
    expect(chunksAfter.filter((r) => r.key === "b").map((r) => r.ordinal)).toEqual(Array.from({ length: after[1]!.chunkCount }, (_, i) => i));
  });
});
