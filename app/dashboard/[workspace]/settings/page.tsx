import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProviderKeys } from "@/components/dashboard/settings/provider-keys";
import { SettingsForm } from "@/components/dashboard/settings/settings-form";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { DEFAULT_CHAT_MODEL } from "@/lib/bots/chat-models";
import { env } from "@/lib/config/env";
import { listProviderKeys } from "@/lib/workspaces/manage-provider-keys";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.settings");
  return { title: t("title") };
}

export default async function SettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { ctx, workspace } = await requireWorkspacePage(slug, ["admin"], `/dashboard/${slug}/settings`);
  const t = await getTranslations("dashboard.settings");
  const keys = await listProviderKeys(ctx);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <Card>
          <CardHeader title={t("general")} />
          <SettingsForm
            slug={slug}
            baseUrl={env().baseUrl}
            initial={{ name: workspace.name, slug: workspace.slug, allowedDomains: workspace.allowedDomains, retentionDays: workspace.retentionDays }}
          />
        </Card>
        <ProviderKeys slug={slug} defaultModels={DEFAULT_CHAT_MODEL} keys={keys.map((k) => ({ ...k, updatedAt: k.updatedAt.toISOString() }))} />
      </div>
    </>
  );
}
