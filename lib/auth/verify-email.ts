import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { TLocale } from "../i18n/locale";
import { consumeRateLimit } from "../rate-limit/rate-limit";
import { ZEmail } from "../validation/common";
import { consumeAuthToken, issueAuthToken } from "./auth-tokens";
import { sendVerificationMail } from "./sign-up";

export async function verifyEmail(secret: string) {
  if (!secret || secret.length > 200) throw new AppError("not_found", "This link is not valid.");
  return db().$transaction(async (tx) => {
    const userId = await consumeAuthToken(secret, "verify_email", tx);
    return tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() }, select: { id: true, email: true } });
  });
}

/** Sends a fresh link; says nothing about whether the address exists. */
export async function resendVerification(rawEmail: string, meta: { ip: string; locale: TLocale }) {
  const email = ZEmail.parse(rawEmail);
  await consumeRateLimit("verifyResend", `${meta.ip}:${email}`);
  const user = await db().user.findUnique({ where: { email } });
  if (!user || user.emailVerifiedAt || !user.passwordHash) return;
  const secret = await issueAuthToken(user.id, "verify_email");
  await sendVerificationMail(user.email, secret, (user.locale as TLocale) ?? meta.locale);
}
