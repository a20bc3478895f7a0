import { describe, expect, it } from "vitest";
import { signUp } from "@/lib/auth/sign-up";
import { db } from "@/lib/db/client";
import { acceptInvitation, getInvitation } from "@/lib/workspaces/accept-invitation";
import { inviteMember } from "@/lib/workspaces/invite-member";
import { listMembers, revokeInvitation } from "@/lib/workspaces/manage-members";
import { expectAppError } from "../helpers/errors";
import { addMember, contextFor, createOwnerWithWorkspace, createUser, uniqueEmail } from "../helpers/factories";
import { invitationSecret, mailsTo, newMailTo } from "../helpers/outbox";
import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const meta = { locale: "en" as const };

async function invite(ctx: Parameters<typeof inviteMember>[0], email: string, role: "owner" | "admin" | "operator" = "operator") {
  const { mail, url } = await newMailTo(email.trim().toLowerCase(), () => inviteMember(ctx, { email, role }, meta));
  return { mail, secret: invitationSecret(url) };
}

describe("inviteMember", () => {
  it("mails an invitation link and stores only a hash of its secret", async () => {
    const { ctx, workspace } = await createOwnerWithWorkspace("Invite Co");
    const email = uniqueEmail("invitee");
    const { mail, secret } = await invite(ctx, email, "admin");
    expect(mail.subject).toContain("Invite Co");
    expect(mail.text).toContain("admin");

    const rows = await db().$queryRaw<Record<string, unknown>[]>`SELECT * FROM invitations WHERE workspace_id = ${workspace.id}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ email, role: "admin", invited_by_id: ctx.actorId, accepted_at: null, revoked_at: null });
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(await getInvitation(secret)).toMatchObject({ email, workspace: { slug: workspace.slug } });
  });

  it("lets only owners invite owners", async () => {
    const { workspace } = await createOwnerWithWorkspace("Roles Co");
    await db().workspace.update({ where: { id: workspace.id }, data: { plan: "team" } });
    const { user: admin } = await addMember(workspace.id, "admin");
    const { user: operator } = await addMember(workspace.id, "operator");
    const adminCtx = await contextFor(admin.id, workspace.slug);
    const operatorCtx = await contextFor(operator.id, workspace.slug);
    const email = uniqueEmail("would-be-owner");

    const error = await expectAppError(inviteMember(adminCtx, { email, role: "owner" }, meta), "forbidden");
    expect(error.status).toBe(403);
    await expectAppError(inviteMember(operatorCtx, { email, role: "operator" }, meta), "forbidden");
    expect(await db().invitation.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await mailsTo(email)).toEqual([]);

    await invite(adminCtx, email, "admin");
  });

  it("counts members and open invitations against the plan's seats (free: 2)", async () => {
    const { ctx, workspace } = await createOwnerWithWorkspace("Seats Co");
    const first = uniqueEmail("seat-one");
    await invite(ctx, first);

    const second = uniqueEmail("seat-two");
    const error = await expectAppError(inviteMember(ctx, { email: second, role: "operator" }, meta), "conflict");
    expect(error.message).toMatch(/2 seats/);
    expect(await mailsTo(second)).toEqual([]);

    // Inviting the same person again replaces their open invitation rather than taking a seat.
    await invite(ctx, first, "admin");
    const open = await db().invitation.findMany({ where: { workspaceId: workspace.id, revokedAt: null } });
    expect(open).toEqual([expect.objectContaining({ email: first, role: "admin" })]);

    // Withdrawn and expired invitations free their seat.
    await revokeInvitation(ctx, { invitationId: open[0]!.id });
    const { secret } = await invite(ctx, second);
    await db().invitation.updateMany({ where: { workspaceId: workspace.id, email: second }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await invite(ctx, uniqueEmail("seat-three"));
    await expectAppError(acceptInvitation(secret, { id: "irrelevant", email: second }), "gone");
  });

  it("counts accepted members as seats, and a larger plan has more", async () => {
    const { ctx, workspace } = await createOwnerWithWorkspace("Growing Co");
    await addMember(workspace.id, "operator");
    await expectAppError(inviteMember(ctx, { email: uniqueEmail("late"), role: "operator" }, meta), "conflict");

    await db().workspace.update({ where: { id: workspace.id }, data: { plan: "team" } });
    for (let i = 0; i < 3; i++) await invite(ctx, uniqueEmail(`team-${i}`));
    await expectAppError(inviteMember(ctx, { email: uniqueEmail("sixth"), role: "operator" }, meta), "conflict");
  });

  it("refuses to invite an existing member", async () => {
    const { ctx, workspace } = await createOwnerWithWorkspace("Member Co");
    const { user } = await addMember(workspace.id, "operator");
    await expectAppError(inviteMember(ctx, { email: user.email.toUpperCase(), role: "admin" }, meta), "conflict");
  });
});

describe("acceptInvitation", () => {
  it("makes the invited user a member with the invited role, once", async () => {
    const { ctx, workspace } = await createOwnerWithWorkspace("Accept Co");
    const invitee = await createUser({ email: uniqueEmail("accepter") });
    const { secret } = await invite(ctx, invitee.email.toUpperCase(), "admin");

    await expect(acceptInvitation(secret, { id: invitee.id, email: invitee.email })).resolves.toEqual({ workspaceSlug: workspace.slug, role: "admin" });
    const membership = await db().membership.findUnique({ where: { workspaceId_userId: { workspaceId: workspace.id, userId: invitee.id } } });
    expect(membership?.role).toBe("admin");
    expect((await contextFor(invitee.id, workspace.slug)).role).toBe("admin");

    const again = await expectAppError(acceptInvitation(secret, { id: invitee.id, email: invitee.email }), "gone");
    expect(again.status).toBe(410);
    expect(await db().membership.count({ where: { workspaceId: workspace.id } })).toBe(2);
    expect((await listMembers(ctx)).invitations).toEqual([]);
  });

  it("refuses a signed-in user with another address", async () => {
    const { ctx, workspace } = await createOwnerWithWorkspace("Forbidden Co");
    const intended = uniqueEmail("intended");
    const { secret } = await invite(ctx, intended);
    const stranger = await createUser({ email: uniqueEmail("stranger") });

    const error = await expectAppError(acceptInvitation(secret, { id: stranger.id, email: stranger.email }), "forbidden");
    expect(error.message).toContain(intended);
    expect(await db().membership.count({ where: { workspaceId: workspace.id, userId: stranger.id } })).toBe(0);
    expect((await db().invitation.findFirstOrThrow({ where: { workspaceId: workspace.id, email: intended } })).acceptedAt).toBeNull();
  });

  it("refuses a withdrawn invitation", async () => {
    const { ctx, workspace } = await createOwnerWithWorkspace("Revoke Co");
    const invitee = await createUser({ email: uniqueEmail("revoked") });
    const { secret } = await invite(ctx, invitee.email);
    const invitation = await db().invitation.findFirstOrThrow({ where: { workspaceId: workspace.id } });
    await revokeInvitation(ctx, { invitationId: invitation.id });

    const error = await expectAppError(acceptInvitation(secret, invitee), "gone");
    expect(error.message).toMatch(/withdrawn/);
    expect(await db().membership.count({ where: { workspaceId: workspace.id, userId: invitee.id } })).toBe(0);
    await expectAppError(revokeInvitation(ctx, { invitationId: invitation.id }), "not_found");
  });

  it("refuses an expired invitation and an unknown secret", async () => {
    const { ctx, workspace } = await createOwnerWithWorkspace("Expiry Co");
    const invitee = await createUser({ email: uniqueEmail("expired") });
    const { secret } = await invite(ctx, invitee.email);
    await db().invitation.updateMany({ where: { workspaceId: workspace.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectAppError(acceptInvitation(secret, invitee), "gone");
    await expectAppError(acceptInvitation("no-such-invitation", invitee), "not_found");
  });

  it("replaces the earlier link when the same person is invited again", async () => {
    const { ctx } = await createOwnerWithWorkspace("Reinvite Co");
    const invitee = await createUser({ email: uniqueEmail("reinvite") });
    const { secret: first } = await invite(ctx, invitee.email, "operator");
    const { secret: second } = await invite(ctx, invitee.email, "admin");
    await expectAppError(acceptInvitation(first, invitee), "gone");
    await expect(acceptInvitation(second, invitee)).resolves.toMatchObject({ role: "admin" });
  });

  it("lets only one of two simultaneous accepts through", async () => {
    const { ctx, workspace } = await createOwnerWithWorkspace("Race Co");
    const invitee = await createUser({ email: uniqueEmail("race") });
    const { secret } = await invite(ctx, invitee.email);
    const results = await Promise.allSettled([acceptInvitation(secret, invitee), acceptInvitation(secret, invitee)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db().membership.count({ where: { workspaceId: workspace.id } })).toBe(2);
    expect(await db().auditLog.count({ where: { workspaceId: workspace.id, action: "member.joined" } })).toBe(1);
  });
});

describe("signing up from an invitation link", () => {
  const password = "Gartenzaun-aus-Holz-3";

  it("verifies the address at once and joins the inviting workspace instead of creating one", async () => {
    const { ctx, workspace } = await createOwnerWithWorkspace("Signup Invite Co");
    const email = uniqueEmail("newcomer");
    const { secret } = await invite(ctx, email, "admin");
    const mailsBefore = (await mailsTo(email)).length;

    await expect(signUp({ name: "Newcomer", email, password, locale: "en", invitationToken: secret }, { ip: "203.0.113.40" })).resolves.toEqual({
      workspaceSlug: workspace.slug,
      verified: true,
    });
    const user = await db().user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(user.memberships).toEqual([expect.objectContaining({ workspaceId: workspace.id, role: "admin" })]);
    expect(await mailsTo(email)).toHaveLength(mailsBefore);
  });

  it("falls back to an ordinary, unverified sign-up when the address differs", async () => {
    const { ctx, workspace } = await createOwnerWithWorkspace("Mismatch Co");
    const invited = uniqueEmail("invited");
    const { secret } = await invite(ctx, invited);
    const other = uniqueEmail("other");

    const result = await signUp({ name: "Other", email: other, password, locale: "en", invitationToken: secret }, { ip: "203.0.113.40" });
    expect(result.verified).toBe(false);
    expect(result.workspaceSlug).not.toBe(workspace.slug);
    const user = await db().user.findUniqueOrThrow({ where: { email: other }, include: { memberships: true } });
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.memberships.map((m) => m.workspaceId)).not.toContain(workspace.id);
    expect((await getInvitation(secret))?.acceptedAt).toBeNull();
  });
});
