import { lookup } from "node:dns/promises";
import { z } from "zod";
import { testChatProvider, type TAiErrorKind } from "../ai/chat";
import { deleteProviderCredential, listProviderCredentials, saveProviderCredential, usableProviderCredential, type TProviderName } from "../ai/credentials";
import { KEY_PROVIDERS } from "../ai/providers";
import { DEFAULT_CHAT_MODEL } from "../bots/chat-models";
import { env } from "../config/env";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { describeAddress, isAllowedHost, isIpLiteral, isPublicAddress } from "../net/address-policy";
import { requireRole } from "./require-role";
import type { TWorkspaceContext } from "./types";

/**
 * A workspace's keys for external model providers (owners and admins only). Keys go in
 * encrypted (lib/ai/credentials.ts) and never come out again: listings carry the last four
 * characters only. An OpenAI-compatible endpoint is an address our server will call, so it
 * must be public unless the operator allows its host in FETCH_ALLOW_HOSTS (as for crawling).
 */
export const PROVIDER_NAMES = KEY_PROVIDERS;
const ZProvider = z.enum(PROVIDER_NAMES);

const ZApiKey = z
  .string()
  .trim()
  .min(8, "This key is too short")
  .max(500, "This key is too long")
  .regex(/^\S+$/, "A key contains no spaces");

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const ZBaseUrl = z
  .string()
  .trim()
  .max(500, "At most 500 characters")
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "Enter an http:// or https:// address, e.g. http://ollama.internal:11434/v1")
  .transform((v) => v.replace(/\/+$/, ""));

export const ZProviderKeyInput = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("openai"), apiKey: ZApiKey }),
  z.object({ provider: z.literal("gemini"), apiKey: ZApiKey }),
  z.object({ provider: z.literal("openai-compatible"), baseUrl: ZBaseUrl, apiKey: z.preprocess(blankToUndefined, ZApiKey.optional()) }),
]);
export type TProviderKeyInput = z.input<typeof ZProviderKeyInput>;

export const ZProviderTestInput = z.object({
  provider: ZProvider,
  model: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
});

export type TProviderKey = { provider: TProviderName; hasKey: boolean; keyHint: string | null; baseUrl: string | null; updatedAt: Date };
export type TProviderTestResult =
  | { ok: true; latencyMs: number; model: string }
  | { ok: false; kind: TAiErrorKind | "not_configured" | "blocked"; message: string; model: string };

type TCtx = Pick<TWorkspaceContext, "workspaceId" | "actorId" | "role">;

export async function listProviderKeys(ctx: Pick<TWorkspaceContext, "workspaceId" | "role">): Promise<TProviderKey[]> {
  requireRole(ctx, ["admin"]);
  const rows = await listProviderCredentials(ctx.workspaceId);
  return rows
    .filter((r): r is typeof r & { provider: TProviderName } => (PROVIDER_NAMES as readonly string[]).includes(r.provider))
    .map((r) => ({ provider: r.provider, hasKey: Boolean(r.keyHint), keyHint: r.keyHint, baseUrl: r.baseUrl, updatedAt: r.updatedAt }));
}

/** Saves or replaces a provider's key (and endpoint); returns the listing entry, never the key. */
export async function saveProviderKey(ctx: TCtx, raw: unknown): Promise<TProviderKey> {
  requireRole(ctx, ["admin"]);
  const input = ZProviderKeyInput.parse(raw);
  if (input.provider === "openai-compatible") {
    const blocked = await blockedEndpoint(input.baseUrl);
    if (blocked) throw new AppError("validation_failed", blocked, { details: { field: "baseUrl", reason: "blocked" } });
    await saveProviderCredential(ctx.workspaceId, input.provider, { apiKey: input.apiKey, baseUrl: input.baseUrl });
  } else {
    await saveProviderCredential(ctx.workspaceId, input.provider, { apiKey: input.apiKey });
  }
  const saved = (await listProviderKeys(ctx)).find((k) => k.provider === input.provider);
  if (!saved) throw new Error("The saved provider key is missing");
  await audit(ctx, "provider_key.saved", { provider: input.provider, keyHint: saved.keyHint, baseUrl: saved.baseUrl });
  return saved;
}

export async function deleteProviderKey(ctx: TCtx, raw: unknown): Promise<void> {
  requireRole(ctx, ["admin"]);
  const provider = ZProvider.parse(raw);
  await deleteProviderCredential(ctx.workspaceId, provider);
  await audit(ctx, "provider_key.deleted", { provider });
}

/**
 * "Test connection": one tiny completion with the saved key. Provider failures are results
 * (with a readable message that never contains the key), not errors.
 */
export async function testProviderKey(ctx: Pick<TWorkspaceContext, "workspaceId" | "role">, raw: unknown): Promise<TProviderTestResult> {
  requireRole(ctx, ["admin"]);
  const input = ZProviderTestInput.parse(raw);
  const model = input.model ?? (input.provider === "openai-compatible" ? undefined : DEFAULT_CHAT_MODEL[input.provider]);
  if (!model) throw new AppError("validation_failed", "Enter the model to test with, e.g. llama3.2.", { details: { field: "model" } });
  const credential = await usableProviderCredential(ctx.workspaceId, input.provider);
  if (!credential) return { ok: false, kind: "not_configured", message: "No key is saved for this provider.", model };
  if (input.provider === "openai-compatible" && credential.baseUrl) {
    const blocked = await blockedEndpoint(credential.baseUrl);
    if (blocked) return { ok: false, kind: "blocked", message: blocked, model };
  }
  const result = await testChatProvider({
    provider: input.provider,
    model,
    apiKey: credential.apiKey,
    baseUrl: input.provider === "openai-compatible" ? credential.baseUrl : undefined,
  });
  return result.ok ? { ok: true, latencyMs: result.latencyMs, model } : { ok: false, kind: result.error.kind, message: result.error.message, model };
}

const LOOKUP_TIMEOUT_MS = 3000;

/**
 * Why the server may not call this endpoint, or null. A name that does not resolve passes:
 * the connection test will report it unreachable.
 */
async function blockedEndpoint(baseUrl: string): Promise<string | null> {
  const url = new URL(baseUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isAllowedHost(env().FETCH_ALLOW_HOSTS, url.hostname, url.port)) return null;
  let addresses: string[];
  if (isIpLiteral(host)) addresses = [host];
  else {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("lookup timed out")), LOOKUP_TIMEOUT_MS).unref());
    addresses = await Promise.race([lookup(host, { all: true }), timeout]).then(
      (found) => found.map((a) => a.address),
      () => [],
    );
  }
  const internal = addresses.find((a) => !isPublicAddress(a));
  if (!internal) return null;
  return `${host} is a ${describeAddress(internal)}. The server calls only public addresses unless its operator adds "${url.port ? `${host}:${url.port}` : host}" to FETCH_ALLOW_HOSTS.`;
}

async function audit(ctx: TCtx, action: string, data: Record<string, string | null>) {
  await db().auditLog.create({ data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId || null, action, targetType: "provider_credential", data } });
}
