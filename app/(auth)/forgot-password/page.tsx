import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { firstParam } from "@/components/auth/safe-callback-url";
import { mailboxEnabled } from "@/lib/mail/send-mail";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.forgot");
  return { title: t("metaTitle") };
}

type TSearch = Promise<Record<string, string | string[] | undefined>>;

export default async function ForgotPasswordPage({ searchParams }: { searchParams: TSearch }) {
  const email = firstParam((await searchParams).email)?.slice(0, 254) ?? "";
  return <ForgotPasswordForm initialEmail={email} mailboxEnabled={mailboxEnabled()} />;
}
