import { z } from "zod";
import { usableProviderCredential, type TProviderName } from "../ai/credentials";
import { ZAnswerProvider } from "../ai/providers";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { enqueueIngest } from "../jobs/queue";
import { embeddingConfigProblem } from "../kb/bot-embedder";
import { requireRole } from "../workspaces/require-role";
import type { TWorkspaceContext } from "../workspaces/types";

/**
 * Changing a bot's embedding model. Vectors of different models are not comparable, so every
 * source of the bot is queued again: each document's content hash includes the model, so all
 * of them are re-embedded in the background while search keeps answering (full-text and the
 * vectors already rewritten).
 */
export const ZEmbeddingInput = z.object({
  provider: ZAnswerProvider,
  model: z.string().trim().min(1, "Required").max(100),
  dimensions: z.coerce.number().int(),
});

export async function updateBotEmbedding(ctx: Pick<TWorkspaceContext, "workspaceId" | "actorId" | "role">, botId: string, raw: unknown) {
  requireRole(ctx, ["admin"]);
  const input = ZEmbeddingInput.parse(raw);
  const problem = embeddingConfigProblem(input);
  if (problem) throw new AppError("validation_failed", problem, { details: { field: "model" } });
  if (input.provider !== "offline") {
    if (!(await usableProviderCredential(ctx.workspaceId, input.provider as TProviderName))) throw new AppError("validation_failed", `Add a ${input.provider} key under Settings → provider keys first.`, { details: { field: "provider" } });
  }
  const bot = await db().bot.findFirst({ where: { id: botId, workspaceId: ctx.workspaceId }, select: { embeddingProvider: true, embeddingModel: true, embeddingDimensions: true } });
  if (!bot) throw new AppError("not_found", "Bot not found.");
  const changed = bot.embeddingProvider !== input.provider || bot.embeddingModel !== input.model || bot.embeddingDimensions !== input.dimensions;
  if (!changed) return { requeued: 0 };
  // Every source, also one queued or running now: a job that started with the old model
  // would otherwise leave its vectors in the old space (the new job re-embeds, the hash
  // includes the model).
  const sources = await db().$transaction(async (tx) => {
    await tx.bot.update({ where: { id: botId }, data: { embeddingProvider: input.provider, embeddingModel: input.model, embeddingDimensions: input.dimensions } });
    const all = await tx.dataSource.findMany({ where: { botId, workspaceId: ctx.workspaceId }, select: { id: true } });
    await tx.dataSource.updateMany({ where: { botId, workspaceId: ctx.workspaceId }, data: { status: "queued", error: null } });
    return all;
  });
  await Promise.all(sources.map((s) => enqueueIngest({ workspaceId: ctx.workspaceId, sourceId: s.id })));
  await db().auditLog.create({
    data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId || null, action: "bot.embedding_changed", targetType: "bot", targetId: botId, data: { provider: input.provider, model: input.model, dimensions: input.dimensions } },
  });
  return { requeued: sources.length };
}
