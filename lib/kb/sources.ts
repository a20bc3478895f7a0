import { z } from "zod";
import { db, Prisma } from "../db/client";
import { AppError } from "../errors/app-error";
import { enqueueIngest } from "../jobs/queue";
import type { TWorkspaceContext } from "../workspaces/types";

/** Knowledge sources of a bot. Website and file sources arrive with the crawler and parsers. */
const ZText = z.object({
  type: z.literal("text"),
  title: z.string().trim().min(1, "Required").max(200),
  content: z.string().trim().min(1, "Required").max(500_000, "At most 500,000 characters"),
});
const ZQa = z.object({
  type: z.literal("qa"),
  title: z.string().trim().max(200).optional(),
  pairs: z
    .array(z.object({ question: z.string().trim().min(1).max(1000), answer: z.string().trim().min(1).max(10_000) }))
    .min(1, "Add at least one question and answer")
    .max(2000),
});
export const ZSourceInput = z.discriminatedUnion("type", [ZText, ZQa]);
export type TSourceInput = z.infer<typeof ZSourceInput>;

type TCtx = Pick<TWorkspaceContext, "workspaceId" | "actorId">;

export function sourceView(s: {
  id: string; botId: string; type: string; name: string; status: string; error: string | null;
  documentCount: number; chunkCount: number; failedCount: number; lastRunAt: Date | null; createdAt: Date; updatedAt: Date;
}) {
  return {
    id: s.id, botId: s.botId, type: s.type, name: s.name, status: s.status,
    documentCount: s.documentCount, chunkCount: s.chunkCount, failedCount: s.failedCount,
    ...(s.error ? { error: s.error } : {}),
    lastRunAt: s.lastRunAt, createdAt: s.createdAt, updatedAt: s.updatedAt,
  };
}

async function requireBot(ctx: Pick<TCtx, "workspaceId">, botId: string) {
  const bot = await db().bot.findFirst({ where: { id: botId, workspaceId: ctx.workspaceId }, select: { id: true } });
  if (!bot) throw new AppError("not_found", "Bot not found.");
}

export async function createSource(ctx: TCtx, botId: string, raw: unknown) {
  const type = (raw as { type?: unknown } | null)?.type;
  if (type === "url" || type === "file") {
    throw new AppError("bad_request", "Website and file sources are not available yet in this version; use text or Q&A sources.");
  }
  const input = ZSourceInput.parse(raw);
  await requireBot(ctx, botId);
  const name = input.type === "text" ? input.title : input.title || `Q&A (${input.pairs.length})`;
  const config = (input.type === "text" ? { content: input.content } : { pairs: input.pairs }) as Prisma.InputJsonValue;
  const source = await db().dataSource.create({
    data: { workspaceId: ctx.workspaceId, botId, type: input.type, name, config },
  });
  await db().auditLog.create({
    data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId || null, action: "source.created", targetType: "source", targetId: source.id },
  });
  await enqueueIngest({ workspaceId: ctx.workspaceId, sourceId: source.id });
  return sourceView(source);
}

export async function listSources(ctx: Pick<TCtx, "workspaceId">, botId: string) {
  await requireBot(ctx, botId);
  const sources = await db().dataSource.findMany({ where: { workspaceId: ctx.workspaceId, botId }, orderBy: { createdAt: "desc" } });
  return sources.map(sourceView);
}

export async function getSource(ctx: Pick<TCtx, "workspaceId">, botId: string, sourceId: string) {
  const source = await db().dataSource.findFirst({ where: { id: sourceId, botId, workspaceId: ctx.workspaceId } });
  if (!source) throw new AppError("not_found", "Source not found.");
  return sourceView(source);
}

/** Deletes the source with its documents, chunks and vectors (cascade). */
export async function deleteSource(ctx: TCtx, botId: string, sourceId: string) {
  const result = await db().dataSource.deleteMany({ where: { id: sourceId, botId, workspaceId: ctx.workspaceId } });
  if (result.count === 0) throw new AppError("not_found", "Source not found.");
  await db().auditLog.create({
    data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId || null, action: "source.deleted", targetType: "source", targetId: sourceId },
  });
}
