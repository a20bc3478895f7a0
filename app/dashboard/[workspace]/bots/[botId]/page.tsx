import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BotSettings } from "@/components/dashboard/bots/bot-settings";
import { SourcesPanel } from "@/components/dashboard/bots/sources-panel";
import { TestSearch } from "@/components/dashboard/bots/test-search";
import { PageHeader } from "@/components/ui/card";
import { requireWorkspacePage } from "@/lib/auth/next/require-page";
import { getBot } from "@/lib/bots/bots";
import { isAppError } from "@/lib/errors/app-error";
import { listSources } from "@/lib/kb/sources";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.bots");
  return { title: t("title") };
}

export default async function BotPage({ params }: { params: Promise<{ workspace: string; botId: string }> }) {
  const { workspace: slug, botId } = await params;
  const { ctx } = await requireWorkspacePage(slug, ["admin"], `/dashboard/${slug}/bots/${botId}`);
  const t = await getTranslations("dashboard.bots");
  const bot = await getBot(ctx, botId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const sources = await listSources(ctx, bot.id);
  return (
    <>
      <Link href={`/dashboard/${slug}/bots`} className="text-sm font-medium text-brand-600 hover:text-brand-700">
        ← {t("title")}
      </Link>
      <div className="mt-3">
        <PageHeader title={bot.name} description={bot.description ?? t("noDescription")} />
      </div>
      <div className="space-y-6">
        <SourcesPanel
          slug={slug}
          botId={bot.id}
          sources={sources.map((s) => ({ ...s, lastRunAt: s.lastRunAt?.toISOString() ?? null, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() }))}
        />
        <TestSearch slug={slug} botId={bot.id} />
        <BotSettings slug={slug} bot={{ id: bot.id, publicId: bot.publicId, name: bot.name, description: bot.description ?? "", languages: bot.languages as ("de" | "en")[] }} />
      </div>
    </>
  );
}
