import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { workspaceLimits } from "../plans/plans";
import type { TWorkspaceContext } from "../workspaces/types";

/** Bots of a workspace. Every query carries the workspace id: a foreign id is "not found". */
export const ZBotLanguage = z.enum(["de", "en"]);

export const ZBotInput = z.object({
  name: z.string().trim().min(1, "Required").max(60, "At most 60 characters"),
  description: z.string().trim().max(500, "At most 500 characters").optional().default(""),
  languages: z.array(ZBotLanguage).min(1, "Choose at least one language").max(2).default(["de"]),
});
export type TBotInput = z.input<typeof ZBotInput>;

const PUBLIC_FIELDS = {
  id: true,
  publicId: true,
  name: true,
  description: true,
  languages: true,
  embeddingProvider: true,
  embeddingModel: true,
  embeddingDimensions: true,
  createdAt: true,
  updatedAt: true,
} as const;

type TCtx = Pick<TWorkspaceContext, "workspaceId" | "actorId">;

function newPublicId(): string {
  return `bot_${randomBytes(12).toString("base64url")}`;
}

export async function listBots(ctx: Pick<TWorkspaceContext, "workspaceId">) {
  const bots = await db().bot.findMany({
    where: { workspaceId: ctx.workspaceId },
    orderBy: { createdAt: "asc" },
    select: { ...PUBLIC_FIELDS, _count: { select: { sources: true, chunks: true } } },
  });
  return bots.map(({ _count, ...bot }) => ({ ...bot, sourceCount: _count.sources, chunkCount: _count.chunks }));
}

export async function getBot(ctx: Pick<TWorkspaceContext, "workspaceId">, botId: string) {
  const bot = await db().bot.findFirst({ where: { id: botId, workspaceId: ctx.workspaceId }, select: PUBLIC_FIELDS });
  if (!bot) throw new AppError("not_found", "Bot not found.");
  return bot;
}

/** Creates a bot within the plan's bot limit (counted under a workspace row lock). */
export async function createBot(ctx: TCtx, raw: unknown) {
  const input = ZBotInput.parse(raw);
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM workspaces WHERE id = ${ctx.workspaceId} FOR UPDATE`;
    const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId } });
    const limits = workspaceLimits(workspace);
    const count = await tx.bot.count({ where: { workspaceId: ctx.workspaceId } });
    if (count >= limits.bots) {
      throw new AppError("conflict", `Your plan includes ${limits.bots} bot${limits.bots === 1 ? "" : "s"}. Delete one or upgrade the plan.`);
    }
    const bot = await tx.bot.create({
      data: { workspaceId: ctx.workspaceId, publicId: newPublicId(), name: input.name, description: input.description || null, languages: input.languages },
      select: PUBLIC_FIELDS,
    });
    await tx.auditLog.create({
      data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId || null, action: "bot.created", targetType: "bot", targetId: bot.id },
    });
    return bot;
  });
}

export async function updateBot(ctx: TCtx, botId: string, raw: unknown) {
  const input = ZBotInput.parse(raw);
  const result = await db().bot.updateMany({
    where: { id: botId, workspaceId: ctx.workspaceId },
    data: { name: input.name, description: input.description || null, languages: input.languages },
  });
  if (result.count === 0) throw new AppError("not_found", "Bot not found.");
  return getBot(ctx, botId);
}

/** Deletes the bot with its sources, documents, chunks and vectors (cascade). */
export async function deleteBot(ctx: TCtx, botId: string) {
  const result = await db().bot.deleteMany({ where: { id: botId, workspaceId: ctx.workspaceId } });
  if (result.count === 0) throw new AppError("not_found", "Bot not found.");
  await db().auditLog.create({
    data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId || null, action: "bot.deleted", targetType: "bot", targetId: botId },
  });
}
