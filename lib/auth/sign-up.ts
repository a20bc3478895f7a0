import { z } from "zod";
import { env } from "../config/env";
import { db } from "../db/client";
import type { TLocale } from "../i18n/locale";
import { sendMail } from "../mail/send-mail";
import { verifyEmailMail } from "../mail/templates";
import { consumeRateLimit } from "../rate-limit/rate-limit";
import { ZEmail, ZLocale, ZName, ZWorkspaceName } from "../validation/common";
import { acceptInvitation, getInvitation, invitationState } from "../workspaces/accept-invitation";
import { createWorkspace } from "../workspaces/create-workspace";
import { issueAuthToken } from "./auth-tokens";
import { createPasswordUser } from "./create-user";
import { hashPassword, ZPassword } from "./password";

export const ZSignUpInput = z.object({
  name: ZName,
  email: ZEmail,
  password: ZPassword,
  workspaceName: ZWorkspaceName.optional(),
  locale: ZLocale.default("de"),
  invitationToken: z.string().max(200).optional(),
});
export type TSignUpInput = z.input<typeof ZSignUpInput>;

/**
 * Creates the user, their first workspace and a verification token in one transaction,
 * then sends the verification email. The account cannot sign in until verified.
 *
 * Signing up from an invitation link sent to the same address proves the address: the
 * account is verified at once and joins the inviting workspace instead of getting its own.
 */
export async function signUp(rawInput: TSignUpInput, meta: { ip: string }) {
  const input = ZSignUpInput.parse(rawInput);
  await consumeRateLimit("signup", meta.ip);
  const passwordHash = await hashPassword(input.password);
  const invitation = input.invitationToken ? await getInvitation(input.invitationToken) : null;
  const viaInvitation = invitation !== null && invitationState(invitation) === "open" && invitation.email === input.email;
  if (viaInvitation) {
    const joined = await db().$transaction(async (tx) => {
      const user = await createPasswordUser(
        { email: input.email, password: input.password, passwordHash, name: input.name, locale: input.locale, verified: true },
        tx,
      );
      return acceptInvitation(input.invitationToken!, user, tx);
    });
    return { workspaceSlug: joined.workspaceSlug, verified: true as const };
  }
  const { user, workspace, secret } = await db().$transaction(async (tx) => {
    const user = await createPasswordUser(
      { email: input.email, password: input.password, passwordHash, name: input.name, locale: input.locale },
      tx,
    );
    const workspace = await createWorkspace(
      { name: input.workspaceName ?? defaultWorkspaceName(input.name, input.locale), ownerId: user.id },
      tx,
    );
    const secret = await issueAuthToken(user.id, "verify_email", tx);
    await tx.auditLog.create({
      data: { workspaceId: workspace.id, actorId: user.id, action: "user.signed_up", targetType: "user", targetId: user.id },
    });
    return { user, workspace, secret };
  });
  await sendVerificationMail(user.email, secret, input.locale);
  return { workspaceSlug: workspace.slug, verified: false as const };
}

export function defaultWorkspaceName(name: string, locale: TLocale): string {
  const first = name.trim().split(/\s+/)[0] ?? name;
  const candidate = locale === "de" ? `Arbeitsbereich von ${first}` : `${first}'s workspace`;
  return candidate.slice(0, 60);
}

export async function sendVerificationMail(email: string, secret: string, locale: TLocale) {
  const url = `${env().baseUrl}/verify-email?token=${encodeURIComponent(secret)}`;
  await sendMail(verifyEmailMail(email, url, locale));
}
