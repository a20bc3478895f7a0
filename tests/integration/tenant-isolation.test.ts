import { describe, expect, it } from "vitest";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/api-keys";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { inviteMember } from "@/lib/workspaces/invite-member";
import { changeMemberRole, listMembers, removeMember, revokeInvitation } from "@/lib/workspaces/manage-members";
import { requireMembership } from "@/lib/workspaces/require-membership";
import type { TWorkspaceContext } from "@/lib/workspaces/types";
import { expectAppError } from "../helpers/errors";
import { addMember, createOwnerWithWorkspace, uniqueEmail } from "../helpers/factories";
import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

/**
 * Guard (CONVENTIONS 2): workspace A's context asks for workspace B's rows. Every
 * service must answer not_found and leave B's data untouched. The probe returns the
 * violations it saw, so the broken twin below can prove it detects a leak.
 */
type TTenantServices = {
  requireMembership(userId: string, slug: string): Promise<unknown>;
  revokeApiKey(ctx: TWorkspaceContext, input: { apiKeyId: string }): Promise<unknown>;
  revokeInvitation(ctx: TWorkspaceContext, input: { invitationId: string }): Promise<unknown>;
  changeMemberRole(ctx: TWorkspaceContext, input: { membershipId: string; role: string }): Promise<unknown>;
  removeMember(ctx: TWorkspaceContext, input: { membershipId: string }): Promise<unknown>;
};

const appServices: TTenantServices = {
  requireMembership: (userId, slug) => requireMembership(userId, slug, ["operator"]),
  revokeApiKey,
  revokeInvitation,
  changeMemberRole,
  removeMember,
};

async function twoTenants() {
  const a = await createOwnerWithWorkspace("Tenant A");
  const b = await createOwnerWithWorkspace("Tenant B");
  const bKey = await createApiKey(b.ctx, { name: "B key" });
  await db().workspace.update({ where: { id: b.workspace.id }, data: { plan: "team" } });
  await inviteMember(b.ctx, { email: uniqueEmail("b-invitee"), role: "operator" }, { locale: "en" });
  const bInvitation = await db().invitation.findFirstOrThrow({ where: { workspaceId: b.workspace.id } });
  const { membership: bOperator } = await addMember(b.workspace.id, "operator", "b-operator");
  const bOwnerMembership = await db().membership.findFirstOrThrow({ where: { workspaceId: b.workspace.id, role: "owner" } });
  return { a, b, bKey, bInvitation, bOperator, bOwnerMembership };
}

async function crossTenantViolations(services: TTenantServices): Promise<string[]> {
  const { a, b, bKey, bInvitation, bOperator, bOwnerMembership } = await twoTenants();
  const violations: string[] = [];

  async function probe(name: string, call: () => Promise<unknown>, untouched: () => Promise<boolean>) {
    const outcome = await call().then(
      () => "succeeded",
      (e: unknown) => (e instanceof AppError ? e.code : `threw ${String(e)}`),
    );
    if (outcome !== "not_found") violations.push(`${name}: ${outcome} instead of not_found`);
    if (!(await untouched())) violations.push(`${name}: changed workspace B's data`);
  }

  await probe(
    "requireMembership",
    () => services.requireMembership(a.owner.id, b.workspace.slug),
    async () => true,
  );
  await probe(
    "revokeApiKey",
    () => services.revokeApiKey(a.ctx, { apiKeyId: bKey.id }),
    async () => (await db().apiKey.findUniqueOrThrow({ where: { id: bKey.id } })).revokedAt === null,
  );
  await probe(
    "revokeInvitation",
    () => services.revokeInvitation(a.ctx, { invitationId: bInvitation.id }),
    async () => (await db().invitation.findUniqueOrThrow({ where: { id: bInvitation.id } })).revokedAt === null,
  );
  await probe(
    "changeMemberRole",
    () => services.changeMemberRole(a.ctx, { membershipId: bOperator.id, role: "admin" }),
    async () => (await db().membership.findUnique({ where: { id: bOperator.id } }))?.role === "operator",
  );
  await probe(
    "removeMember",
    () => services.removeMember(a.ctx, { membershipId: bOwnerMembership.id }),
    async () => (await db().membership.findUnique({ where: { id: bOwnerMembership.id } })) !== null,
  );
  return violations;
}

