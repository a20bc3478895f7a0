import { createHash, randomBytes } from "node:crypto";

/** Random secrets for links and keys; only the SHA-256 hash is stored. */
export function createSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
