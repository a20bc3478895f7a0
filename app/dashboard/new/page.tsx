import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NewWorkspaceForm } from "@/components/dashboard/account/new-workspace-form";
import { Card } from "@/components/ui/card";
import { Logo } from "@/components/ui/logo";
import { requireUserPage } from "@/lib/auth/next/require-page";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.newWorkspace");
  return { title: t("title") };
}

export default async function NewWorkspacePage() {
  await requireUserPage("/dashboard/new");
  const t = await getTranslations("dashboard.newWorkspace");
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-slate-50 px-4 py-10">
      <Link href="/dashboard" className="mb-8">
        <Logo />
      </Link>
      <Card className="w-full max-w-md p-6 sm:p-8">
        <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-500">{t("text")}</p>
        <NewWorkspaceForm />
      </Card>
    </div>
  );
}
