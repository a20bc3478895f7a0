import { RATE_LIMITS } from "@/lib/rate-limit/rate-limit";
import { describe, expect, it } from "vitest";
import { authorizeCredentials } from "@/lib/auth/authorize-credentials";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { signUp } from "@/lib/auth/sign-up";
import { resendVerification, verifyEmail } from "@/lib/auth/verify-email";
import { db } from "@/lib/db/client";
import { listOutbox } from "@/lib/mail/send-mail";
import { expectAppError, expectZodError } from "../helpers/errors";
import { uniqueEmail } from "../helpers/factories";
import { mailsTo, newMailTo, tokenParam } from "../helpers/outbox";
import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const PASSWORD = "Sonnenblume-im-Garten-7";
const meta = { ip: "203.0.113.10" };

async function counts() {
  const [users, workspaces, memberships, tokens, mails] = await Promise.all([
    db().user.count(),
    db().workspace.count(),
    db().membership.count(),
    db().authToken.count(),
    listOutbox(1000).then((m) => m.length),
  ]);
  return { users, workspaces, memberships, tokens, mails };
}

describe("signUp", () => {
  it("creates an unverified user who owns a new workspace and mails a working verification link", async () => {
    const email = uniqueEmail("anna");
    let result: Awaited<ReturnType<typeof signUp>> | undefined;
    const { mail, url } = await newMailTo(email, async () => {
      result = await signUp({ name: "Anna Schmidt", email, password: PASSWORD, workspaceName: "Bäckerei Schmidt", locale: "de" }, meta);
    });
    expect(result).toEqual({ workspaceSlug: "backerei-schmidt", verified: false });

    const user = await db().user.findUniqueOrThrow({ where: { email }, include: { memberships: { include: { workspace: true } } } });
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.name).toBe("Anna Schmidt");
    expect(user.locale).toBe("de");
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
    expect(user.memberships).toHaveLength(1);
    expect(user.memberships[0]).toMatchObject({ role: "owner", workspace: { slug: "backerei-schmidt", name: "Bäckerei Schmidt", plan: "free" } });

    expect(mail.subject).toBe("Bitte bestätigen Sie Ihre E-Mail-Adresse");
    expect(url.pathname).toBe("/verify-email");
    await expectAppError(authorizeCredentials({ email, password: PASSWORD }, meta), "email_not_verified");

    await expect(verifyEmail(tokenParam(url))).resolves.toEqual({ id: user.id, email });
    const verified = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(verified.emailVerifiedAt).toBeInstanceOf(Date);
    await expect(authorizeCredentials({ email, password: PASSWORD }, meta)).resolves.toMatchObject({ id: user.id });
  });

  it("normalises the email address and names the workspace after the person when no name is given", async () => {
    const local = uniqueEmail("ben");
    let result: Awaited<ReturnType<typeof signUp>> | undefined;
    const { mail } = await newMailTo(local, async () => {
      result = await signUp({ name: "Ben Ode", email: `  ${local.toUpperCase()} `, password: PASSWORD, locale: "en" }, meta);
    });
    const user = await db().user.findUniqueOrThrow({ where: { email: local }, include: { memberships: { include: { workspace: true } } } });
    expect(user.memberships[0]!.workspace.name).toBe("Ben's workspace");
    expect(result!.workspaceSlug).toBe(user.memberships[0]!.workspace.slug);
    expect(mail.subject).toBe("Please confirm your email address");
  });

  it("gives a second workspace with the same name its own slug", async () => {
    const first = await signUp({ name: "Cem", email: uniqueEmail("cem"), password: PASSWORD, workspaceName: "Pizzeria Roma", locale: "en" }, meta);
    const second = await signUp({ name: "Dora", email: uniqueEmail("dora"), password: PASSWORD, workspaceName: "Pizzeria Roma", locale: "en" }, meta);
    expect(first.workspaceSlug).toBe("pizzeria-roma");
    expect(second.workspaceSlug).toMatch(/^pizzeria-roma-[0-9a-f]{6}$/);
  });

  it("refuses a taken email address (in any case) with 409 and writes nothing", async () => {
    const email = uniqueEmail("emil");
    await signUp({ name: "Emil", email, password: PASSWORD, locale: "en" }, meta);
    const before = await counts();

    const error = await expectAppError(
      signUp({ name: "Emil Again", email: email.toUpperCase(), password: PASSWORD, workspaceName: "Second Try", locale: "en" }, meta),
      "conflict",
    );
    expect(error.status).toBe(409);
    expect(await counts()).toEqual(before);
    expect(await db().workspace.findFirst({ where: { name: "Second Try" } })).toBeNull();
  });

  it("lets only one of two simultaneous sign-ups with the same address through", async () => {
    const email = uniqueEmail("twin");
    const before = await counts();
    const results = await Promise.allSettled([
      signUp({ name: "Twin One", email, password: PASSWORD, locale: "en" }, meta),
      signUp({ name: "Twin Two", email, password: PASSWORD, locale: "en" }, meta),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "conflict" });
    const after = await counts();
    expect(after.users - before.users).toBe(1);
    expect(after.workspaces - before.workspaces).toBe(1);
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it.each([
    ["too short", "kurz1!"],
    ["too common", "Passwort123"],
    ["too repetitive", "abababababab"],
  ])("rejects a weak password (%s) before writing anything", async (_, password) => {
    const email = uniqueEmail("weak");
    const before = await counts();
    const error = await expectZodError(signUp({ name: "Weak", email, password, locale: "en" }, meta));
    expect(error.issues[0]!.path).toEqual(["password"]);
    expect(await counts()).toEqual(before);
    expect(await db().user.findUnique({ where: { email } })).toBeNull();
  });

  it("limits sign-ups per IP address", async () => {
    const ip = "198.51.100.77";
    for (let i = 0; i < RATE_LIMITS.signup.points; i++) {
      await signUp({ name: `Burst ${i}`, email: uniqueEmail("burst"), password: PASSWORD, locale: "en" }, { ip });
    }
    const before = await counts();
    const error = await expectAppError(signUp({ name: "Burst", email: uniqueEmail("burst"), password: PASSWORD, locale: "en" }, { ip }), "rate_limited");
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
  });
});

describe("verifyEmail", () => {
  async function signUpFresh(label: string) {
    const email = uniqueEmail(label);
    const { url } = await newMailTo(email, () => signUp({ name: label, email, password: PASSWORD, locale: "en" }, meta));
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    return { email, user, token: tokenParam(url) };
  }

  it("works once; the same link again is gone", async () => {
    const { user, token } = await signUpFresh("once");
    await verifyEmail(token);
    const verifiedAt = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt;
    expect(verifiedAt).toBeInstanceOf(Date);

    const error = await expectAppError(verifyEmail(token), "gone");
    expect(error.status).toBe(410);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toEqual(verifiedAt);
  });

  it("does not accept a password-reset token", async () => {
    const { email, user } = await signUpFresh("purpose");
    const { url } = await newMailTo(email, () => requestPasswordReset(email, { ip: meta.ip, locale: "en" }));
    expect(url.pathname).toBe("/reset-password");

    await expectAppError(verifyEmail(tokenParam(url)), "not_found");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();
  });

  it("refuses an expired link and leaves the account unverified", async () => {
    const { user, token } = await signUpFresh("expired");
    await db().authToken.updateMany({ where: { userId: user.id, purpose: "verify_email" }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const error = await expectAppError(verifyEmail(token), "gone");
    expect(error.message).toMatch(/expired/);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();
  });

  it("stops the old link working when a new one is sent", async () => {
    const { email, user, token: oldToken } = await signUpFresh("resend");
    const { url } = await newMailTo(email, () => resendVerification(email, { ip: meta.ip, locale: "en" }));
    expect(await mailsTo(email)).toHaveLength(2);
    const newToken = tokenParam(url);
    expect(newToken).not.toBe(oldToken);

    await expectAppError(verifyEmail(oldToken), "gone");
    await verifyEmail(newToken);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeInstanceOf(Date);
  });

  it("sends no new link to verified or unknown addresses, without saying so", async () => {
    const { email, token } = await signUpFresh("quiet");
    await verifyEmail(token);
    const before = (await listOutbox(1000)).length;
    await expect(resendVerification(email, { ip: meta.ip, locale: "en" })).resolves.toBeUndefined();
    await expect(resendVerification(uniqueEmail("nobody"), { ip: meta.ip, locale: "en" })).resolves.toBeUndefined();
    expect((await listOutbox(1000)).length).toBe(before);
  });

  it.each(["", "not-a-real-token", "x".repeat(201)])("treats %j as an invalid link", async (token) => {
    await expectAppError(verifyEmail(token), "not_found");
  });

  it("stores only a hash of the token", async () => {
    const { user, token } = await signUpFresh("hash");
    const rows = await db().$queryRaw<Record<string, unknown>[]>`SELECT * FROM auth_tokens WHERE user_id = ${user.id}`;
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});
