import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { changeMemberRole, listMembers, removeMember } from "@/lib/workspaces/manage-members";
import { expectAppError, expectZodError } from "../helpers/errors";
import { addMember, contextFor, createOwnerWithWorkspace } from "../helpers/factories";
import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

async function ownerMembership(workspaceId: string, userId: string) {
  return db().membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId, userId } } });
}

async function roleOf(membershipId: string) {
  return (await db().membership.findUnique({ where: { id: membershipId } }))?.role ?? null;
}

describe("the last owner", () => {
  it("cannot be demoted", async () => {
    const { owner, workspace, ctx } = await createOwnerWithWorkspace("Solo Owner Co");
    const own = await ownerMembership(workspace.id, owner.id);
    const error = await expectAppError(changeMemberRole(ctx, { membershipId: own.id, role: "admin" }), "conflict");
    expect(error.status).toBe(409);
    expect(await roleOf(own.id)).toBe("owner");
  });

  it("cannot leave", async () => {
    const { owner, workspace, ctx } = await createOwnerWithWorkspace("Stay Co");
    await addMember(workspace.id, "admin");
    const own = await ownerMembership(workspace.id, owner.id);
    await expectAppError(removeMember(ctx, { membershipId: own.id }), "conflict");
    expect(await roleOf(own.id)).toBe("owner");
  });

  it("is whoever remains after the other owner was demoted", async () => {
    const { owner, workspace } = await createOwnerWithWorkspace("Pair Co");
    const { user: second, membership: secondMembership } = await addMember(workspace.id, "owner");
    const secondCtx = await contextFor(second.id, workspace.slug);

    // With two owners, one may be demoted...
    await changeMemberRole(secondCtx, { membershipId: (await ownerMembership(workspace.id, owner.id)).id, role: "admin" });
    // ...but then the remaining one is the last.
    await expectAppError(changeMemberRole(secondCtx, { membershipId: secondMembership.id, role: "operator" }), "conflict");
    await expectAppError(removeMember(secondCtx, { membershipId: secondMembership.id }), "conflict");
    expect(await roleOf(secondMembership.id)).toBe("owner");
  });

  it("can leave or be removed when another owner remains", async () => {
    const { owner, workspace, ctx } = await createOwnerWithWorkspace("Handover Co");
    const { membership: coOwner } = await addMember(workspace.id, "owner");
    await expect(removeMember(ctx, { membershipId: (await ownerMembership(workspace.id, owner.id)).id })).resolves.toEqual({ left: true });
    expect(await roleOf(coOwner.id)).toBe("owner");
    expect(await db().auditLog.count({ where: { workspaceId: workspace.id, action: "member.left" } })).toBe(1);
  });
});

describe("admins and operators", () => {
  it("an admin cannot change or remove an owner, nor make anyone owner", async () => {
    const { owner, workspace } = await createOwnerWithWorkspace("Admin Limits Co");
    const { user: admin } = await addMember(workspace.id, "admin");
    const { membership: operator } = await addMember(workspace.id, "operator");
    const adminCtx = await contextFor(admin.id, workspace.slug);
    const own = await ownerMembership(workspace.id, owner.id);

    const error = await expectAppError(changeMemberRole(adminCtx, { membershipId: own.id, role: "admin" }), "forbidden");
    expect(error.status).toBe(403);
    await expectAppError(removeMember(adminCtx, { membershipId: own.id }), "forbidden");
    await expectAppError(changeMemberRole(adminCtx, { membershipId: operator.id, role: "owner" }), "forbidden");
    expect(await roleOf(own.id)).toBe("owner");
    expect(await roleOf(operator.id)).toBe("operator");
  });

  it("an admin manages admins and operators", async () => {
    const { workspace } = await createOwnerWithWorkspace("Admin Powers Co");
    const { user: admin } = await addMember(workspace.id, "admin");
    const { membership: operator } = await addMember(workspace.id, "operator");
    const adminCtx = await contextFor(admin.id, workspace.slug);

    await expect(changeMemberRole(adminCtx, { membershipId: operator.id, role: "admin" })).resolves.toMatchObject({ role: "admin" });
    await changeMemberRole(adminCtx, { membershipId: operator.id, role: "operator" });
    await removeMember(adminCtx, { membershipId: operator.id });
    expect(await roleOf(operator.id)).toBeNull();
    const log = await db().auditLog.findMany({ where: { workspaceId: workspace.id } });
    const described = log.map((l) => {
      const change = l.data as { from?: string; to?: string } | null;
      return change ? `${l.action} ${change.from} -> ${change.to}` : l.action;
    });
    expect(described.sort()).toEqual(["member.removed", "member.role_changed admin -> operator", "member.role_changed operator -> admin"]);
    expect(log.every((l) => l.actorId === admin.id)).toBe(true);
  });

  it("an operator can leave but not remove or change others", async () => {
    const { workspace } = await createOwnerWithWorkspace("Operator Co");
    const { user: operator, membership: own } = await addMember(workspace.id, "operator");
    const { membership: colleague } = await addMember(workspace.id, "operator", "colleague");
    const operatorCtx = await contextFor(operator.id, workspace.slug);

    await expectAppError(removeMember(operatorCtx, { membershipId: colleague.id }), "forbidden");
    await expectAppError(changeMemberRole(operatorCtx, { membershipId: colleague.id, role: "admin" }), "forbidden");
    await expectAppError(changeMemberRole(operatorCtx, { membershipId: own.id, role: "admin" }), "forbidden");
    await expect(removeMember(operatorCtx, { membershipId: own.id })).resolves.toEqual({ left: true });
    expect(await roleOf(colleague.id)).toBe("operator");
  });

  it("rejects an unknown role and an unknown member", async () => {
    const { workspace, ctx } = await createOwnerWithWorkspace("Input Co");
    const { membership } = await addMember(workspace.id, "operator");
    await expectZodError(changeMemberRole(ctx, { membershipId: membership.id, role: "superuser" }));
    await expectAppError(changeMemberRole(ctx, { membershipId: "c-no-such-member", role: "admin" }), "not_found");
    await expectAppError(removeMember(ctx, { membershipId: "c-no-such-member" }), "not_found");
  });
});

describe("listMembers", () => {
  it("lists the workspace's members with their roles", async () => {
    const { owner, workspace, ctx } = await createOwnerWithWorkspace("List Co");
    const { user: admin } = await addMember(workspace.id, "admin");
    const { members, invitations } = await listMembers(ctx);
    expect(members.map((m) => [m.email, m.role]).sort()).toEqual(
      [
        [owner.email, "owner"],
        [admin.email, "admin"],
      ].sort(),
    );
    expect(invitations).toEqual([]);
  });
});
