import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SettingsForm } from "@/components/dashboard/settings/settings-form";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { env } from "@/lib/config/env";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.settings");
  return { title: t("title") };
}

export default async function SettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { workspace } = await requireWorkspacePage(slug, ["admin"], `/dashboard/${slug}/settings`);
  const t = await getTranslations("dashboard.settings");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <CardHeader title={t("general")} />
        <SettingsForm
          slug={slug}
          baseUrl={env().baseUrl}
          initial={{ name: workspace.name, slug: workspace.slug, allowedDomains: workspace.allowedDomains, retentionDays: workspace.retentionDays }}
        />
      </Card>
    </>
  );
}
