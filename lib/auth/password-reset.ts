import { env } from "../config/env";
import { db } from "../db/client";
import type { TLocale } from "../i18n/locale";
import { sendMail } from "../mail/send-mail";
import { resetPasswordMail } from "../mail/templates";
import { consumeRateLimit } from "../rate-limit/rate-limit";
import { ZEmail } from "../validation/common";
import { consumeAuthToken, issueAuthToken } from "./auth-tokens";
import { hashPassword, ZPassword } from "./password";

/** Emails a reset link if the account exists; the answer is the same either way. */
export async function requestPasswordReset(rawEmail: string, meta: { ip: string; locale: TLocale }) {
  const email = ZEmail.parse(rawEmail);
  await consumeRateLimit("passwordReset", meta.ip);
  await consumeRateLimit("passwordReset", `email:${email}`);
  const user = await db().user.findUnique({ where: { email } });
  if (!user) return;
  const secret = await issueAuthToken(user.id, "reset_password");
  const url = `${env().baseUrl}/reset-password?token=${encodeURIComponent(secret)}`;
  await sendMail(resetPasswordMail(user.email, url, (user.locale as TLocale) ?? meta.locale));
}

/**
 * Sets a new password from a reset link. Resetting also proves the address, and it
 * signs the user out everywhere (token version).
 */
export async function resetPassword(secret: string, newPassword: string) {
  ZPassword.parse(newPassword);
  const hash = await hashPassword(newPassword);
  return db().$transaction(async (tx) => {
    const userId = await consumeAuthToken(secret, "reset_password", tx);
    const user = await tx.user.update({
      where: { id: userId },
      data: { passwordHash: hash, tokenVersion: { increment: 1 }, emailVerifiedAt: new Date() },
      select: { id: true, email: true },
    });
    await tx.auditLog.create({ data: { actorId: userId, action: "user.password_reset", targetType: "user", targetId: userId } });
    return user;
  });
}
