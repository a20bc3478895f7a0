import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { firstParam } from "@/components/auth/safe-callback-url";
import { VerifyEmailForm } from "@/components/auth/verify-email-form";
import { mailboxEnabled } from "@/lib/mail/send-mail";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.verify");
  return { title: t("metaTitle"), referrer: "no-referrer" };
}

type TSearch = Promise<Record<string, string | string[] | undefined>>;

/** Renders only; the token is used when the person presses the button. */
export default async function VerifyEmailPage({ searchParams }: { searchParams: TSearch }) {
  const token = firstParam((await searchParams).token)?.trim() || null;
  return <VerifyEmailForm token={token && token.length <= 200 ? token : null} mailboxEnabled={mailboxEnabled()} />;
}
