import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { z } from "zod";

/**
 * scrypt (memory-hard, in Node's standard library) instead of argon2id: no native
 * addon to build offline. Format: scrypt$N$r$p$salt$hash (base64url).
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1, keylen: 32 } as const;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize("NFKC"), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS.keylen, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p, maxmem: 128 * PARAMS.N * PARAMS.r * 2 });
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  if (!stored) return false;
  const [scheme, n, r, p, saltB64, keyB64] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, "base64url");
  const N = Number(n);
  const actual = await scrypt(password, Buffer.from(saltB64, "base64url"), expected.length, {
    N,
    r: Number(r),
    p: Number(p),
    maxmem: 128 * N * Number(r) * 2,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A dummy hash to spend the same time when the user does not exist. */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("chatwerk-timing-equaliser");
  await verifyPassword(password, await dummyHash);
}

const COMMON = new Set([
  "password", "passwort", "password1", "password123", "1234567890", "12345678910", "qwertzuiop",
  "qwertyuiop", "iloveyou12", "letmein123", "hallo12345", "passwort1", "passwort123", "welcome123",
  "chatwerk123", "admin12345", "abc1234567", "1q2w3e4r5t",
]);

export const PASSWORD_MIN_LENGTH = 10;

export const ZPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must have at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, "Password must have at most 200 characters")
  .refine((v) => !COMMON.has(v.toLowerCase()), "This password is too common")
  .refine((v) => new Set(v).size >= 4, "Password is too repetitive");
