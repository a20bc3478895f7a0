import { db } from "../db/client";
import type { TLocale } from "../i18n/locale";
import { createWorkspace } from "../workspaces/create-workspace";
import { defaultWorkspaceName } from "./sign-up";

export type TGoogleProfile = { sub: string; email: string; emailVerified: boolean; name?: string | null; locale?: string };

export type TGoogleSignInResult = { ok: true; userId: string } | { ok: false; reason: "unverified_google_email" | "unverified_local_account" };

/**
 * Signs in with Google. An existing Google link wins. Otherwise a Google login is linked
 * to an existing account only if that account's address was verified; an unverified
 * password account is never taken over silently.
 */
export async function googleSignIn(profile: TGoogleProfile): Promise<TGoogleSignInResult> {
  const linked = await db().account.findUnique({
    where: { provider_providerAccountId: { provider: "google", providerAccountId: profile.sub } },
  });
  if (linked) return { ok: true, userId: linked.userId };
  if (!profile.emailVerified) return { ok: false, reason: "unverified_google_email" };
  const email = profile.email.trim().toLowerCase();
  const existing = await db().user.findUnique({ where: { email } });
  if (existing) {
    if (!existing.emailVerifiedAt) return { ok: false, reason: "unverified_local_account" };
    await db().account.create({ data: { userId: existing.id, provider: "google", providerAccountId: profile.sub } });
    await db().auditLog.create({ data: { actorId: existing.id, action: "user.google_linked", targetType: "user", targetId: existing.id } });
    return { ok: true, userId: existing.id };
  }
  const locale: TLocale = profile.locale?.startsWith("en") ? "en" : "de";
  const user = await db().$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email,
        name: profile.name ?? null,
        emailVerifiedAt: new Date(),
        locale,
        accounts: { create: { provider: "google", providerAccountId: profile.sub } },
      },
    });
    await createWorkspace({ name: defaultWorkspaceName(profile.name ?? email.split("@")[0]!, locale), ownerId: user.id }, tx);
    return user;
  });
  return { ok: true, userId: user.id };
}
