import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { googleSignIn } from "@/lib/auth/google-sign-in";
import { db } from "@/lib/db/client";
import { createUser, uniqueEmail } from "../helpers/factories";
import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const sub = () => `google-${randomBytes(6).toString("hex")}`;

describe("googleSignIn", () => {
  it("creates a verified user with a workspace of their own for a new Google account", async () => {
    const email = uniqueEmail("gina");
    const googleId = sub();
    const result = await googleSignIn({ sub: googleId, email: email.toUpperCase(), emailVerified: true, name: "Gina Rossi", locale: "en-GB" });
    expect(result.ok).toBe(true);
    const user = await db().user.findUniqueOrThrow({ where: { email }, include: { accounts: true, memberships: { include: { workspace: true } } } });
    expect(user).toMatchObject({ name: "Gina Rossi", locale: "en", passwordHash: null });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(user.accounts).toEqual([expect.objectContaining({ provider: "google", providerAccountId: googleId })]);
    expect(user.memberships).toEqual([expect.objectContaining({ role: "owner", workspace: expect.objectContaining({ name: "Gina's workspace" }) })]);

    // The next sign-in finds the link and creates nothing new.
    const workspaces = await db().workspace.count();
    expect(await googleSignIn({ sub: googleId, email, emailVerified: true })).toEqual({ ok: true, userId: user.id });
    expect(await db().workspace.count()).toBe(workspaces);
  });

  it("refuses a Google address Google has not verified", async () => {
    const email = uniqueEmail("unverified-google");
    expect(await googleSignIn({ sub: sub(), email, emailVerified: false })).toEqual({ ok: false, reason: "unverified_google_email" });
    expect(await db().user.findUnique({ where: { email } })).toBeNull();
  });

  it("never takes over an unverified password account with the same address", async () => {
    const local = await createUser({ verified: false });
    expect(await googleSignIn({ sub: sub(), email: local.email, emailVerified: true })).toEqual({ ok: false, reason: "unverified_local_account" });
    expect(await db().account.count({ where: { userId: local.id } })).toBe(0);
    expect((await db().user.findUniqueOrThrow({ where: { id: local.id } })).emailVerifiedAt).toBeNull();
  });

  it("links Google to a verified password account with the same address", async () => {
    const local = await createUser();
    const googleId = sub();
    expect(await googleSignIn({ sub: googleId, email: local.email, emailVerified: true })).toEqual({ ok: true, userId: local.id });
    expect(await db().account.findMany({ where: { userId: local.id } })).toEqual([expect.objectContaining({ providerAccountId: googleId })]);
    expect(await db().membership.count({ where: { userId: local.id } })).toBe(0);
  });
});
