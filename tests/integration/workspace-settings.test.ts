import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { requireMembership } from "@/lib/workspaces/require-membership";
import { updateWorkspaceSettings } from "@/lib/workspaces/update-workspace-settings";
import { expectAppError, expectZodError } from "../helpers/errors";
import { createOwnerWithWorkspace } from "../helpers/factories";
import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

describe("updateWorkspaceSettings", () => {
  it("saves normalised settings, moves the workspace to its new address and records who did it", async () => {
    const { owner, workspace, ctx } = await createOwnerWithWorkspace("Old Name");
    const updated = await updateWorkspaceSettings(ctx, {
      name: "  New Name ",
      slug: "New-Name",
      allowedDomains: ["https://Shop.Example.com/path", "shop.example.com", "*.example.org"],
      retentionDays: "90",
    });
    expect(updated).toMatchObject({ name: "New Name", slug: "new-name", allowedDomains: ["shop.example.com", "*.example.org"], retentionDays: 90 });

    await expectAppError(requireMembership(owner.id, workspace.slug, ["operator"]), "not_found");
    expect((await requireMembership(owner.id, "new-name", ["operator"])).workspace.id).toBe(workspace.id);
    const log = await db().auditLog.findFirstOrThrow({ where: { workspaceId: workspace.id, action: "workspace.settings_updated" } });
    expect(log.actorId).toBe(owner.id);
  });

  it("refuses an address another workspace has, naming the field", async () => {
    const { workspace: taken } = await createOwnerWithWorkspace("Taken Address");
    const { workspace, ctx } = await createOwnerWithWorkspace("Wants Address");
    const error = await expectAppError(
      updateWorkspaceSettings(ctx, { name: "Wants Address", slug: taken.slug, allowedDomains: [], retentionDays: 30 }),
      "conflict",
    );
    expect(error.details).toEqual({ field: "slug" });
    expect((await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } })).slug).toBe(workspace.slug);
  });

  it.each([
    [{ slug: "ab" }, "slug"],
    [{ slug: "bad slug!" }, "slug"],
    [{ allowedDomains: ["example.com", "not a domain"] }, "allowedDomains.1"],
    [{ retentionDays: 0 }, "retentionDays"],
    [{ retentionDays: 4000 }, "retentionDays"],
    [{ name: "x" }, "name"],
  ])("rejects %j", async (patch, field) => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Validated Co");
    const input = { name: "Validated Co", slug: workspace.slug, allowedDomains: [], retentionDays: 30, ...patch };
    const error = await expectZodError(updateWorkspaceSettings(ctx, input));
    expect(error.issues[0]!.path.join(".")).toBe(field);
    expect(await db().workspace.findUniqueOrThrow({ where: { id: workspace.id } })).toMatchObject({ name: "Validated Co", retentionDays: 365 });
  });
});
