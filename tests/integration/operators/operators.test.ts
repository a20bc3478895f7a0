import { readdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { GET as getAvatar } from "@/app/api/avatars/[id]/route";
import { db } from "@/lib/db/client";
import { createDepartment } from "@/lib/departments/create-department";
import { ensureOperatorProfile } from "@/lib/operators/ensure-operator-profile";
import { getOperator } from "@/lib/operators/get-operator";
import { listOperators } from "@/lib/operators/list-operators";
import { readAvatar } from "@/lib/operators/read-avatar";
import { removeOperatorAvatar } from "@/lib/operators/remove-operator-avatar";
import { setOperatorDepartments } from "@/lib/operators/set-operator-departments";
import { updateOperatorProfile } from "@/lib/operators/update-operator-profile";
import { uploadOperatorAvatar } from "@/lib/operators/upload-operator-avatar";
import { expectAppError, expectZodError } from "../../helpers/errors";
import { addMember, contextFor, createOwnerWithWorkspace } from "../../helpers/factories";
import { useTestDatabase } from "../../helpers/test-database";

const database = useTestDatabase();

async function png(width = 40, height = 30): Promise<Uint8Array> {
  const buffer = await sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .png()
    .withMetadata({ exif: { IFD0: { Copyright: "secret-location" } } })
    .toBuffer();
  return new Uint8Array(buffer);
}

async function avatarFiles(): Promise<string[]> {
  return readdir(path.join(database.dataDir, "avatars")).catch(() => []);
}

const profileInput = { displayName: "Olga vom Support", signature: "Viele Grüße\nOlga", maxChats: 3, sendTranscripts: true };

describe("operator profiles", () => {
  it("are created on first use, once, and only for members", async () => {
    const a = await createOwnerWithWorkspace("Profile A");
    const b = await createOwnerWithWorkspace("Profile B");
    const first = await ensureOperatorProfile(a.workspace.id, a.owner.id);
    const second = await ensureOperatorProfile(a.workspace.id, a.owner.id);
    expect(second.id).toBe(first.id);
    expect(first.maxChats).toBe(5);
    await expectAppError(ensureOperatorProfile(a.workspace.id, b.owner.id), "not_found");
  });

  it("lists every member with the profile or its defaults", async () => {
    const { workspace, ctx, owner } = await createOwnerWithWorkspace("List Co");
    const { user: op } = await addMember(workspace.id, "operator", "Olga");
    const dept = await createDepartment(ctx, { name: "Support", operatorUserIds: [op.id] });
    const operators = await listOperators(ctx);
    expect(operators.map((o) => o.userId)).toEqual([owner.id, op.id]);
    expect(operators[0]).toMatchObject({ role: "owner", hasProfile: false, maxChats: 5, name: "Owner", avatarUrl: null });
    expect(operators[1]).toMatchObject({ role: "operator", hasProfile: true, name: "Olga", departments: [{ id: dept.id, name: "Support" }] });
  });

  it("an operator edits their own profile but nobody else's; admins edit anyone's", async () => {
    const { workspace, owner } = await createOwnerWithWorkspace("Edit Co");
    const { user: op } = await addMember(workspace.id, "operator");
    const { user: other } = await addMember(workspace.id, "operator");
    const { user: admin } = await addMember(workspace.id, "admin");
    const opCtx = await contextFor(op.id, workspace.slug);
    const adminCtx = await contextFor(admin.id, workspace.slug);

    const own = await updateOperatorProfile(opCtx, { userId: op.id, ...profileInput });
    expect(own).toMatchObject({ displayName: "Olga vom Support", signature: "Viele Grüße\nOlga", maxChats: 3, sendTranscripts: true });
    await expectAppError(updateOperatorProfile(opCtx, { userId: other.id, ...profileInput }), "forbidden");
    await expectAppError(getOperator(opCtx, other.id), "forbidden");
    await expectAppError(uploadOperatorAvatar(opCtx, { userId: owner.id, bytes: await png() }), "forbidden");

    await updateOperatorProfile(adminCtx, { userId: other.id, ...profileInput, displayName: "", maxChats: 10 });
    const updated = await getOperator(adminCtx, other.id);
    expect(updated.displayName).toBeNull();
    expect(updated.maxChats).toBe(10);

    await expectZodError(updateOperatorProfile(opCtx, { userId: op.id, ...profileInput, maxChats: 0 }));
    await expectZodError(updateOperatorProfile(opCtx, { userId: op.id, ...profileInput, signature: "x".repeat(501) }));
  });

  it("only admins set an operator's departments, and only to their own workspace's departments", async () => {
    const a = await createOwnerWithWorkspace("Dept A");
    const b = await createOwnerWithWorkspace("Dept B");
    const { user: op } = await addMember(a.workspace.id, "operator");
    const opCtx = await contextFor(op.id, a.workspace.slug);
    const mine = await createDepartment(a.ctx, { name: "Support" });
    const foreign = await createDepartment(b.ctx, { name: "Fremd" });

    await expectAppError(setOperatorDepartments(opCtx, { userId: op.id, departmentIds: [mine.id] }), "forbidden");
    await setOperatorDepartments(a.ctx, { userId: op.id, departmentIds: [mine.id, mine.id] });
    expect((await getOperator(opCtx, op.id)).departments).toEqual([{ id: mine.id, name: "Support" }]);
    await expectAppError(setOperatorDepartments(a.ctx, { userId: op.id, departmentIds: [foreign.id] }), "not_found");
    expect((await getOperator(opCtx, op.id)).departments).toEqual([{ id: mine.id, name: "Support" }]);
    await expectAppError(setOperatorDepartments(a.ctx, { userId: b.owner.id, departmentIds: [] }), "not_found");
  });

  it("workspace A never reads or changes B's profiles", async () => {
    const a = await createOwnerWithWorkspace("Iso A");
    const b = await createOwnerWithWorkspace("Iso B");
    await updateOperatorProfile(b.ctx, { userId: b.owner.id, ...profileInput });
    await expectAppError(getOperator(a.ctx, b.owner.id), "not_found");
    await expectAppError(updateOperatorProfile(a.ctx, { userId: b.owner.id, ...profileInput, displayName: "Hijacked" }), "not_found");
    await expectAppError(uploadOperatorAvatar(a.ctx, { userId: b.owner.id, bytes: await png() }), "not_found");
    await expectAppError(removeOperatorAvatar(a.ctx, { userId: b.owner.id }), "not_found");
    expect((await getOperator(b.ctx, b.owner.id)).displayName).toBe("Olga vom Support");
    expect(await db().operatorProfile.count({ where: { workspaceId: a.workspace.id, userId: b.owner.id } })).toBe(0);
  });
});

describe("avatars", () => {
  it("re-encodes an upload as a square WebP without metadata, replaces and removes it", async () => {
    const { ctx, owner } = await createOwnerWithWorkspace("Avatar Co");
    const { avatarUrl } = await uploadOperatorAvatar(ctx, { userId: owner.id, bytes: await png() });
    expect(avatarUrl).toMatch(/^\/api\/avatars\/[A-Za-z0-9_-]{22}$/);
    const id = avatarUrl.split("/").pop()!;
    const stored = await readAvatar(id);
    expect(stored?.contentType).toBe("image/webp");
    const meta = await sharp(stored!.bytes).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 256, height: 256 });
    expect(meta.exif).toBeUndefined();
    expect(await avatarFiles()).toEqual([`${id}.webp`]);

    const jpeg = new Uint8Array(await sharp(await png(300, 500)).jpeg().toBuffer());
    const second = await uploadOperatorAvatar(ctx, { userId: owner.id, bytes: jpeg });
    expect(second.avatarUrl).not.toBe(avatarUrl);
    expect(await readAvatar(id)).toBeNull();
    expect(await avatarFiles()).toHaveLength(1);
    expect((await getOperator(ctx, owner.id)).avatarUrl).toBe(second.avatarUrl);

    await removeOperatorAvatar(ctx, { userId: owner.id });
    expect((await getOperator(ctx, owner.id)).avatarUrl).toBeNull();
    expect(await avatarFiles()).toEqual([]);
  });

  it("rejects non-images, disguised files, SVG, GIF, empty and oversized files with clear errors", async () => {
    const { ctx, owner } = await createOwnerWithWorkspace("Reject Co");
    const text = new TextEncoder().encode("just some text, named avatar.png");
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const gif = new Uint8Array(await sharp(await png()).gif().toBuffer());
    const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n");
    for (const bytes of [text, svg, gif, pdf]) {
      const error = await expectAppError(uploadOperatorAvatar(ctx, { userId: owner.id, bytes }), "unsupported_media_type");
      expect(error.message).toBe("Upload a PNG, JPEG or WebP image.");
    }
    // A PNG signature followed by garbage passes the sniffing but not the decoder.
    const truncated = (await png()).slice(0, 40);
    await expectAppError(uploadOperatorAvatar(ctx, { userId: owner.id, bytes: truncated }), "unsupported_media_type");
    await expectAppError(uploadOperatorAvatar(ctx, { userId: owner.id, bytes: new Uint8Array() }), "bad_request");
    const big = new Uint8Array(1_000_001);
    big.set(await png());
    const tooLarge = await expectAppError(uploadOperatorAvatar(ctx, { userId: owner.id, bytes: big }), "payload_too_large");
    expect(tooLarge.message).toBe("The image is larger than 1 MB.");
    expect(await avatarFiles()).toEqual([]);
  });

  it("serves current avatars publicly with safe headers, and nothing else", async () => {
    const { ctx, owner } = await createOwnerWithWorkspace("Serve Co");
    const { avatarUrl } = await uploadOperatorAvatar(ctx, { userId: owner.id, bytes: await png() });
    const id = avatarUrl.split("/").pop()!;
    const get = (avatarId: string) => getAvatar(new Request(`http://localhost${avatarUrl}`), { params: Promise.resolve({ id: avatarId }) });

    const ok = await get(id);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("image/webp");
    expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
    expect(ok.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(ok.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect((await sharp(Buffer.from(await ok.arrayBuffer())).metadata()).format).toBe("webp");

    for (const bad of ["../../etc/passwd", "a".repeat(22), `${id}.webp`, ""]) {
      const res = await get(bad);
      expect(res.status).toBe(404);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    await removeOperatorAvatar(ctx, { userId: owner.id });
    expect((await get(id)).status).toBe(404);
  });
});
