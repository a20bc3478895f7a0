import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/api-keys";
import { db } from "@/lib/db/client";
import { consumeRateLimit, RATE_LIMITS } from "@/lib/rate-limit/rate-limit";
import { expectAppError } from "../helpers/errors";
import { createOwnerWithWorkspace } from "../helpers/factories";
import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

describe("createApiKey", () => {
  it("returns the secret once and stores only its hash and a short prefix", async () => {
    const { ctx, workspace } = await createOwnerWithWorkspace("Key Co");
    const key = await createApiKey(ctx, { name: "Zapier" });
    expect(key.secret).toMatch(/^cwk_[\w-]{40}$/);
    expect(key.prefix).toBe(key.secret.slice(0, 12));
    expect(key.name).toBe("Zapier");

    const rows = await db().$queryRaw<Record<string, unknown>[]>`SELECT * FROM api_keys WHERE id = ${key.id}`;
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({
      workspace_id: workspace.id,
      prefix: key.prefix,
      key_hash: createHash("sha256").update(key.secret).digest("hex"),
      created_by_id: ctx.actorId,
      revoked_at: null,
      last_used_at: null,
    });
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(key.secret);
    expect(stored).not.toContain(key.secret.slice(12));

    const listed = await listApiKeys(ctx);
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0]!).sort()).toEqual(["createdAt", "createdBy", "id", "lastUsedAt", "name", "prefix"]);
    expect(JSON.stringify(listed)).not.toContain(key.secret);
    expect(await db().auditLog.count({ where: { workspaceId: workspace.id, action: "api_key.created", targetId: key.id } })).toBe(1);
  });

  it("names an unnamed key and gives every key its own secret", async () => {
    const { ctx } = await createOwnerWithWorkspace("Default Name Co");
    const [a, b] = [await createApiKey(ctx, {}), await createApiKey(ctx, { name: "" })];
    expect(a.name).toBe("API key");
    expect(b.name).toBe("API key");
    expect(a.secret).not.toBe(b.secret);
  });
});

describe("authenticateApiKey", () => {
  it("resolves a valid key to its workspace and records when it was used", async () => {
    const { ctx, workspace } = await createOwnerWithWorkspace("Auth Co");
    const key = await createApiKey(ctx, { name: "CI" });
    const before = Date.now();
    await expect(authenticateApiKey(`Bearer ${key.secret}`)).resolves.toEqual({
      apiKeyId: key.id,
      workspace: { id: workspace.id, slug: workspace.slug, name: "Auth Co" },
    });
    const lastUsedAt = (await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt;
    expect(lastUsedAt).toBeInstanceOf(Date);
    expect(lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((await listApiKeys(ctx))[0]!.lastUsedAt).toEqual(lastUsedAt);

    await expect(authenticateApiKey(`bearer   ${key.secret}  `)).resolves.toMatchObject({ apiKeyId: key.id });
  });

  it.each([
    ["no header", null],
    ["an empty header", ""],
    ["another scheme", "Basic dXNlcjpwYXNz"],
    ["a bare token", "cwk_abcdefghijklmnopqrstuvwxyz0123456789ABCD"],
    ["Bearer without a key", "Bearer "],
    ["a key of another product", "Bearer sk_live_abcdefghijklmnopqrstuvwxyz"],
    ["an unknown key", "Bearer cwk_abcdefghijklmnopqrstuvwxyz0123456789ABCD"],
    ["an overlong key", `Bearer cwk_${"a".repeat(200)}`],
    ["two tokens", "Bearer cwk_a cwk_b"],
  ])("refuses %s with 401", async (_, header) => {
    const error = await expectAppError(authenticateApiKey(header), "unauthorized");
    expect(error.status).toBe(401);
  });

  it("refuses a revoked key, and revoking twice is not found", async () => {
    const { ctx } = await createOwnerWithWorkspace("Revoke Key Co");
    const key = await createApiKey(ctx, { name: "old" });
    const keep = await createApiKey(ctx, { name: "keep" });
    await revokeApiKey(ctx, { apiKeyId: key.id });
    await expectAppError(authenticateApiKey(`Bearer ${key.secret}`), "unauthorized");
    await expectAppError(revokeApiKey(ctx, { apiKeyId: key.id }), "not_found");
    expect((await listApiKeys(ctx)).map((k) => k.id)).toEqual([keep.id]);
    await expect(authenticateApiKey(`Bearer ${keep.secret}`)).resolves.toMatchObject({ apiKeyId: keep.id });
  });

  it("rate-limits each key on its own", async () => {
    const { ctx } = await createOwnerWithWorkspace("Busy Key Co");
    const busy = await createApiKey(ctx, { name: "busy" });
    const calm = await createApiKey(ctx, { name: "calm" });
    for (let i = 0; i < RATE_LIMITS.apiKey.points; i++) await consumeRateLimit("apiKey", busy.id);
    const error = await expectAppError(authenticateApiKey(`Bearer ${busy.secret}`), "rate_limited");
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    await expect(authenticateApiKey(`Bearer ${calm.secret}`)).resolves.toMatchObject({ apiKeyId: calm.id });
  });
});
