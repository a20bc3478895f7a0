import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DangerZone, PasswordForm, ProfileForm, SessionsCard } from "@/components/dashboard/account/account-forms";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { Logo } from "@/components/ui/logo";
import { requireUserPage } from "@/lib/auth/next/require-page";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.account");
  return { title: t("title") };
}

export default async function AccountPage() {
  const user = await requireUserPage("/dashboard/account");
  const t = await getTranslations("dashboard.account");
  return (
    <div className="min-h-dvh bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-3xl items-center justify-between px-4 sm:px-6">
          <Link href="/dashboard">
            <Logo />
          </Link>
          <Link href="/dashboard" className="text-sm font-medium text-brand-600 hover:text-brand-700">
            ← {t("back")}
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:px-6">
        <PageHeader title={t("title")} description={user.email} />
        <Card>
          <CardHeader title={t("profile")} />
          <ProfileForm initial={{ name: user.name ?? "", locale: user.locale === "en" ? "en" : "de" }} />
        </Card>
        <Card>
          <CardHeader title={user.hasPassword ? t("changePassword") : t("setPassword")} description={t("passwordText")} />
          <PasswordForm hasPassword={user.hasPassword} />
        </Card>
        <SessionsCard />
        <DangerZone email={user.email} hasPassword={user.hasPassword} />
      </main>
    </div>
  );
}
