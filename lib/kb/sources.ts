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
const ZUrl = z.object({
  type: z.literal("url"),
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((v) => {
      try {
        return ["http:", "https:"].includes(new URL(v).protocol);
      } catch {
        return false;
      }
    }, "Enter a website address starting with http:// or https://"),
  title: z.string().trim().max(200).optional(),
  maxPages: z.coerce.number().int().min(1).max(500).default(50),
  maxDepth: z.coerce.number().int().min(0).max(10).default(3),
  include: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  exclude: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  schedule: z.enum(["none", "daily", "weekly"]).default("none"),
});
export const ZSourceInput = z.discriminatedUnion("type", [ZText, ZQa, ZUrl]);
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
  if ((raw as { type?: unknown } | null)?.type === "file") {
    throw new AppError("bad_request", "Upload files as multipart/form-data with a 'file' field.");
  }
  const input = ZSourceInput.parse(raw);
  await requireBot(ctx, botId);
  const { name, config, schedule } = describe(input);
  const source = await db().dataSource.create({
    data: { workspaceId: ctx.workspaceId, botId, type: input.type, name, config, schedule },
  });
  await db().auditLog.create({
    data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId || null, action: "source.created", targetType: "source", targetId: source.id },
  });
  await enqueueIngest({ workspaceId: ctx.workspaceId, sourceId: source.id });
  return sourceView(source);
}

function describe(input: TSourceInput): { name: string; config: Prisma.InputJsonValue; schedule: string } {
  switch (input.type) {
    case "text":
      return { name: input.title, config: { content: input.content }, schedule: "none" };
    case "qa":
      return { name: input.title || `Q&A (${input.pairs.length})`, config: { pairs: input.pairs }, schedule: "none" };
    case "url": {
      const { type: _type, title, schedule, ...crawl } = input;
      return { name: title || new URL(input.url).host + new URL(input.url).pathname.replace(/\/$/, ""), config: crawl, schedule };
    }
  }
}

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const FILE_KINDS: Record<string, { magic?: number[] }> = {
  pdf: { magic: [0x25, 0x50, 0x44, 0x46] },
  docx: { magic: [0x50, 0x4b, 0x03, 0x04] },
  txt: {},
  md: {},
  markdown: {},
  html: {},
  htm: {},
  csv: {},
};

/** Stores an uploaded file and queues it; unsupported types are 415, oversized 413. */
export async function createFileSource(ctx: TCtx, botId: string, file: { filename: string; contentType: string; bytes: Uint8Array }) {
  if (file.bytes.length > MAX_UPLOAD_BYTES) throw new AppError("payload_too_large", "The file is larger than 20 MB.");
  if (file.bytes.length === 0) throw new AppError("bad_request", "The file is empty.");
  const ext = file.filename.toLowerCase().split(".").pop() ?? "";
  const kind = FILE_KINDS[ext];
  const magicOk = !kind?.magic || kind.magic.every((b, i) => file.bytes[i] === b);
  if (!kind || !magicOk) {
    throw new AppError("unsupported_media_type", "Unsupported file type. Upload PDF, DOCX, TXT, Markdown, HTML or CSV.");
  }
  await requireBot(ctx, botId);
  const filename = file.filename.replace(/[\\/\u0000-\u001f]/g, "_").slice(0, 200);
  const source = await db().dataSource.create({
    data: {
      workspaceId: ctx.workspaceId, botId, type: "file", name: filename, config: {},
      file: { create: { filename, contentType: file.contentType.slice(0, 100), size: file.bytes.length, bytes: Buffer.from(file.bytes) } },
    },
  });
  await db().auditLog.create({
    data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId || null, action: "source.created", targetType: "source", targetId: source.id },
  });
  await enqueueIngest({ workspaceId: ctx.workspaceId, sourceId: source.id });
  return sourceView(source);
}

/** Runs the source again now (re-crawl, re-parse); unchanged documents are skipped. */
export async function refreshSource(ctx: TCtx, botId: string, sourceId: string) {
  const result = await db().dataSource.updateMany({
    where: { id: sourceId, botId, workspaceId: ctx.workspaceId, status: { in: ["ready", "failed"] } },
    data: { status: "queued", error: null },
  });
  // Already queued or running: nothing to do (getSource still reports a foreign id as not found).
  if (result.count === 1) await enqueueIngest({ workspaceId: ctx.workspaceId, sourceId });
  return getSource(ctx, botId, sourceId);
}

export async function listDocuments(ctx: Pick<TCtx, "workspaceId">, botId: string, sourceId: string) {
  await getSource(ctx, botId, sourceId);
  return db().document.findMany({
    where: { sourceId, botId, workspaceId: ctx.workspaceId },
    orderBy: [{ status: "asc" }, { title: "asc" }],
    select: { id: true, key: true, title: true, url: true, status: true, error: true, chunkCount: true, updatedAt: true },
    take: 1000,
  });
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
