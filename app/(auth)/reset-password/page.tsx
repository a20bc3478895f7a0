import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { firstParam } from "@/components/auth/safe-callback-url";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.reset");
  return { title: t("metaTitle"), referrer: "no-referrer" };
}

type TSearch = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPasswordPage({ searchParams }: { searchParams: TSearch }) {
  const token = firstParam((await searchParams).token)?.trim() || null;
  return <ResetPasswordForm token={token && token.length <= 200 ? token : null} passwordMinLength={PASSWORD_MIN_LENGTH} />;
}
