import { describe, expect, it } from "vitest";
import { issueAuthToken } from "@/lib/auth/auth-tokens";
import { authorizeCredentials } from "@/lib/auth/authorize-credentials";
import { changePassword, signOutEverywhere } from "@/lib/auth/change-password";
import { userForToken } from "@/lib/auth/current-user";
import { deleteAccount } from "@/lib/auth/delete-account";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { verifyEmail } from "@/lib/auth/verify-email";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { db } from "@/lib/db/client";
import { listOutbox } from "@/lib/mail/send-mail";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { expectAppError, expectZodError } from "../helpers/errors";
import { addMember, createOwnerWithWorkspace, createUser, TEST_PASSWORD, uniqueEmail } from "../helpers/factories";
import { mailsTo, newMailTo, tokenParam } from "../helpers/outbox";
import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const meta = { ip: "203.0.113.30", locale: "en" as const };
const NEW_PASSWORD = "Leuchtturm-an-der-Küste-9";

async function resetLinkFor(email: string) {
  const { mail, url } = await newMailTo(email, () => requestPasswordReset(email, meta));
  expect(url.pathname).toBe("/reset-password");
  return { mail, token: tokenParam(url) };
}

describe("password reset", () => {
  it("mails a link that sets a new password once, signs out everywhere and proves the address", async () => {
    const user = await createUser({ verified: false });
    const { mail, token } = await resetLinkFor(user.email);
    expect(mail.subject).toMatch(/password/i);

    await expect(resetPassword(token, NEW_PASSWORD)).resolves.toEqual({ id: user.id, email: user.email });
    const after = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.tokenVersion).toBe(user.tokenVersion + 1);
    expect(after.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await userForToken(user.id, user.tokenVersion)).toBeNull();
    expect(await userForToken(user.id, after.tokenVersion)).toMatchObject({ id: user.id });

    await expect(authorizeCredentials({ email: user.email, password: NEW_PASSWORD }, meta)).resolves.toMatchObject({ id: user.id });
    await expectAppError(authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, meta), "unauthorized");

    await expectAppError(resetPassword(token, "Another-new-password-1"), "gone");
    await expect(authorizeCredentials({ email: user.email, password: NEW_PASSWORD }, meta)).resolves.toMatchObject({ id: user.id });
  });

  it("sends nothing and says nothing for an unknown address", async () => {
    const before = (await listOutbox(1000)).length;
    const email = uniqueEmail("unknown");
    await expect(requestPasswordReset(email, meta)).resolves.toBeUndefined();
    expect(await mailsTo(email)).toEqual([]);
    expect((await listOutbox(1000)).length).toBe(before);
  });

  it("keeps the link usable when the new password is refused by the policy", async () => {
    const user = await createUser();
    const { token } = await resetLinkFor(user.email);
    await expectZodError(resetPassword(token, "short"));
    await expectZodError(resetPassword(token, "password123"));
    await resetPassword(token, NEW_PASSWORD);
  });

  it("stops an older link working when a new one is requested", async () => {
    const user = await createUser();
    const { token: first } = await resetLinkFor(user.email);
    const { token: second } = await resetLinkFor(user.email);
    await expectAppError(resetPassword(first, NEW_PASSWORD), "gone");
    await resetPassword(second, NEW_PASSWORD);
  });

  it("refuses an expired link and a verification link", async () => {
    const user = await createUser();
    const { token } = await resetLinkFor(user.email);
    await db().authToken.updateMany({ where: { userId: user.id, purpose: "reset_password" }, data: { expiresAt: new Date(Date.now() - 1) } });
    await expectAppError(resetPassword(token, NEW_PASSWORD), "gone");

    const unverified = await createUser({ verified: false });
    const verifyToken = await issueAuthToken(unverified.id, "verify_email");
    await expectAppError(resetPassword(verifyToken, NEW_PASSWORD), "not_found");
    await verifyEmail(verifyToken);
  });

  it("limits requests per address", async () => {
    const user = await createUser();
    for (let i = 0; i < 5; i++) await requestPasswordReset(user.email, { ...meta, ip: `198.51.100.${i + 1}` });
    await expectAppError(requestPasswordReset(user.email, { ...meta, ip: "198.51.100.99" }), "rate_limited");
    expect(await mailsTo(user.email)).toHaveLength(5);
  });
});

