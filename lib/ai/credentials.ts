import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "../config/env";
import { db } from "../db/client";
import type { TProviderName } from "./providers";

/**
 * Owners' provider keys, encrypted at rest with AES-256-GCM under ENCRYPTION_KEY (generated
 * into DATA_DIR/secrets.json when unset). Stored as "v1:<iv>:<tag>:<ciphertext>" (base64url);
 * the workspace id is bound as associated data, so a row copied to another workspace fails
 * to decrypt. Only the last four characters are ever shown again.
 */
export type { TProviderName };

let derived: { secret: string; key: Buffer } | undefined;

function key(): Buffer {
  const secret = env().ENCRYPTION_KEY;
  if (!secret) throw new Error("ENCRYPTION_KEY is not set");
  if (derived?.secret !== secret) derived = { secret, key: createHash("sha256").update(secret).digest() };
  return derived.key;
}

export function encryptSecret(plain: string, workspaceId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(workspaceId));
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(":");
}

export function decryptSecret(stored: string, workspaceId: string): string {
  const [version, iv, tag, data] = stored.split(":");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("Unknown secret format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(workspaceId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

export async function saveProviderCredential(workspaceId: string, provider: TProviderName, input: { apiKey?: string | null; baseUrl?: string | null }) {
  const apiKey = input.apiKey?.trim();
  const fields = {
    ...(apiKey ? { encryptedKey: encryptSecret(apiKey, workspaceId), keyHint: apiKey.slice(-4) } : {}),
    ...(input.baseUrl !== undefined ? { baseUrl: input.baseUrl?.trim() || null } : {}),
  };
  await db().providerCredential.upsert({
    where: { workspaceId_provider: { workspaceId, provider } },
    create: { workspaceId, provider, ...fields },
    update: fields,
  });
}

export async function providerCredential(workspaceId: string, provider: TProviderName): Promise<{ apiKey: string | null; baseUrl: string | null } | null> {
  const row = await db().providerCredential.findUnique({ where: { workspaceId_provider: { workspaceId, provider } } });
  if (!row) return null;
  return { apiKey: row.encryptedKey ? decryptSecret(row.encryptedKey, workspaceId) : null, baseUrl: row.baseUrl };
}

export async function listProviderCredentials(workspaceId: string) {
  return db().providerCredential.findMany({ where: { workspaceId }, select: { provider: true, baseUrl: true, keyHint: true, updatedAt: true } });
}

export async function deleteProviderCredential(workspaceId: string, provider: TProviderName) {
  await db().providerCredential.deleteMany({ where: { workspaceId, provider } });
}

/**
 * The workspace's credential for calls to `provider`, when it can make them: an API key for
 * OpenAI and Gemini, a base URL for OpenAI-compatible servers (their key is optional).
 * Null when nothing usable is saved. Undefined fields suit the SDK options directly.
 */
export async function usableProviderCredential(workspaceId: string, provider: TProviderName): Promise<{ apiKey?: string; baseUrl?: string } | null> {
  const credential = await providerCredential(workspaceId, provider);
  if (!credential) return null;
  if (provider === "openai-compatible") return credential.baseUrl ? { apiKey: credential.apiKey ?? undefined, baseUrl: credential.baseUrl } : null;
  return credential.apiKey ? { apiKey: credential.apiKey, baseUrl: credential.baseUrl ?? undefined } : null;
}
