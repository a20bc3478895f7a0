import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { hashPassword, verifyPassword, ZPassword } from "./password";

/** Changes the password and bumps the token version, which signs out every other session. */
export async function changePassword(userId: string, input: { currentPassword: string; newPassword: string }) {
  ZPassword.parse(input.newPassword);
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("not_found", "Account not found.");
  if (user.passwordHash && !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError("validation_failed", "The current password is wrong.", { details: { field: "currentPassword" } });
  }
  const updated = await db().user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(input.newPassword), tokenVersion: { increment: 1 } },
    select: { tokenVersion: true },
  });
  await db().auditLog.create({ data: { actorId: userId, action: "user.password_changed", targetType: "user", targetId: userId } });
  return updated;
}

/** Revokes every session of the user (all devices). */
export async function signOutEverywhere(userId: string) {
  return db().user.update({ where: { id: userId }, data: { tokenVersion: { increment: 1 } }, select: { tokenVersion: true } });
}
