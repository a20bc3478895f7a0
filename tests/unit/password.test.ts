import { describe, expect, it } from "vitest";
import { hashPassword, PASSWORD_MIN_LENGTH, verifyPassword, ZPassword } from "@/lib/auth/password";

describe("password hashing (scrypt)", () => {
  it("verifies the password it hashed and nothing else", async () => {
    const hash = await hashPassword("Kaffee mit Milch 42");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain("Kaffee");
    expect(await verifyPassword("Kaffee mit Milch 42", hash)).toBe(true);
    expect(await verifyPassword("Kaffee mit Milch 43", hash)).toBe(false);
    expect(await verifyPassword("kaffee mit milch 42", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("same password 1"), hashPassword("same password 1")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password 1", b)).toBe(true);
  });

  it("treats canonically equivalent Unicode input as the same password", async () => {
    const hash = await hashPassword("Caf\u00e9 au lait!");
    expect(await verifyPassword("Cafe\u0301 au lait!", hash)).toBe(true);
  });

  it("rejects missing and malformed stored hashes", async () => {
    expect(await verifyPassword("anything at all", null)).toBe(false);
    expect(await verifyPassword("anything at all", undefined)).toBe(false);
    expect(await verifyPassword("anything at all", "")).toBe(false);
    expect(await verifyPassword("anything at all", "bcrypt$10$abc")).toBe(false);
    expect(await verifyPassword("anything at all", "scrypt$32768$8$1$onlysalt")).toBe(false);
  });
});

describe("password policy (ZPassword)", () => {
  const rejects = (password: string, message: RegExp) => {
    const result = ZPassword.safeParse(password);
    expect(result.success, `"${password}" should be rejected`).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join(" | ")).toMatch(message);
  };

  it("accepts a reasonable password", () => {
    expect(ZPassword.safeParse("blue-Harbor-7-lantern").success).toBe(true);
    expect(ZPassword.safeParse("abcd".repeat(50)).success).toBe(true);
  });

  it(`rejects passwords shorter than ${PASSWORD_MIN_LENGTH} characters`, () => {
    rejects("Sh0rt!pw", /at least 10 characters/);
    rejects("", /at least 10 characters/);
  });

  it("rejects passwords longer than 200 characters", () => {
    rejects("abcd".repeat(50) + "e", /at most 200 characters/);
  });

  it.each(["password123", "Password123", "PASSWORT123", "1234567890", "qwertzuiop", "chatwerk123"])(
    "rejects the common password %s (case-insensitively)",
    (password) => rejects(password, /too common/),
  );

  it.each(["aaaaaaaaaaaa", "abababababab", "abcabcabcabc", "1111122222"])("rejects the repetitive password %s", (password) =>
    rejects(password, /too repetitive/),
  );
});
