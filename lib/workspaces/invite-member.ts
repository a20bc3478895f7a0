import { z } from "zod";
import { env } from "../config/env";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { createSecret, hashSecret } from "../auth/one-time-token";
import type { TLocale } from "../i18n/locale";
import { sendMail } from "../mail/send-mail";
import { invitationMail } from "../mail/templates";
import { workspaceLimits } from "../plans/plans";
import { consumeRateLimit } from "../rate-limit/rate-limit";
import { ZEmail, ZRole } from "../validation/common";
import { canAssignRole } from "./roles";
import type { TWorkspaceContext } from "./types";

export const ZInviteInput = z.object({ email: ZEmail, role: ZRole });
export type TInviteInput = z.input<typeof ZInviteInput>;

const INVITATION_DAYS = 7;

/**
 * Invites by email with a role. Seats (members plus open invitations) are limited by the
 * plan plus its extra seats (workspaceLimits); only owners can invite owners. A repeated
 * invitation replaces the open one.
 */
export async function inviteMember(ctx: TWorkspaceContext, raw: TInviteInput, meta: { locale: TLocale }) {
  const input = ZInviteInput.parse(raw);
  if (!canAssignRole(ctx.role, input.role)) throw new AppError("forbidden", "Only owners can invite owners.");
  await consumeRateLimit("invite", ctx.workspaceId);

  const secret = createSecret();
  const { workspace, inviter } = await db().$transaction(async (tx) => {
    // Lock the workspace row: concurrent invitations for the last seat count one at a time.
    await tx.$queryRaw`SELECT id FROM workspaces WHERE id = ${ctx.workspaceId} FOR UPDATE`;
    const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId } });
    const alreadyMember = await tx.membership.findFirst({
      where: { workspaceId: ctx.workspaceId, user: { email: input.email } },
    });
    if (alreadyMember) throw new AppError("conflict", "This person is already a member of the workspace.");
    await tx.invitation.updateMany({
      where: { workspaceId: ctx.workspaceId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const [members, openInvites] = await Promise.all([
      tx.membership.count({ where: { workspaceId: ctx.workspaceId } }),
      tx.invitation.count({
        where: { workspaceId: ctx.workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      }),
    ]);
    const limits = workspaceLimits(workspace);
    if (members + openInvites >= limits.seats) {
      throw new AppError(
        "conflict",
        `Your plan includes ${limits.seats} seats and all are taken (members and open invitations). Upgrade the plan, add seats or remove someone first.`,
      );
    }
    await tx.invitation.create({
      data: {
        workspaceId: ctx.workspaceId,
        email: input.email,
        role: input.role,
        tokenHash: hashSecret(secret),
        invitedById: ctx.actorId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
      },
    });
    await tx.auditLog.create({
      data: { workspaceId: ctx.workspaceId, actorId: ctx.actorId, action: "member.invited", data: { email: input.email, role: input.role } },
    });
    const inviter = await tx.user.findUnique({ where: { id: ctx.actorId }, select: { name: true, email: true } });
    return { workspace, inviter };
  });

  const url = `${env().baseUrl}/invite/${encodeURIComponent(secret)}`;
  await sendMail(
    invitationMail(
      input.email,
      url,
      { workspaceName: workspace.name, inviterName: inviter?.name || inviter?.email || "Chatwerk", role: input.role },
      meta.locale,
    ),
  );
  return { email: input.email, role: input.role };
}
