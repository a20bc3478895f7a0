import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { hashSecret } from "../auth/one-time-token";
import { consumeRateLimit } from "../rate-limit/rate-limit";
import type { TWorkspaceContext } from "../workspaces/types";

/** Keys look like cwk_<40 base64url chars>; only their SHA-256 hash and a prefix are stored. */
const KEY_PREFIX = "cwk_";
const SHOWN_PREFIX_LENGTH = 12;

export const ZApiKeyInput = z.object({ name: z.string().trim().min(1, "Required").max(60, "At most 60 characters") });

export async function createApiKey(ctx: Pick<TWorkspaceContext, "workspaceId" | "actorId">, raw: { name?: string }) {
  const { name } = ZApiKeyInput.parse({ name: raw.name || "API key" });
  const secret = `${KEY_PREFIX}${randomBytes(30).toString("base64url")}`;
  const key = await db().apiKey.create({
    data: {
      workspaceId: ctx.workspaceId,
      name,
      prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
      keyHash: hashSecret(secret),
      createdById: ctx.actorId || null,
    },
  });
  await db().auditLog.create({
    data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId || null, action: "api_key.created", targetType: "api_key", targetId: key.id },
  });
  return { id: key.id, name: key.name, prefix: key.prefix, createdAt: key.createdAt, secret };
}

export async function listApiKeys(ctx: TWorkspaceContext) {
  return db().apiKey.findMany({
    where: { workspaceId: ctx.workspaceId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, createdBy: { select: { email: true } } },
  });
}

export async function revokeApiKey(ctx: TWorkspaceContext, input: { apiKeyId: string }) {
  const result = await db().apiKey.updateMany({
    where: { id: input.apiKeyId, workspaceId: ctx.workspaceId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) throw new AppError("not_found", "API key not found.");
  await db().auditLog.create({
    data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "api_key.revoked", targetType: "api_key", targetId: input.apiKeyId },
  });
}

/** Resolves `Authorization: Bearer <key>` to its workspace; anything else is 401. */
export async function authenticateApiKey(authorization: string | null) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) {
    throw new AppError("unauthorized", "Missing API key. Send it as 'Authorization: Bearer <key>'.");
  }
  const secret = match[1]!;
  if (!secret.startsWith(KEY_PREFIX) || secret.length > 100) throw new AppError("unauthorized", "Invalid API key.");
  const key = await db().apiKey.findUnique({
    where: { keyHash: hashSecret(secret) },
    include: { workspace: { select: { id: true, slug: true, name: true } } },
  });
  if (!key || key.revokedAt) throw new AppError("unauthorized", "Invalid or revoked API key.");
  await consumeRateLimit("apiKey", key.id);
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
    await db().apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  }
  return { apiKeyId: key.id, workspace: key.workspace };
}
