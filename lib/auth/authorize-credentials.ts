import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { consumeRateLimit, resetRateLimit } from "../rate-limit/rate-limit";
import { ZEmail } from "../validation/common";
import { burnPasswordCheck, verifyPassword } from "./password";

/**
 * Checks an email and password. Unknown emails cost the same time as wrong passwords.
 * Unverified accounts are refused with their own code so the login page can offer a
 * new verification link.
 */
export async function authorizeCredentials(input: { email: string; password: string }, meta: { ip: string }) {
  const parsed = ZEmail.safeParse(input.email);
  if (!parsed.success || !input.password) throw new AppError("unauthorized", "Wrong email or password.");
  const email = parsed.data;
  await consumeRateLimit("login", `${meta.ip}:${email}`);
  const user = await db().user.findUnique({ where: { email } });
  if (!user?.passwordHash) {
    await burnPasswordCheck(input.password);
    throw new AppError("unauthorized", "Wrong email or password.");
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    throw new AppError("unauthorized", "Wrong email or password.");
  }
  if (!user.emailVerifiedAt) throw new AppError("email_not_verified", "Please confirm your email address first.");
  await resetRateLimit("login", `${meta.ip}:${email}`);
  return { id: user.id, email: user.email, name: user.name, tokenVersion: user.tokenVersion };
}
