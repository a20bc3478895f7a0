import { db, Prisma } from "../db/client";
import type { TransactionClient } from "../db/transaction";
import { AppError } from "../errors/app-error";
import type { TLocale } from "../i18n/locale";
import { ZEmail } from "../validation/common";
import { hashPassword, ZPassword } from "./password";

/**
 * Creates a password user. `verified` is for the admin CLI and the demo seed only. Pass a
 * precomputed `passwordHash` when calling inside a transaction: hashing is slow and the
 * embedded database runs one transaction at a time.
 */
export async function createPasswordUser(
  input: { email: string; password: string; passwordHash?: string; name?: string; locale?: TLocale; verified?: boolean },
  tx: TransactionClient = db(),
) {
  const email = ZEmail.parse(input.email);
  ZPassword.parse(input.password);
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw new AppError("conflict", "An account with this email address already exists.");
  try {
    return await tx.user.create({
      data: {
        email,
        name: input.name?.trim() || null,
        passwordHash: input.passwordHash ?? (await hashPassword(input.password)),
        locale: input.locale ?? "de",
        emailVerifiedAt: input.verified ? new Date() : null,
      },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "An account with this email address already exists.");
    }
    throw error;
  }
}
