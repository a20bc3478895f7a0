import { db } from "../db/client";
import type { TransactionClient } from "../db/transaction";
import { AppError } from "../errors/app-error";
import { ZRole, type TRole } from "../validation/common";
import { canAssignRole } from "./roles";
import type { TWorkspaceContext } from "./types";

export async function listMembers(ctx: TWorkspaceContext) {
  const [members, invitations] = await Promise.all([
    db().membership.findMany({
      where: { workspaceId: ctx.workspaceId },
      include: { user: { select: { id: true, email: true, name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db().invitation.findMany({
      where: { workspaceId: ctx.workspaceId, acceptedAt: null, revokedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    }),
  ]);
  return {
    members: members.map((m) => ({ id: m.id, userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, createdAt: m.createdAt })),
    invitations: invitations.map((i) => ({ ...i, expired: i.expiresAt < new Date() })),
  };
}

async function loadTarget(tx: TransactionClient, ctx: TWorkspaceContext, membershipId: string) {
  const target = await tx.membership.findFirst({ where: { id: membershipId, workspaceId: ctx.workspaceId } });
  if (!target) throw new AppError("not_found", "Member not found.");
  return target;
}

async function assertNotLastOwner(tx: TransactionClient, workspaceId: string, membership: { role: TRole }) {
  if (membership.role !== "owner") return;
  // Lock the owner rows so two concurrent demotions cannot both pass the check.
  const owners = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM memberships WHERE workspace_id = ${workspaceId} AND role = 'owner' FOR UPDATE`;
  if (owners.length <= 1) {
    throw new AppError("conflict", "A workspace needs at least one owner. Make someone else owner first.");
  }
}

export async function changeMemberRole(ctx: TWorkspaceContext, input: { membershipId: string; role: string }) {
  const role = ZRole.parse(input.role);
  return db().$transaction(async (tx) => {
    const target = await loadTarget(tx, ctx, input.membershipId);
    if (!canAssignRole(ctx.role, role) || !canAssignRole(ctx.role, target.role)) {
      throw new AppError("forbidden", "Only owners can grant or change the owner role.");
    }
    if (target.role === role) return target;
    if (target.role === "owner") await assertNotLastOwner(tx, ctx.workspaceId, target);
    const updated = await tx.membership.update({ where: { id: target.id }, data: { role } });
    await tx.auditLog.create({
      data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "member.role_changed", targetType: "membership", targetId: target.id, data: { from: target.role, to: role } },
    });
    return updated;
  });
}

/** Removes a member (or yourself: leaving). The last owner can do neither. */
export async function removeMember(ctx: TWorkspaceContext, input: { membershipId: string }) {
  return db().$transaction(async (tx) => {
    const target = await loadTarget(tx, ctx, input.membershipId);
    const self = target.userId === ctx.actorId;
    if (!self && !canAssignRole(ctx.role, target.role)) {
      throw new AppError("forbidden", "Only owners can remove owners.");
    }
    if (!self && ctx.role === "operator") throw new AppError("forbidden", "Your role does not allow this.");
    await assertNotLastOwner(tx, ctx.workspaceId, target);
    await tx.membership.delete({ where: { id: target.id } });
    await tx.auditLog.create({
      data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: self ? "member.left" : "member.removed", targetType: "user", targetId: target.userId },
    });
    return { left: self };
  });
}

export async function revokeInvitation(ctx: TWorkspaceContext, input: { invitationId: string }) {
  const result = await db().invitation.updateMany({
    where: { id: input.invitationId, workspaceId: ctx.workspaceId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) throw new AppError("not_found", "Invitation not found.");
}
