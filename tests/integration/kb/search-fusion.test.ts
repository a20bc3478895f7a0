import { randomBytes, randomUUID } from "node:crypto";
import pgvector from "pgvector";
import { beforeAll, describe, expect, it } from "vitest";
import { db, Prisma } from "@/lib/db/client";
import { offlineEmbedder } from "@/lib/kb/embed/embedder";
import { FUSION, fuse, searchBot, searchCandidates } from "@/lib/kb/search";
import type { TWorkspaceContext } from "@/lib/workspaces/types";
import { createOwnerWithWorkspace } from "../../helpers/factories";
import { useTestDatabase } from "../../helpers/test-database";

/**
 * Fusion on near-duplicate pages that differ only in an identifier (a service code, an order
 * number): full-text is the only side that can tell them apart, so its unique match must
 * reach the top even when the vector side barely separates the pages.
 */
useTestDatabase();

const embedder = offlineEmbedder();
const WORDS = ["shipping", "returns", "warranty", "invoices", "batteries", "brakes", "tyres", "lights", "locks", "saddles"];
const PAGES = 40;

function chunks(n: number): { title: string; text: string }[] {
  const topic = WORDS[n % WORDS.length]!;
  const title = `Guide ${n}: ${topic} for the K${n} cargo bike`;
  return [
    { title: `${title} › Overview`, text: `This guide explains ${topic} for owners of the K${n} cargo bike. The service code of this guide is quokka${n}; quote it when you contact the workshop about ${topic}.` },
    {
      title: `${title} › Step by step`,
      text: `First check the ${topic} section of your manual, then open the app and choose the K${n} model. Our team answers requests about ${topic} within ${n + 2} hours on working days.\n- Keep the receipt of the K${n}.\n- Photograph the part before you send it.`,
    },
  ];
}

let ctx: Pick<TWorkspaceContext, "workspaceId">;
let botId = "";
const pageOf = new Map<string, number>();

beforeAll(async () => {
  const owner = await createOwnerWithWorkspace("Fusion");
  ctx = owner.ctx;
  const bot = await db().bot.create({ data: { workspaceId: ctx.workspaceId, publicId: `bot_${randomBytes(8).toString("hex")}`, name: "Guides" } });
  botId = bot.id;
  const source = await db().dataSource.create({ data: { workspaceId: ctx.workspaceId, botId, type: "text", name: "Guides", status: "ready", chunkCount: PAGES * 2 } });
  for (let n = 0; n < PAGES; n++) {
    const parts = chunks(n);
    const document = await db().document.create({
      data: { workspaceId: ctx.workspaceId, botId, sourceId: source.id, key: `guide-${n}`, title: `Guide ${n}`, contentHash: "x", chunkCount: parts.length },
    });
    const vectors = await embedder.embed(parts.map((p) => `${p.title}\n${p.text}`));
    const rows = parts.map((p, i) => {
      const id = randomUUID();
      pageOf.set(id, n);
      return Prisma.sql`(${id}, ${ctx.workspaceId}, ${botId}, ${source.id}, ${document.id}, ${i}, ${p.text}, ${p.title}, ${null}, 'english', 384, ${pgvector.toSql(vectors[i]!)}::vector)`;
    });
    await db().$executeRaw`
      INSERT INTO chunks (id, workspace_id, bot_id, source_id, document_id, ordinal, text, title_path, url, language, embedding_dims, embedding)
      VALUES ${Prisma.join(rows)}`;
  }
});

describe("fusion of near-duplicate pages", () => {
  it("ranks the page whose identifier the query names first, for every page", async () => {
    const misses: string[] = [];
    for (let n = 0; n < PAGES; n++) {
      const hits = await searchBot(ctx, botId, { query: `service code quokka${n}`, k: 3 });
      if (pageOf.get(hits[0]!.chunkId) !== n) misses.push(`quokka${n} → ${hits.map((h) => `${pageOf.get(h.chunkId)} (${h.score})`).join(", ")}`);
    }
    expect(misses).toEqual([]);
  });

  it("gives every candidate both scores: a full-text hit outside the vector list still gets its similarity", async () => {
    const lists = await searchCandidates(ctx, botId, "service code quokka37", { candidates: FUSION.candidates });
    for (const row of lists.fulltext) expect(row.cross).toEqual(expect.any(Number));
    for (const row of lists.vector) expect(row.cross).toEqual(expect.any(Number));
    const target = lists.fulltext[0]!;
    expect(pageOf.get(target.id)).toBe(37);
    expect(target.cross!).toBeGreaterThan(0);
    // Without the cross scores (the way fusion worked before) the page can drop out of the top 3.
    const blind = fuse({ fulltext: lists.fulltext.map((r) => ({ ...r, cross: null })), vector: lists.vector.map((r) => ({ ...r, cross: null })) });
    const informed = fuse(lists);
    expect(pageOf.get(informed[0]!.chunkId)).toBe(37);
    expect(informed[0]!.score).toBeGreaterThanOrEqual(blind.find((r) => r.chunkId === target.id)?.score ?? 0);
  });

  it("scores non-matching vector candidates 0 on the full-text side, and searches without full-text lexemes", async () => {
    const lists = await searchCandidates(ctx, botId, "quokka37", { candidates: 50 });
    const others = lists.vector.filter((r) => pageOf.get(r.id) !== 37);
    expect(others.length).toBeGreaterThan(0);
    for (const row of others) expect(row.cross).toBe(0);
    const vectorOnly = await searchCandidates(ctx, botId, "quokka37", { mode: "vector" });
    for (const row of vectorOnly.vector) expect(row.cross).toBeNull();
  });
});
