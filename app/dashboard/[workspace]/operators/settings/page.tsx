import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LiveChatSettingsForm } from "@/components/dashboard/operators/live-chat-settings-form";
import { Card, CardHeader } from "@/components/ui/card";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { readLiveChatSettings } from "@/lib/live-chat/settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.operators.settings");
  return { title: t("title") };
}

export default async function LiveChatSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { workspace } = await requireWorkspacePage(slug, ["admin"], `/dashboard/${slug}/operators/settings`);
  const t = await getTranslations("dashboard.operators.settings");
  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      <LiveChatSettingsForm slug={slug} initial={readLiveChatSettings(workspace.liveChatSettings)} />
    </Card>
  );
}
