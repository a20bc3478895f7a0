import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { firstParam } from "@/components/auth/safe-callback-url";
import { SignUpForm } from "@/components/auth/signup-form";
import { getCurrentUser } from "@/lib/auth/current-user";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { env } from "@/lib/config/env";
import { mailboxEnabled } from "@/lib/mail/send-mail";
import { getInvitation, invitationState } from "@/lib/workspaces/accept-invitation";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signup");
  return { title: t("metaTitle"), referrer: "no-referrer" };
}

type TSearch = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: TSearch }) {
  const params = await searchParams;
  const token = firstParam(params.invitation)?.slice(0, 200);
  if (await getCurrentUser()) redirect(token ? `/invite/${encodeURIComponent(token)}` : "/dashboard");

  // Only an open invitation changes the form; anything else is a normal sign-up.
  const found = token ? await getInvitation(token) : null;
  const invitation =
    token && found && invitationState(found) === "open" ? { token, workspaceName: found.workspace.name, email: found.email } : null;
  const email = (firstParam(params.email) ?? invitation?.email ?? "").slice(0, 254);

  return (
    <SignUpForm
      invitation={invitation}
      initialEmail={email}
      passwordMinLength={PASSWORD_MIN_LENGTH}
      googleEnabled={env().googleEnabled}
      mailboxEnabled={mailboxEnabled()}
    />
  );
}
