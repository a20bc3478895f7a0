import { getServerSession } from "next-auth";
import { db } from "../db/client";
import { authOptions } from "./auth-options";

export type TCurrentUser = {
  id: string;
  email: string;
  name: string | null;
  locale: string;
  hasPassword: boolean;
};

/** The signed-in user, or null when not signed in or the session was revoked. */
export async function getCurrentUser(): Promise<TCurrentUser | null> {
  const session = (await getServerSession(authOptions())) as { uid?: string; tv?: number } | null;
  if (!session?.uid) return null;
  return userForToken(session.uid, session.tv);
}

export async function userForToken(uid: string, tokenVersion: number | undefined): Promise<TCurrentUser | null> {
  const user = await db().user.findUnique({ where: { id: uid } });
  if (!user || user.tokenVersion !== (tokenVersion ?? -1) || !user.emailVerifiedAt) return null;
  return { id: user.id, email: user.email, name: user.name, locale: user.locale, hasPassword: Boolean(user.passwordHash) };
}
