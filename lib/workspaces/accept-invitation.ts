import { db } from "../db/client";
import type { TransactionClient } from "../db/transaction";
import { AppError } from "../errors/app-error";
import { hashSecret } from "../auth/one-time-token";

/** Looks an invitation up by its secret for the invitation page. */
export async function getInvitation(secret: string) {
  if (!secret || secret.length > 200) return null;
  return db().invitation.findUnique({
    where: { tokenHash: hashSecret(secret) },
    include: {
      workspace: { select: { name: true, slug: true } },
      invitedBy: { select: { name: true, email: true } },
    },
  });
}

export function invitationState(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }) {
  if (inv.acceptedAt) return "accepted" as const;
  if (inv.revokedAt) return "revoked" as const;
  if (inv.expiresAt < new Date()) return "expired" as const;
  return "open" as const;
}

/**
 * Accepts an invitation for a signed-in user whose email matches it. The invitation can
 * be used once; the conditional update makes concurrent accepts safe.
 */
export async function acceptInvitation(secret: string, user: { id: string; email: string }, tx?: TransactionClient) {
  const run = async (t: TransactionClient) => {
    const inv = await t.invitation.findUnique({
      where: { tokenHash: hashSecret(secret) },
      include: { workspace: { select: { slug: true } } },
    });
    if (!inv) throw new AppError("not_found", "This invitation does not exist.");
    const state = invitationState(inv);
    if (state === "accepted") throw new AppError("gone", "This invitation has already been accepted.");
    if (state === "revoked") throw new AppError("gone", "This invitation was withdrawn.");
    if (state === "expired") throw new AppError("gone", "This invitation has expired. Ask for a new one.");
    if (inv.email !== user.email.toLowerCase()) {
      throw new AppError("forbidden", `This invitation was sent to ${inv.email}. Sign in with that address to accept it.`);
    }
    const claimed = await t.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) throw new AppError("gone", "This invitation has already been accepted.");
    const existing = await t.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: inv.workspaceId, userId: user.id } },
    });
    if (!existing) {
      await t.membership.create({ data: { workspaceId: inv.workspaceId, userId: user.id, role: inv.role } });
    }
    await t.auditLog.create({
      data: { workspaceId: inv.workspaceId, actorId: user.id, action: "member.joined", data: { role: inv.role } },
    });
    return { workspaceSlug: inv.workspace.slug, role: inv.role };
  };
  return tx ? run(tx) : db().$transaction(run);
}
