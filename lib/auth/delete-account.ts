import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { verifyPassword } from "./password";

/**
 * Deletes the account. Workspaces where the user is the only member go with it; a
 * workspace with other members must get another owner first, so nothing is orphaned.
 */
export async function deleteAccount(userId: string, input: { password?: string; confirmEmail: string }) {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("not_found", "Account not found.");
  if (input.confirmEmail.trim().toLowerCase() !== user.email) {
    throw new AppError("validation_failed", "Type your email address to confirm.", { details: { field: "confirmEmail" } });
  }
  if (user.passwordHash && !(await verifyPassword(input.password ?? "", user.passwordHash))) {
    throw new AppError("validation_failed", "The password is wrong.", { details: { field: "password" } });
  }
  return db().$transaction(async (tx) => {
    // Lock every membership of the user's workspaces so two co-owners deleting their
    // accounts at once cannot both pass the last-owner check.
    await tx.$queryRaw`
      SELECT id FROM memberships
      WHERE workspace_id IN (SELECT workspace_id FROM memberships WHERE user_id = ${userId})
      ORDER BY id FOR UPDATE`;
    const memberships = await tx.membership.findMany({
      where: { userId },
      include: { workspace: { include: { memberships: { select: { userId: true, role: true } } } } },
    });
    const soleWorkspaces: string[] = [];
    for (const m of memberships) {
      const others = m.workspace.memberships.filter((x) => x.userId !== userId);
      if (others.length === 0) {
        soleWorkspaces.push(m.workspaceId);
      } else if (m.role === "owner" && !others.some((x) => x.role === "owner")) {
        throw new AppError(
          "conflict",
          `You are the last owner of "${m.workspace.name}". Make another member owner or remove the members first.`,
        );
      }
    }
    await tx.workspace.deleteMany({ where: { id: { in: soleWorkspaces } } });
    await tx.user.delete({ where: { id: userId } });
    return { deletedWorkspaces: soleWorkspaces.length };
  });
}