describe("tenant isolation", () => {
  it("workspace A's context cannot see or change workspace B's rows", async () => {
    expect(await crossTenantViolations(appServices)).toEqual([]);
  });

  it("broken twin: the probe reports services that forget the workspace scope", async () => {
    const unscoped: TTenantServices = {
      requireMembership: async (userId, slug) => {
        const workspace = await db().workspace.findUniqueOrThrow({ where: { slug } });
        return { ctx: { workspaceId: workspace.id, actorId: userId, role: "owner" } };
      },
      revokeApiKey: (_ctx, { apiKeyId }) => db().apiKey.update({ where: { id: apiKeyId }, data: { revokedAt: new Date() } }),
      revokeInvitation: (_ctx, { invitationId }) => db().invitation.update({ where: { id: invitationId }, data: { revokedAt: new Date() } }),
      changeMemberRole: (_ctx, { membershipId, role }) =>
        db().membership.update({ where: { id: membershipId }, data: { role: role as "admin" } }),
      removeMember: (_ctx, { membershipId }) => db().membership.delete({ where: { id: membershipId } }),
    };
    const violations = await crossTenantViolations(unscoped);
    expect(violations).toEqual([
      "requireMembership: succeeded instead of not_found",
      "revokeApiKey: succeeded instead of not_found",
      "revokeApiKey: changed workspace B's data",
      "revokeInvitation: succeeded instead of not_found",
      "revokeInvitation: changed workspace B's data",
      "changeMemberRole: succeeded instead of not_found",
      "changeMemberRole: changed workspace B's data",
      "removeMember: succeeded instead of not_found",
      "removeMember: changed workspace B's data",
    ]);
  });

  it("a foreign workspace looks exactly like one that does not exist", async () => {
    const { a, b } = await twoTenants();
    const foreign = await expectAppError(requireMembership(a.owner.id, b.workspace.slug, ["operator"]), "not_found");
    const missing = await expectAppError(requireMembership(a.owner.id, "no-such-workspace", ["operator"]), "not_found");
    expect(foreign.message).toBe(missing.message);
    // A member without the role is told so (forbidden), which is not a leak: they belong there.
    const { user: operator } = await addMember(b.workspace.id, "operator", "b-op2");
    await expectAppError(requireMembership(operator.id, b.workspace.slug, ["admin"]), "forbidden");
  });

  it("lists show only the caller's workspace", async () => {
    const { a, b } = await twoTenants();
    await createApiKey(a.ctx, { name: "A key" });
    expect((await listApiKeys(a.ctx)).map((k) => k.name)).toEqual(["A key"]);
    const aMembers = await listMembers(a.ctx);
    expect(aMembers.members.map((m) => m.userId)).toEqual([a.owner.id]);
    expect(aMembers.invitations).toEqual([]);
    expect((await listMembers(b.ctx)).members).toHaveLength(2);
  });

  it("an API key resolves only its own workspace", async () => {
    const { a, b, bKey } = await twoTenants();
    const aKey = await createApiKey(a.ctx, { name: "A key" });
    const resolvedA = await authenticateApiKey(`Bearer ${aKey.secret}`);
    expect(resolvedA).toEqual({ apiKeyId: aKey.id, workspace: { id: a.workspace.id, slug: a.workspace.slug, name: "Tenant A" } });
    const resolvedB = await authenticateApiKey(`Bearer ${bKey.secret}`);
    expect(resolvedB.workspace.id).toBe(b.workspace.id);
  });
});
