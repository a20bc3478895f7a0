import { db } from "../db/client";
import type { TransactionClient } from "../db/transaction";
import { AppError } from "../errors/app-error";
import { createSecret, hashSecret } from "./one-time-token";

export type TAuthTokenPurpose = "verify_email" | "reset_password";

const LIFETIME_MS: Record<TAuthTokenPurpose, number> = {
  verify_email: 24 * 60 * 60 * 1000,
  reset_password: 60 * 60 * 1000,
};

/** Issues a one-time token; earlier unused tokens of the same purpose stop working. */
export async function issueAuthToken(userId: string, purpose: TAuthTokenPurpose, tx: TransactionClient = db()) {
  const secret = createSecret();
  await tx.authToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: new Date() } });
  await tx.authToken.create({
    data: { userId, purpose, tokenHash: hashSecret(secret), expiresAt: new Date(Date.now() + LIFETIME_MS[purpose]) },
  });
  return secret;
}

/**
 * Marks a token used and returns its user id. Expired and reused tokens get a clear
 * error; the update is conditional so two concurrent uses cannot both succeed.
 */
export async function consumeAuthToken(secret: string, purpose: TAuthTokenPurpose, tx: TransactionClient = db()) {
  const token = await tx.authToken.findUnique({ where: { tokenHash: hashSecret(secret) } });
  if (!token || token.purpose !== purpose) throw new AppError("not_found", "This link is not valid.");
  if (token.usedAt) throw new AppError("gone", "This link has already been used.", { details: { reason: "used" } });
  if (token.expiresAt < new Date()) {
    throw new AppError("gone", "This link has expired. Request a new one.", { details: { reason: "expired" } });
  }
  const claimed = await tx.authToken.updateMany({
    where: { id: token.id, usedAt: null },
    data: { usedAt: new Date() },
  });
  if (claimed.count !== 1) throw new AppError("gone", "This link has already been used.", { details: { reason: "used" } });
  return token.userId;
}
