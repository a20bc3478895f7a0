import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GoogleProvider from "next-auth/providers/google";
import { env } from "../config/env";
import { db } from "../db/client";
import { isAppError } from "../errors/app-error";
import { authorizeCredentials } from "./authorize-credentials";
import { googleSignIn } from "./google-sign-in";
import { clientIp } from "../http/client-ip";

/**
 * next-auth v4 with JWT sessions (the Credentials provider requires them). The token
 * carries our user id and token version; `getCurrentUser` compares the version with the
 * database on every request, so password changes and "sign out everywhere" revoke it.
 */
export function authOptions(): NextAuthOptions {
  const config = env();
  const secure = config.baseUrl.startsWith("https://");
  return {
    secret: config.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    useSecureCookies: secure,
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          try {
            const user = await authorizeCredentials(
              { email: credentials?.email ?? "", password: credentials?.password ?? "" },
              { ip: clientIp(req?.headers) },
            );
            return { id: user.id, email: user.email, name: user.name, tokenVersion: user.tokenVersion };
          } catch (error) {
            if (isAppError(error)) throw new Error(error.code);
            throw error;
          }
        },
      }),
      ...(config.googleEnabled
        ? [
            GoogleProvider({
              clientId: config.GOOGLE_CLIENT_ID!,
              clientSecret: config.GOOGLE_CLIENT_SECRET!,
            }),
          ]
        : []),
    ],
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "google") return true;
        const p = profile as { sub?: string; email?: string; email_verified?: boolean; name?: string; locale?: string } | undefined;
        if (!p?.sub || !p.email) return "/login?error=google_profile";
        const result = await googleSignIn({
          sub: p.sub,
          email: p.email,
          emailVerified: p.email_verified === true,
          name: p.name,
          locale: p.locale,
        });
        return result.ok ? true : `/login?error=${result.reason}`;
      },
      async jwt({ token, user, account }) {
        if (user && account?.provider === "credentials") {
          token.uid = user.id;
          token.tv = (user as { tokenVersion?: number }).tokenVersion ?? 0;
        } else if (user && account?.provider === "google") {
          const linked = await db().account.findUnique({
            where: { provider_providerAccountId: { provider: "google", providerAccountId: account.providerAccountId } },
            include: { user: { select: { id: true, tokenVersion: true } } },
          });
          if (linked) {
            token.uid = linked.user.id;
            token.tv = linked.user.tokenVersion;
          }
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid as string | undefined, tv: token.tv as number | undefined };
      },
    },
  };
}

export { clientIp } from "../http/client-ip";
