import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard, LINK } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { firstParam, safeCallbackUrl } from "@/components/auth/safe-callback-url";
import { getCurrentUser } from "@/lib/auth/current-user";
import { env } from "@/lib/config/env";
import { mailboxEnabled } from "@/lib/mail/send-mail";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.login");
  return { title: t("metaTitle") };
}

type TSearch = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: TSearch }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(firstParam(params.callbackUrl));
  if (await getCurrentUser()) redirect(callbackUrl);
  const t = await getTranslations("auth.login");
  const email = firstParam(params.email)?.slice(0, 254) ?? "";
  return (
    <AuthCard
      title={t("title")}
      description={t("subtitle")}
      footer={
        <>
          {t("noAccount")}{" "}
          <Link href="/signup" className={LINK}>
            {t("signUp")}
          </Link>
        </>
      }
    >
      <LoginForm
        callbackUrl={callbackUrl}
        initialEmail={email}
        error={firstParam(params.error)?.slice(0, 64) ?? null}
        passwordChanged={firstParam(params.passwordChanged) === "1"}
        googleEnabled={env().googleEnabled}
        mailboxEnabled={mailboxEnabled()}
      />
    </AuthCard>
  );
}