describe("changePassword", () => {
  it("refuses a wrong current password and changes nothing", async () => {
    const user = await createUser();
    const error = await expectAppError(changePassword(user.id, { currentPassword: "not my password", newPassword: NEW_PASSWORD }), "validation_failed");
    expect(error.details).toEqual({ field: "currentPassword" });
    const after = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.tokenVersion).toBe(user.tokenVersion);
    expect(after.passwordHash).toBe(user.passwordHash);
  });

  it("refuses a weak new password", async () => {
    const user = await createUser();
    await expectZodError(changePassword(user.id, { currentPassword: TEST_PASSWORD, newPassword: "aaaaaaaaaaaa" }));
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
  });

  it("changes the password and revokes every existing session", async () => {
    const user = await createUser();
    expect(await userForToken(user.id, user.tokenVersion)).not.toBeNull();

    const result = await changePassword(user.id, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(result.tokenVersion).toBe(user.tokenVersion + 1);
    expect(await userForToken(user.id, user.tokenVersion)).toBeNull();
    expect(await userForToken(user.id, result.tokenVersion)).toMatchObject({ id: user.id, hasPassword: true });
    await expect(authorizeCredentials({ email: user.email, password: NEW_PASSWORD }, meta)).resolves.toMatchObject({
      tokenVersion: result.tokenVersion,
    });
    expect(await db().auditLog.count({ where: { actorId: user.id, action: "user.password_changed" } })).toBe(1);
  });

  it("signOutEverywhere revokes sessions without touching the password", async () => {
    const user = await createUser();
    const { tokenVersion } = await signOutEverywhere(user.id);
    expect(tokenVersion).toBe(user.tokenVersion + 1);
    expect(await userForToken(user.id, user.tokenVersion)).toBeNull();
    await authorizeCredentials({ email: user.email, password: TEST_PASSWORD }, meta);
  });
});

describe("deleteAccount", () => {
  it("refuses a wrong confirmation or password and keeps everything", async () => {
    const { owner, workspace } = await createOwnerWithWorkspace("Keep Me");
    const wrongEmail = await expectAppError(deleteAccount(owner.id, { password: TEST_PASSWORD, confirmEmail: "someone-else@example.com" }), "validation_failed");
    expect(wrongEmail.details).toEqual({ field: "confirmEmail" });
    const wrongPassword = await expectAppError(deleteAccount(owner.id, { password: "not my password", confirmEmail: owner.email }), "validation_failed");
    expect(wrongPassword.details).toEqual({ field: "password" });
    await expectAppError(deleteAccount(owner.id, { confirmEmail: owner.email }), "validation_failed");
    expect(await db().user.findUnique({ where: { id: owner.id } })).not.toBeNull();
    expect(await db().workspace.findUnique({ where: { id: workspace.id } })).not.toBeNull();
  });

  it("deletes the user with the workspaces only they belong to, and leaves shared ones", async () => {
    const { owner, workspace: own, ctx } = await createOwnerWithWorkspace("Solo Shop");
    await createApiKey(ctx, { name: "solo key" });
    const { owner: otherOwner, workspace: shared } = await createOwnerWithWorkspace("Shared Shop");
    await db().membership.create({ data: { workspaceId: shared.id, userId: owner.id, role: "admin" } });

    const result = await deleteAccount(owner.id, { password: TEST_PASSWORD, confirmEmail: `  ${owner.email.toUpperCase()} ` });
    expect(result).toEqual({ deletedWorkspaces: 1 });
    expect(await db().user.findUnique({ where: { id: owner.id } })).toBeNull();
    expect(await db().workspace.findUnique({ where: { id: own.id } })).toBeNull();
    expect(await db().apiKey.count({ where: { workspaceId: own.id } })).toBe(0);
    expect(await db().membership.count({ where: { userId: owner.id } })).toBe(0);
    const remaining = await db().membership.findMany({ where: { workspaceId: shared.id } });
    expect(remaining.map((m) => m.userId)).toEqual([otherOwner.id]);
  });

  it("refuses while the user is the last owner of a workspace with other members", async () => {
    const { owner, workspace } = await createOwnerWithWorkspace("Team Shop");
    await addMember(workspace.id, "admin");
    const solo = await createWorkspace({ name: "Side Project", ownerId: owner.id });

    const error = await expectAppError(deleteAccount(owner.id, { password: TEST_PASSWORD, confirmEmail: owner.email }), "conflict");
    expect(error.status).toBe(409);
    expect(error.message).toContain("Team Shop");
    expect(await db().user.findUnique({ where: { id: owner.id } })).not.toBeNull();
    expect(await db().workspace.findUnique({ where: { id: solo.id } })).not.toBeNull();
    expect(await db().membership.count({ where: { workspaceId: workspace.id } })).toBe(2);
  });

  it("allows it when another owner remains", async () => {
    const { owner, workspace } = await createOwnerWithWorkspace("Two Owners");
    const { user: coOwner } = await addMember(workspace.id, "owner");
    await deleteAccount(owner.id, { password: TEST_PASSWORD, confirmEmail: owner.email });
    const members = await db().membership.findMany({ where: { workspaceId: workspace.id } });
    expect(members).toEqual([expect.objectContaining({ userId: coOwner.id, role: "owner" })]);
  });
});
